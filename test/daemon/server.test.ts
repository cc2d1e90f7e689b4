// The daemon's socket server against hostile and broken peers (docs/security.md T12, tests
// 13-17): in-process, with short limits, the real handlers, and a fake engine whose resolve
// waits on a gate (the engine is the edge here: the server must not care what it does).
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ConfigCache } from '../../src/daemon/configCache.ts';
import { EngineHost, type Engine } from '../../src/daemon/engineHost.ts';
import { ConsolePages } from '../../src/daemon/consolePages.ts';
import { makeDispatch } from '../../src/daemon/handlers.ts';
import { EcsService } from '../../src/daemon/ecs/service.ts';
import { LockState } from '../../src/daemon/lockState.ts';
import { DaemonServer } from '../../src/daemon/server.ts';
import type { Logger } from '../../src/daemon/log.ts';
import { ensureRuntimeDir, socketPath } from '../../src/ipc/runtimeDir.ts';
import { PROTOCOL_VERSION } from '../../src/ipc/protocol.ts';
import { rawClient, type RawClient } from '../helpers/rawClient.ts';
import { seededRandom, pick } from '../helpers/random.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { waitFor } from '../helpers/waitFor.ts';

const quiet: Logger = { info() {}, warn() {}, error() {}, debug() {}, close() {} };

interface Harness {
  readonly path: string;
  readonly server: DaemonServer;
  readonly engine: { started: number; finished: number; release: () => void };
}

/** `resolve`: the engine's answer once the gate opens (default: credentials); `log`: where the daemon logs. */
interface EngineOptions {
  readonly resolve?: Engine['resolve'];
  readonly log?: Logger;
}

async function startServer(t: TestContext, limits: { idleMs?: number; frameMs?: number; requestMs?: number } = {}, maxConnections?: number, options: EngineOptions = {}): Promise<Harness> {
  const dir = join(tempDir(t), 'run');
  ensureRuntimeDir(dir);
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  const state = { started: 0, finished: 0, release: () => release() };
  const engine: Engine = {
    async resolve(req) {
      state.started++;
      await gate;
      state.finished++;
      if (options.resolve) return options.resolve(req);
      return { kind: 'credentials', profile: req.profile, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' }, region: undefined };
    },
    sessions: () => [],
    forget: () => 0,
    clear: () => undefined,
  };
  const engines = new EngineHost(async () => ({ engine, sts: { getCallerIdentity: () => Promise.reject(new Error('unused')), getFederationToken: () => Promise.reject(new Error('unused')) } }));
  const configs = new ConfigCache();
  const lock = new LockState();
  const ecs = new EcsService({ engines, configs, lock, log: quiet });
  t.after(() => ecs.close());
  const log = options.log ?? quiet;
  const dispatch = makeDispatch({
    engines,
    configs,
    lock,
    pages: new ConsolePages(dir, { graceMs: 0, maxAgeMs: 0 }),
    ecs,
    lockMarker: { save: () => undefined, remove: () => undefined },
    log,
    stats: () => ({ connections: 0, startedAt: new Date(), runtimeDir: dir, idleExitSeconds: 0 }),
    requestShutdown: () => undefined,
  });
  const path = socketPath(dir);
  const server = await DaemonServer.listen({ socketPath: path, dispatch, log, limits: { idleMs: 5_000, frameMs: 5_000, ...limits }, ...(maxConnections ? { maxConnections } : {}) });
  t.after(() => {
    state.release();
    server.closeNow();
  });
  return { path, server, engine: state };
}

async function client(t: TestContext, path: string): Promise<RawClient> {
  const c = await rawClient(path);
  t.after(() => c.socket.destroy());
  return c;
}

const hello = (id: number): string => JSON.stringify({ id, method: 'hello', params: { protocol: PROTOCOL_VERSION, client: 'test' } }) + '\n';
const resolveReq = (id: number): string => JSON.stringify({ id, method: 'resolve', params: { profile: 'p', env: { HOME: '/nonexistent' } } }) + '\n';

async function assertServes(t: TestContext, path: string): Promise<void> {
  const c = await client(t, path);
  c.send(hello(7));
  const answer = await c.frame(1);
  assert.equal(answer.id, 7);
  assert.equal(answer.ok, true);
}

test('garbage, a non-object and bad UTF-8 get an error frame and a close; others are still served (security 14)', async (t) => {
  const { path } = await startServer(t);
  for (const bad of ['this is not json\n', '[1,2,3]\n', Buffer.from([0xff, 0xfe, 0x0a]), '{"__proto__": {"x": 1}}\n']) {
    const c = await client(t, path);
    c.send(bad);
    const answer = await c.frame(1);
    assert.equal(answer.ok, false);
    assert.equal(answer.id, 0);
    await c.waitClosed();
  }
  await assertServes(t, path);
});

test('an unknown method is answered with an error and a close, without echoing the name (security 14)', async (t) => {
  const { path } = await startServer(t);
  const c = await client(t, path);
  c.send(JSON.stringify({ id: 3, method: '\u001b]52;c;evil\u0007', params: {} }) + '\n');
  const answer = (await c.frame(1)) as { id: number; error: { message: string } };
  assert.equal(answer.id, 3);
  assert.doesNotMatch(answer.error.message, /evil/);
  await c.waitClosed();
});

test('invalid params get an error and the connection stays usable (security 14)', async (t) => {
  const { path } = await startServer(t);
  const c = await client(t, path);
  c.send(JSON.stringify({ id: 1, method: 'resolve', params: { profile: 5, env: {} } }) + '\n');
  c.send(JSON.stringify({ id: 2, method: 'resolve', params: { profile: 'p', env: { NODE_OPTIONS: '--inspect' } } }) + '\n');
  c.send(hello(3));
  const [a, b, ok] = [await c.frame(1), await c.frame(2), await c.frame(3)];
  assert.deepEqual([a.ok, b.ok, ok.ok], [false, false, true]);
  assert.match((a as { error: { message: string } }).error.message, /params\.profile/);
  assert.match((b as { error: { message: string } }).error.message, /NODE_OPTIONS/);
  assert.equal(c.closed(), false);
});

test('an oversized line is cut off at the cap while a concurrent client is served (security 13)', async (t) => {
  const { path } = await startServer(t);
  const big = await client(t, path);
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  // 10 MiB with no newline, written as fast as the socket takes it.
  for (let i = 0; i < 160 && !big.closed(); i++) big.send(chunk);
  await assertServes(t, path);
  await big.waitClosed();
  const answer = big.frames[0] as { ok: boolean; error: { message: string } } | undefined;
  if (answer !== undefined) assert.match(answer.error.message, /longer than 65536 bytes/);
});

test('a slow client that stalls or dribbles mid-frame is closed at the frame deadline; others are served meanwhile (security 15)', async (t) => {
  const { path } = await startServer(t, { frameMs: 400 });
  const stalled = await client(t, path);
  stalled.send('{"id": 1, "method": "hel');
  const dribbler = await client(t, path);
  dribbler.send('{');
  const drip = setInterval(() => dribbler.send(' '), 50);
  t.after(() => clearInterval(drip));
  const started = performance.now();
  await assertServes(t, path);
  await stalled.waitClosed(3_000);
  await dribbler.waitClosed(3_000);
  clearInterval(drip);
  assert.ok(performance.now() - started < 2_000, 'closed near the 400 ms deadline, not reset by each byte');
  assert.equal(stalled.frames.length, 0);
});

test('an idle connection is closed (security 16)', async (t) => {
  const { path } = await startServer(t, { idleMs: 300 });
  const c = await client(t, path);
  await c.waitClosed(3_000);
});

test('a client that disconnects mid-request: no crash, the work completes, others are served (security 17)', async (t) => {
  const { path, engine } = await startServer(t);
  const c = await client(t, path);
  c.send(resolveReq(1));
  await waitFor(() => engine.started === 1, 'the resolve to start');
  c.socket.destroy();
  await waitFor(() => c.closed(), 'the client to be gone');
  engine.release();
  await waitFor(() => engine.finished === 1, 'the resolve to finish');
  await assertServes(t, path);
});

test('a request past its deadline gets an error, and the connection serves the next one', async (t) => {
  const { path } = await startServer(t, { requestMs: 200 });
  const c = await client(t, path);
  c.send(resolveReq(1));
  const late = (await c.frame(1)) as { ok: boolean; error: { code: string; message: string } };
  assert.equal(late.ok, false);
  assert.match(late.error.message, /not done within/);
  assert.equal(late.error.code, 'StsError', 'a late credential method waits on STS; lock or sessions late would be DaemonError');
  c.send(hello(2));
  assert.equal((await c.frame(2)).ok, true);
});

/** A logger that keeps its lines. */
function recordingLog(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  const keep = (m: string) => void lines.push(m);
  return { lines, info: keep, warn: keep, error: keep, debug: keep, close() {} };
}

test('a bug met in one request (an exception that is no AwsxError) fails that request with an internal error; the log gets the class and stack, not the message; the connection serves on (issue 16.1)', async (t) => {
  const log = recordingLog();
  const { path, engine } = await startServer(t, {}, undefined, {
    log,
    resolve: () => {
      throw new TypeError('cannot read properties of CANARY-server-secret');
    },
  });
  engine.release();
  const c = await client(t, path);
  c.send(resolveReq(1));
  const answer = (await c.frame(1)) as { ok: boolean; error: { code: string; message: string; hint: string } };
  assert.equal(answer.ok, false);
  assert.match(answer.error.message, /internal error \(TypeError\)/);
  assert.match(answer.error.hint, /see daemon\.log/);
  assert.ok(log.lines.some((l) => /^resolve: an unexpected error, answered as an internal error: TypeError \| at /.test(l)), log.lines.join('\n'));
  assert.ok(!`${JSON.stringify(answer)}${log.lines.join('')}`.includes('CANARY'), 'the message of the bug');
  c.send(hello(2));
  assert.equal((await c.frame(2)).ok, true);
  await assertServes(t, path);
});

test('an answer that does not fit the protocol fails that request, naming the field and not its value; the connection serves on (issue 17.3)', async (t) => {
  const log = recordingLog();
  const { path, engine } = await startServer(t, {}, undefined, {
    log,
    resolve: async (req) => ({ kind: 'credentials', profile: req.profile, credentials: { accessKeyId: `AKID${'X'.repeat(300)}`, secretAccessKey: 'CANARY-secret' }, region: undefined }),
  });
  engine.release();
  const c = await client(t, path);
  c.send(resolveReq(1));
  const answer = (await c.frame(1)) as { ok: boolean; error: { code: string; message: string } };
  assert.equal(answer.ok, false);
  assert.equal(answer.error.message, "resolve: the daemon's answer does not fit the protocol (result.credentials.accessKeyId: expected a string of at most 128 characters)");
  assert.ok(log.lines.some((l) => l.includes('resolve: the answer does not fit the protocol')), log.lines.join('\n'));
  assert.ok(!`${JSON.stringify(answer)}${log.lines.join('')}`.includes('XXXX'), 'the value');
  c.send(hello(2));
  assert.equal((await c.frame(2)).ok, true);
});

test('connections beyond maxConnections are closed at once (security 16)', async (t) => {
  const { path } = await startServer(t, {}, 3);
  const held = await Promise.all([1, 2, 3].map(() => client(t, path)));
  const extra = await client(t, path);
  await extra.waitClosed(2_000);
  for (const h of held) h.socket.destroy();
  await waitFor(async () => {
    const c = await rawClient(path);
    c.send(hello(1));
    await waitFor(() => c.frames.length > 0 || c.closed(), 'an answer or a close', 2_000);
    c.socket.destroy();
    return c.frames.length > 0;
  }, 'service to return once the held connections close');
});

test('drain: a request in flight finishes, new connections are refused', async (t) => {
  const { path, server, engine } = await startServer(t);
  const c = await client(t, path);
  c.send(resolveReq(1));
  await waitFor(() => engine.started === 1, 'the resolve to start');
  const drained = server.drain(5_000);
  await assert.rejects(rawClient(path));
  engine.release();
  const answer = await c.frame(1);
  assert.equal(answer.ok, true);
  await drained;
  await c.waitClosed();
});

test('fuzz: 2,000 seeded hostile frames never crash the server, and nothing is polluted (security 14)', async (t) => {
  // Lines that are only whitespace are skipped, not answered: the idle limit closes those.
  const { path, engine } = await startServer(t, { idleMs: 500 });
  engine.release();
  const rand = seededRandom(0xa5e5);
  const pieces = ['{', '}', '[', ']', '"', ':', ',', '\\', '\\u0000', '__proto__', 'constructor', 'prototype', 'method', 'id', 'params', 'hello', 'resolve', '1e999', '-1', 'null', 'true', '\u00ff', '\ud800', ' ', '\r'];
  const mutate = (): string => {
    if (rand() < 0.1) return '['.repeat(10_000) + ']'.repeat(10_000);
    if (rand() < 0.2) return JSON.stringify({ id: Math.floor(rand() * 5), method: pick(rand, ['hello', 'resolve', 'forget', 'status', 'nope', 'toString']), params: { profile: pick(rand, ['p', 5, null, {}, []]), env: pick(rand, [{}, { PATH: 1 }, { ['__proto__']: 'x' }, []]) } });
    return Array.from({ length: 1 + Math.floor(rand() * 30) }, () => pick(rand, pieces)).join('');
  };
  for (let batch = 0; batch < 20; batch++) {
    const clients = await Promise.all(Array.from({ length: 10 }, () => client(t, path)));
    for (const c of clients) for (let i = 0; i < 10; i++) c.send(mutate() + '\n');
    await Promise.all(clients.map((c) => waitFor(() => c.frames.length > 0 || c.closed(), 'an answer or a close', 3_000)));
    for (const c of clients) c.socket.destroy();
  }
  assert.equal(({} as Record<string, unknown>).x, undefined);
  await assertServes(t, path);
});
