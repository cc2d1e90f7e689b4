// The hot path's one round trip (client.ts requestDaemon): one request that carries the
// client's protocol, one answer, no hello. A daemon in another protocol, or one older than
// the field, refuses it, and only then does the client say hello and ask again.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { join } from 'node:path';
import { AwsxError } from '../../src/core/errors.ts';
import { requestDaemon } from '../../src/ipc/client.ts';
import { ENVELOPE_REFUSED, ProtocolMismatchError, encodeError, encodeRequest, parseRequest, parseResponse } from '../../src/ipc/envelope.ts';
import { parseFrame, type JsonObject } from '../../src/ipc/framing.ts';
import { PROTOCOL_VERSION } from '../../src/ipc/protocol.ts';
import { ensureRuntimeDir, socketPath } from '../../src/ipc/runtimeDir.ts';
import { tempDir } from '../helpers/tempDir.ts';

const frame = (line: string): JsonObject => {
  const r = parseFrame(line.trimEnd());
  assert.ok(r.ok);
  return r.value;
};

const RESOLVE = { profile: 'prod', env: {} };
const ANSWER = { kind: 'credentials', profile: 'prod', credentials: { accessKeyId: 'AKIA', secretAccessKey: 's' } };

test('a request may carry the protocol: served when it is the daemon\'s, refused with the daemon\'s own otherwise', () => {
  const same = parseRequest(frame(encodeRequest(1, 'resolve', RESOLVE, PROTOCOL_VERSION)));
  assert.equal(same.ok, true);
  for (const other of [PROTOCOL_VERSION + 1, 0, 'x', null]) {
    const req = parseRequest(frame(JSON.stringify({ id: 2, method: 'no-such-method', params: {}, protocol: other })));
    assert.equal(req.ok, false);
    if (req.ok) continue;
    assert.equal(req.close, false, 'the connection stays: the client says hello on it or another one');
    assert.ok(req.error instanceof ProtocolMismatchError);
    const answer = frame(encodeError(req.id, req.error));
    assert.equal(answer.protocol, PROTOCOL_VERSION, 'the answer names the daemon\'s protocol');
    assert.equal(answer.id, 2);
  }
  const extra = parseRequest(frame(JSON.stringify({ id: 3, method: 'resolve', params: RESOLVE, version: 1 })));
  assert.ok(!extra.ok && extra.close && extra.error.message === ENVELOPE_REFUSED);
});

test('the client reads a refusal of its protocol, from a daemon that names its own or from one older than the field', () => {
  // A daemon newer than this client, whatever the current protocol is.
  const newer = PROTOCOL_VERSION + 1;
  const mismatch = frame(JSON.stringify({ id: 1, ok: false, protocol: newer, error: { code: 'ValidationError', message: `ipc request: protocol ${PROTOCOL_VERSION}; this daemon speaks ${newer}` } }));
  assert.throws(() => parseResponse(mismatch, 1, 'resolve', PROTOCOL_VERSION), (e) => e instanceof ProtocolMismatchError && e.daemonProtocol === newer);
  const old = frame(JSON.stringify({ id: 1, ok: false, error: { code: 'ValidationError', message: ENVELOPE_REFUSED } }));
  assert.throws(() => parseResponse(old, 1, 'resolve', PROTOCOL_VERSION), (e) => e instanceof ProtocolMismatchError && e.daemonProtocol === undefined);
  // Without the protocol sent, the same answers are plain errors; other errors stay errors.
  assert.throws(() => parseResponse(old, 1, 'resolve'), (e) => e instanceof AwsxError && !(e instanceof ProtocolMismatchError));
  const invalid = frame(JSON.stringify({ id: 1, ok: false, error: { code: 'ValidationError', message: 'ipc request: resolve: params.profile: expected a string' } }));
  assert.throws(() => parseResponse(invalid, 1, 'resolve', PROTOCOL_VERSION), (e) => e instanceof AwsxError && !(e instanceof ProtocolMismatchError));
});

type Reply = (req: JsonObject, socket: net.Socket) => void;

/** A stand-in daemon in this process: records each connection's frames and answers with `reply`. */
async function fakeDaemon(t: TestContext, reply: Reply): Promise<{ env: NodeJS.ProcessEnv; connections: JsonObject[][] }> {
  const dir = join(tempDir(t), 'run');
  ensureRuntimeDir(dir);
  const connections: JsonObject[][] = [];
  const server = net.createServer((socket) => {
    const frames: JsonObject[] = [];
    connections.push(frames);
    let buf = '';
    socket.on('data', (d) => {
      buf += d.toString();
      for (let nl = buf.indexOf('\n'); nl !== -1; nl = buf.indexOf('\n')) {
        const req = frame(buf.slice(0, nl));
        buf = buf.slice(nl + 1);
        frames.push(req);
        reply(req, socket);
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(socketPath(dir), resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { env: { AWSX_RUNTIME_DIR: dir, HOME: dir }, connections };
}

const answer = (socket: net.Socket, body: object): void => void socket.write(`${JSON.stringify(body)}\n`);

test('one request, one answer: no hello, the protocol in the request', async (t) => {
  const daemon = await fakeDaemon(t, (req, s) => answer(s, { id: req.id, ok: true, result: ANSWER }));
  const result = await requestDaemon('resolve', RESOLVE, { env: daemon.env, autostart: false });
  assert.equal(result.kind, 'credentials');
  assert.deepEqual(daemon.connections.map((c) => c.map((f) => [f.method, f.protocol])), [[['resolve', PROTOCOL_VERSION]]]);
});

test('a daemon older than the field refuses it: hello, then the request again, without it', async (t) => {
  // As a protocol-1 daemon does: the envelope refused, the connection closed.
  const daemon = await fakeDaemon(t, (req, s) => {
    if (req.protocol !== undefined) return void s.end(`${JSON.stringify({ id: req.id, ok: false, error: { code: 'ValidationError', message: ENVELOPE_REFUSED } })}\n`);
    if (req.method === 'hello') return answer(s, { id: req.id, ok: true, result: { protocol: PROTOCOL_VERSION, daemon: '0.1.0', pid: process.pid } });
    answer(s, { id: req.id, ok: true, result: ANSWER });
  });
  const result = await requestDaemon('resolve', RESOLVE, { env: daemon.env, autostart: false });
  assert.equal(result.kind, 'credentials');
  assert.deepEqual(daemon.connections.map((c) => c.map((f) => [f.method, f.protocol])), [[['resolve', PROTOCOL_VERSION]], [['hello', undefined], ['resolve', undefined]]]);
});

test('a newer daemon: hello, and the error that says what to do; nothing else is sent', async (t) => {
  const daemon = await fakeDaemon(t, (req, s) => {
    if (req.method === 'hello') return answer(s, { id: req.id, ok: true, result: { protocol: 99, daemon: '9.0.0', pid: process.pid } });
    answer(s, { id: req.id, ok: false, protocol: 99, error: { code: 'ValidationError', message: 'ipc request: protocol 2; this daemon speaks 99' } });
  });
  await assert.rejects(requestDaemon('resolve', RESOLVE, { env: daemon.env, autostart: false }), /speaks protocol 99/);
  assert.deepEqual(daemon.connections.map((c) => c.map((f) => f.method)), [['resolve'], ['hello']]);
});

test('any other error of the answer is the answer: not retried', async (t) => {
  const daemon = await fakeDaemon(t, (req, s) => answer(s, { id: req.id, ok: false, error: { code: 'ProfileNotFound', message: 'profile prod: not found' } }));
  await assert.rejects(requestDaemon('resolve', RESOLVE, { env: daemon.env, autostart: false }), /profile prod: not found/);
  assert.equal(daemon.connections.length, 1);
});
