// docs/security.md section C (T12) against the real daemon process, started as a user's CLI
// starts it, with its own limits (64 KiB frames, 5 s frame deadline, 2,048 connections):
// oversized frames, a 10,000-frame fuzz, slowloris, a connection flood, and a client that
// leaves mid-request. STS is moto behind the fault proxy, so "served" means real credentials.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { test, type TestContext } from 'node:test';
import { PROTOCOL_VERSION } from '../../src/ipc/protocol.ts';
import { DEFAULT_MAX_CONNECTIONS } from '../../src/daemon/server.ts';
import { isAlive } from '../helpers/daemon.ts';
import { keyOf, liveHome, percentile, procStats, request, resolveOver, startDaemon, type LiveHome } from '../helpers/liveDaemon.ts';
import { pick, seededRandom } from '../helpers/random.ts';
import { rawClient, type RawClient } from '../helpers/rawClient.ts';
import { useMotoAndProxy } from '../helpers/stsFixture.ts';
import { waitFor } from '../helpers/waitFor.ts';

const sts = useMotoAndProxy();

const FILES = {
  config: [
    '[profile app]', 'role_arn = arn:aws:iam::123456789012:role/app', 'source_profile = base', 'region = us-east-1',
    '[profile slow]', 'role_arn = arn:aws:iam::123456789012:role/slow', 'source_profile = base', 'region = us-east-1', '',
  ].join('\n'),
  credentials: '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = CANARY-c-ipc-secret\n',
};

interface Live {
  readonly home: LiveHome;
  readonly pid: number;
  readonly socket: string;
  /** The key of app's session, fetched once before the test's abuse. */
  readonly appKey: string;
}

async function live(t: TestContext): Promise<Live> {
  const home = liveHome(t, sts.proxy.url, FILES);
  const pid = await startDaemon(home);
  const socket = home.runtime.socket;
  // The engine (and the AWS SDK) loads on the first resolve: before any RSS is measured.
  const appKey = keyOf(await resolveOver(socket, home, 'app'));
  return { home, pid, socket, appKey };
}

async function raw(t: TestContext, path: string): Promise<RawClient> {
  const c = await rawClient(path);
  t.after(() => c.socket.destroy());
  return c;
}

/** The daemon still runs, logged no crash, and serves app's cached session. */
async function assertHealthy(d: Live): Promise<void> {
  assert.ok(isAlive(d.pid), 'the daemon is still running');
  const log = readFileSync(d.home.runtime.log, 'utf8');
  assert.doesNotMatch(log, /uncaught exception|unhandled rejection|a bug \(/, 'no crash or unhandled rejection in the log');
  assert.equal(keyOf(await resolveOver(d.socket, d.home, 'app')), d.appKey);
}

/** Writes `total` bytes with no newline, honouring backpressure; how many the socket took before the daemon hung up. */
async function stream(c: RawClient, total: number): Promise<number> {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  let written = 0;
  while (written < total && !c.closed()) {
    const more = c.socket.write(chunk);
    written += chunk.length;
    if (!more) await Promise.race([once(c.socket, 'drain'), once(c.socket, 'close')]).catch(() => undefined);
  }
  return written;
}

const hello = (id: number, pad = 0): string => {
  const frame = JSON.stringify({ id, method: 'hello', params: { protocol: PROTOCOL_VERSION, client: 'test' } });
  return `${frame.slice(0, -1)}${' '.repeat(pad)}}\n`;
};

test('a 10 MiB line is cut off at the 64 KiB cap, RSS grows under 5 MiB, and a concurrent client is served (security 13)', async (t) => {
  const d = await live(t);
  const rssBefore = procStats(d.pid).rssKiB;
  const big = await raw(t, d.socket);
  const streaming = stream(big, 10 * 1024 * 1024);
  // Meanwhile a legitimate client gets its cached credentials.
  assert.equal(keyOf(await resolveOver(d.socket, d.home, 'app')), d.appKey);
  const taken = await streaming;
  await big.waitClosed();
  const answer = big.frames[0] as { ok: boolean; error: { message: string } } | undefined;
  if (answer !== undefined) assert.match(answer.error.message, /^ipc frame: line longer than 65536 bytes$/);
  // What the socket took is the cap, what the daemon read before its answer arrived, and
  // the kernel's socket buffers (about 200 KiB each way): far from the 10 MiB offered.
  // Node 22's streams let about 2.4 MiB in before the close landed (20 and 24: under 2).
  assert.ok(taken < 4 * 1024 * 1024, `the daemon stopped reading: ${taken} bytes taken`);
  const grown = procStats(d.pid).rssKiB - rssBefore;
  t.diagnostic(`RSS grew by ${grown} KiB; ${taken} bytes taken before the close`);
  assert.ok(grown < 5 * 1024, `RSS grew by ${grown} KiB`);

  // The boundary: a frame of exactly the cap is read; one byte more is refused.
  const exact = hello(1);
  const atCap = await raw(t, d.socket);
  atCap.send(hello(1, 65536 - (exact.length - 1)));
  assert.equal((await atCap.frame(1)).ok, true);
  const over = await raw(t, d.socket);
  over.send(hello(1, 65537 - (exact.length - 1)));
  assert.match(((await over.frame(1)) as { error: { message: string } }).error.message, /longer than 65536 bytes/);
  await over.waitClosed();
  await assertHealthy(d);
});

// ---- fuzz ----

const METHODS = ['hello', 'resolve', 'whoami', 'sessions', 'forget', 'status', 'nope', 'toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf', ''];
const NASTY_KEYS = ['__proto__', 'constructor', 'prototype'];

/** One hostile frame, never containing a newline; the label says which kind, for the failure report. */
function fuzzFrame(rand: () => number, valid: string): [string, Buffer] {
  const r = rand();
  const text = (s: string): Buffer => Buffer.from(s.replaceAll('\n', ' '));
  if (r < 0.12) {
    // truncated JSON: a valid request cut anywhere
    return ['truncated', text(valid.slice(0, 1 + Math.floor(rand() * (valid.length - 1))))];
  }
  if (r < 0.22) {
    // invalid UTF-8: a lone continuation byte, an overlong form, a surrogate, a cut sequence
    const bad = pick(rand, [[0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xff], [0xf8, 0x88, 0x80, 0x80, 0x80]]);
    const at = Math.floor(rand() * valid.length);
    return ['bad-utf8', Buffer.concat([Buffer.from(valid.slice(0, at)), Buffer.from(bad), Buffer.from(valid.slice(at))])];
  }
  if (r < 0.3) {
    // deep nesting: under the cap (refused by depth) or 10^6 deep (refused by the cap)
    const depth = rand() < 0.8 ? 33 + Math.floor(rand() * 30_000) : 1_000_000;
    const inner = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    return ['deep', text(rand() < 0.5 ? inner : `{"id":1,"method":"hello","params":${inner}}`)];
  }
  if (r < 0.42) {
    // prototype keys anywhere: envelope, params, env, nested
    const key = pick(rand, NASTY_KEYS);
    const where = pick(rand, [
      `{"${key}":{"x":1},"id":1,"method":"hello","params":{"protocol":${PROTOCOL_VERSION},"client":"t"}}`,
      `{"id":1,"method":"resolve","params":{"profile":"app","env":{"${key}":{"HOME":"/"}}}}`,
      `{"id":1,"method":"hello","params":{"protocol":${PROTOCOL_VERSION},"client":"t","${key}":{"polluted":true}}}`,
      `{"id":1,"method":"resolve","params":{"profile":"app","env":{},"cwd":{"${key}":[]}}}`,
      `{"id":{"${key}":1},"method":"hello"}`,
    ]);
    return ['proto-key', text(where)];
  }
  if (r < 0.58) {
    // wrong types in every field
    const v = () => pick<unknown>(rand, [null, true, -1, 0, 1.5, 2 ** 53, '', 'x', [], {}, [1], { a: 1 }, 'A'.repeat(5000)]);
    const frame = { id: rand() < 0.7 ? 1 + Math.floor(rand() * 100) : v(), method: pick(rand, ['hello', 'resolve', 'whoami', 'forget', 'sessions', 'status']), params: rand() < 0.2 ? v() : { profile: v(), env: rand() < 0.5 ? v() : { HOME: v(), PATH: v(), NODE_OPTIONS: '--require /tmp/x.js' }, protocol: v(), client: v(), all: v(), forceRefresh: v(), mfaCode: v() } };
    return ['wrong-types', text(JSON.stringify(frame))];
  }
  if (r < 0.68) {
    // unknown methods, including names inherited from Object.prototype
    return ['unknown-method', text(JSON.stringify({ id: 1 + Math.floor(rand() * 100), method: pick(rand, METHODS.slice(6)), params: {} }))];
  }
  if (r < 0.76) {
    // mismatched protocol versions
    const protocol = pick<unknown>(rand, [0, PROTOCOL_VERSION - 1, PROTOCOL_VERSION + 1, 999_999, 1_000_001, -1, '1', null]);
    return ['version', text(JSON.stringify({ id: 1, method: 'hello', params: { protocol, client: pick(rand, ['awsx 0.0.1', 'x'.repeat(65), '\u001b]52;c;x\u0007']) } }))];
  }
  // random mutations of a valid request: bytes flipped, dropped or inserted
  const bytes = [...Buffer.from(valid)];
  for (let n = 1 + Math.floor(rand() * 4); n > 0; n--) {
    const at = Math.floor(rand() * bytes.length);
    const op = rand();
    if (op < 0.4) bytes[at] = Math.floor(rand() * 256);
    else if (op < 0.7) bytes.splice(at, 1);
    else bytes.splice(at, 0, Math.floor(rand() * 256));
  }
  const mutated = Buffer.from(bytes.map((b) => (b === 0x0a ? 0x20 : b)));
  return ['mutated', mutated];
}

/** A line that reads as nothing (empty or a lone CR) is skipped, not answered: not a frame. */
const isBlank = (b: Buffer): boolean => b.length === 0 || (b.length === 1 && b[0] === 0x0d);

test('fuzz: 10,000 seeded hostile frames each get an error or a close; the daemon never crashes and still serves (security 14)', async (t) => {
  const d = await live(t);
  const seed = Number(process.env['AWSX_FUZZ_SEED'] ?? Date.now() % 2 ** 31);
  t.diagnostic(`seed ${seed} (rerun with AWSX_FUZZ_SEED=${seed})`);
  const rand = seededRandom(seed);
  // Requests the fuzz may mutate. Admin methods that change the daemon on purpose
  // (shutdown, lock) are left out: sent intact, they would be obeyed, as they should be.
  const valid = [
    JSON.stringify({ id: 1, method: 'hello', params: { protocol: PROTOCOL_VERSION, client: 'fuzz' } }),
    JSON.stringify({ id: 2, method: 'resolve', params: { profile: 'nope', env: { HOME: d.home.home } } }),
    JSON.stringify({ id: 3, method: 'sessions', params: {} }),
    JSON.stringify({ id: 4, method: 'status', params: {} }),
  ];
  const frames: [string, Buffer][] = [];
  while (frames.length < 10_000) {
    const f = fuzzFrame(rand, pick(rand, valid));
    if (!isBlank(f[1]) && !/"(shutdown|lock|unlock)"/.test(f[1].toString('latin1'))) frames.push(f);
  }
  const outcome = { answered: 0, closed: 0, connections: 0 };
  const kinds = new Map<string, number>();
  let next = 0;
  // Several frames per connection where the daemon keeps it open (it answers a frame with
  // bad params and reads on), a new connection after each close; 16 connections at once.
  async function worker(): Promise<void> {
    let c: RawClient | undefined;
    for (let i = next++; i < frames.length; i = next++) {
      const [kind, bytes] = frames[i]!;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      if (c === undefined || c.closed()) {
        c = await rawClient(d.socket);
        outcome.connections++;
      }
      const had = c.frames.length;
      c.send(Buffer.concat([bytes, Buffer.from('\n')]));
      const conn = c;
      try {
        await waitFor(() => conn.frames.length > had || conn.closed(), 'an answer or a close', 10_000, 1);
      } catch {
        throw new Error(`seed ${seed}: frame #${i} (${kind}) got neither an answer nor a close: ${JSON.stringify(bytes.toString('latin1').slice(0, 200))}`);
      }
      if (conn.frames.length > had) outcome.answered++;
      else outcome.closed++;
    }
    c?.socket.destroy();
  }
  await Promise.all(Array.from({ length: 16 }, worker));
  t.diagnostic(`${outcome.answered} answered, ${outcome.closed} closed without an answer, over ${outcome.connections} connections; kinds ${JSON.stringify(Object.fromEntries(kinds))}`);
  assert.equal(outcome.answered + outcome.closed, 10_000, `seed ${seed}`);
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  // A follow-up behaves normally: hello, status, and credentials from moto.
  const hi = await request(d.socket, 'hello', { protocol: PROTOCOL_VERSION, client: 'after-fuzz' });
  assert.equal(hi.pid, d.pid, `seed ${seed}: the same daemon`);
  await assertHealthy(d);
});

test('slowloris: 200 connections dribbling a byte a second are each closed at the 5 s frame deadline while a client is served (security 15)', async (t) => {
  const d = await live(t);
  const opened = performance.now();
  const loris = await Promise.all(Array.from({ length: 200 }, () => raw(t, d.socket)));
  const closedAfter: number[] = [];
  for (const c of loris) {
    c.send('{');
    c.socket.once('close', () => closedAfter.push(performance.now() - opened));
  }
  const drip = setInterval(() => {
    for (const c of loris) c.send(' ');
  }, 1_000);
  t.after(() => clearInterval(drip));
  // A legitimate client keeps asking while they dribble.
  const latencies: number[] = [];
  while (closedAfter.length < loris.length && performance.now() - opened < 20_000) {
    const t0 = performance.now();
    assert.equal(keyOf(await resolveOver(d.socket, d.home, 'app')), d.appKey);
    latencies.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 50));
  }
  clearInterval(drip);
  assert.equal(closedAfter.length, 200, 'every slow connection was closed');
  const first = Math.min(...closedAfter);
  const last = Math.max(...closedAfter);
  t.diagnostic(`closed between ${Math.round(first)} and ${Math.round(last)} ms; ${latencies.length} requests meanwhile, p50 ${Math.round(percentile(latencies, 50))} ms, p99 ${Math.round(percentile(latencies, 99))} ms`);
  // The deadline is 5 s from the first byte, not reset by later bytes (a reset would keep
  // them open for the whole 20 s); 10 s of margin for a loaded machine.
  assert.ok(first >= 4_500, `closed too early: ${Math.round(first)} ms`);
  assert.ok(last < 15_000, `closed late: ${Math.round(last)} ms`);
  assert.ok(loris.every((c) => c.frames.length === 0), 'nothing answered to a frame that never ended');
  // The spec's p99 is 200 ms; 5 s here, for a machine shared with other test runs.
  assert.ok(percentile(latencies, 99) < 5_000, `p99 ${percentile(latencies, 99)} ms`);
  await assertHealthy(d);
});

/** The soft limit on open files, from /proc (Node cannot call getrlimit). */
function openFileLimit(): number {
  const m = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
  return m?.[1] === 'unlimited' || m === null ? Infinity : Number(m[1]);
}

test('a flood of idle connections: past maxConnections refused at once, no crash, service back within a second (security 16)', async (t) => {
  const d = await live(t);
  // The spec's 5,000, when the fd limit allows it (this test process holds every client end;
  // the daemon inherits the same limit but keeps at most DEFAULT_MAX_CONNECTIONS). Node cannot raise it.
  const count = Math.min(5_000, openFileLimit() - 500);
  t.diagnostic(`${count} connections (open file limit ${openFileLimit()})`);
  assert.ok(count >= 1_000, 'the fd limit leaves room for a real flood');
  const held: net.Socket[] = [];
  const refusedIn: number[] = [];
  let errors = 0;
  const open = (): Promise<void> =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const s = net.createConnection({ path: d.socket });
      held.push(s);
      s.on('error', () => {
        errors++; // EAGAIN while the listen backlog is full: refused too
        resolve();
      });
      s.on('close', () => {
        refusedIn.push(performance.now() - t0);
        resolve();
      });
      // Accepted: give the daemon a moment to hang up on it if it is one too many.
      s.on('connect', () => setTimeout(resolve, 200));
    });
  for (let i = 0; i < count; i += 500) await Promise.all(Array.from({ length: Math.min(500, count - i) }, open));
  t.after(() => held.forEach((s) => s.destroy()));
  const open_ = held.filter((s) => !s.destroyed && !s.closed).length;
  t.diagnostic(`${open_} held open, ${refusedIn.length} closed by the daemon, ${errors} connect errors; closed within p50 ${Math.round(percentile(refusedIn, 50))} ms, p99 ${Math.round(percentile(refusedIn, 99))} ms`);
  assert.ok(open_ <= DEFAULT_MAX_CONNECTIONS, `at most maxConnections held: ${open_}`);
  assert.ok(refusedIn.length + errors >= count - DEFAULT_MAX_CONNECTIONS, 'the rest were refused');
  // "Fast": the daemon closes them as it accepts them; 5 s allows for 5,000 at once on a loaded machine.
  assert.ok(percentile(refusedIn, 99) < 5_000, `refusals took p99 ${percentile(refusedIn, 99)} ms`);
  assert.ok(isAlive(d.pid), 'no EMFILE or any other crash');
  const { fds } = procStats(d.pid);
  assert.ok(fds < DEFAULT_MAX_CONNECTIONS + 150, `the daemon holds ${fds} fds`);

  const flooded = performance.now();
  for (const s of held) s.destroy();
  let back = NaN;
  await waitFor(async () => {
    try {
      keyOf(await resolveOver(d.socket, d.home, 'app', {}, 2_000));
      back = performance.now() - flooded;
      return true;
    } catch {
      return false;
    }
  }, 'service to return after the flood', 10_000, 20);
  t.diagnostic(`served again ${Math.round(back)} ms after the flood closed`);
  // The spec's 1 s, with margin for a loaded machine.
  assert.ok(back < 5_000, `service returned after ${Math.round(back)} ms`);
  await assertHealthy(d);
});

test('a client that leaves mid-request: no crash, no EPIPE, the slow refresh completes and is cached (security 17)', async (t) => {
  const d = await live(t);
  sts.proxy.reset();
  sts.proxy.failNext(1, { kind: 'delay', ms: 3_000 }, (r) => r.params['RoleArn']?.endsWith('role/slow') === true);
  const c = await raw(t, d.socket);
  c.send(JSON.stringify({ id: 1, method: 'resolve', params: { profile: 'slow', env: d.home.wireEnv } }) + '\n');
  await sts.proxy.waitForCalls(1, 'AssumeRole');
  c.socket.destroy();
  await waitFor(() => sts.proxy.calls[0]!.status === 200, 'the slow AssumeRole to be answered', 10_000);
  // Answered, then cached: the next client gets it with no new STS call.
  await waitFor(async () => (await request(d.socket, 'sessions', {})).sessions.some((s) => s.profile === 'slow'), 'the session to be cached', 5_000);
  const key = keyOf(await resolveOver(d.socket, d.home, 'slow'));
  assert.match(key, /^ASIA/);
  assert.equal(sts.proxy.count('AssumeRole'), 1, 'no new STS call');
  assert.doesNotMatch(readFileSync(d.home.runtime.log, 'utf8'), /EPIPE/);
  await assertHealthy(d);
});
