// The one schema (protocol.ts) and its envelopes: valid messages pass on both sides, and
// anything else is refused with the path of the bad field, never its value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsxError } from '../../src/core/errors.ts';
import { encodeError, encodeRequest, encodeResult, fromWireError, parseRequest, parseResponse, toWireError } from '../../src/ipc/envelope.ts';
import { parseFrame, type JsonObject } from '../../src/ipc/framing.ts';
import { FORWARDED_ENV, METHODS, type Method } from '../../src/ipc/protocol.ts';
import { ShapeError } from '../../src/ipc/schema.ts';

const frame = (line: string): JsonObject => {
  const r = parseFrame(line);
  assert.ok(r.ok);
  return r.value;
};

const creds = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token', expiration: '2026-01-01T00:00:00.000Z' };

const VALID: { [M in Method]: { params: unknown; result: unknown } } = {
  hello: { params: { protocol: 1, client: '0.1.0' }, result: { protocol: 1, daemon: '0.1.0', pid: 42 } },
  resolve: {
    params: { profile: 'prod', env: { HOME: '/home/u', AWS_CONFIG_FILE: '/x' }, cwd: '/tmp', mfaCode: '123456' },
    result: { kind: 'credentials', profile: 'prod', credentials: creds, region: 'eu-west-1' },
  },
  whoami: { params: { env: {} }, result: { kind: 'identity', account: '123456789012', arn: 'arn:aws:iam::123456789012:user/u', userId: 'AIDA' } },
  console: {
    params: { profile: 'prod', env: {}, service: 's3', region: 'eu-west-1', duration: 3600, open: true },
    result: { kind: 'page', path: '/run/user/1000/awsx/console/0a.html', notes: ['the console session lasts at most 1 hour'] },
  },
  sessions: {
    params: {},
    result: { sessions: [{ profile: 'prod', identity: 'arn:aws:iam::1:role/r', accessKeyIdSuffix: '…ABCD', expiration: '2026-01-01T00:00:00.000Z', needsMfaToRefresh: true }] },
  },
  ecsToken: {
    params: { profile: 'prod', env: { HOME: '/home/u' }, cwd: '/tmp', pid: 4242, command: 'awsx exec prod --ecs-server -- terraform apply' },
    result: { url: 'http://127.0.0.1:40123/creds/AAAAAAAAAAAAAAAAAAAAAA', token: 'x'.repeat(43) },
  },
  ecsRevoke: { params: { token: 'x'.repeat(43) }, result: { revoked: 1 } },
  forget: { params: { all: true }, result: { dropped: 3 } },
  lock: { params: { passphrase: 'correct horse' }, result: { dropped: 2 } },
  unlock: { params: {}, result: { kind: 'passphrase-required' } },
  status: {
    params: {},
    result: { pid: 1, daemon: '0.1.0', protocol: 1, startedAt: '2026-01-01T00:00:00.000Z', runtimeDir: '/run', sessions: 0, connections: 1, idleExitSeconds: 1800, engineLoaded: false, locked: false },
  },
  shutdown: { params: {}, result: {} },
};

test('a valid example of every method passes both ways, through real frames', () => {
  for (const method of Object.keys(METHODS) as Method[]) {
    const req = parseRequest(frame(encodeRequest(9, method, VALID[method].params as never)));
    assert.ok(req.ok, method);
    assert.equal(req.method, method);
    const answer = parseResponse(frame(encodeResult(9, method, VALID[method].result as never)), 9, method);
    assert.deepEqual(JSON.parse(JSON.stringify(answer)), VALID[method].result, method);
  }
  const mfa = { kind: 'mfa-required', profile: 'p', serial: 'arn:aws:iam::1:mfa/u', reason: 'no-code' };
  assert.equal(parseResponse(frame(encodeResult(1, 'resolve', mfa as never)), 1, 'resolve').kind, 'mfa-required');
});

test('params: wrong types, extra fields, unknown env names and long values are refused by path', () => {
  const cases: [unknown, RegExp][] = [
    [{ profile: 5, env: {} }, /params\.profile: expected a string/],
    [{ profile: 'p', env: {}, extra: 1 }, /no field named "extra"/],
    [{ profile: 'p', env: { NODE_OPTIONS: '--inspect' } }, /no key named "NODE_OPTIONS"/],
    [{ profile: 'p', env: { AWS_PROFILE: 'x' } }, /no key named "AWS_PROFILE"/],
    [{ profile: 'p', env: { HOME: 1 } }, /params\.env\.HOME/],
    [{ profile: 'p', env: [] }, /params\.env: expected an object/],
    [{ profile: 'x'.repeat(2000), env: {} }, /params\.profile/],
    [{ profile: 'p' }, /params\.env/],
  ];
  for (const [params, message] of cases) {
    const r = parseRequest(frame(JSON.stringify({ id: 1, method: 'resolve', params })));
    assert.ok(!r.ok);
    assert.equal(r.close, false);
    assert.match(r.error.message, message);
    assert.doesNotMatch(r.error.message, /inspect/);
  }
});

test('envelopes: a bad id or an unknown method means close; a method from Object.prototype is unknown (security 14)', () => {
  for (const [line, id] of [
    ['{"method": "hello"}', 0],
    ['{"id": -1, "method": "hello"}', 0],
    ['{"id": 1.5, "method": "hello"}', 0],
    ['{"id": 2, "method": "toString"}', 2],
    ['{"id": 2, "method": "constructor2"}', 2],
    ['{"id": 2, "method": "hello", "extra": true}', 2],
  ] as const) {
    const r = parseRequest(frame(line));
    assert.ok(!r.ok, line);
    assert.equal(r.close, true, line);
    assert.equal(r.id, id, line);
  }
});

test('the forwarded env list has no NODE_* and no profile selector', () => {
  for (const name of FORWARDED_ENV) assert.doesNotMatch(name, /^NODE_|^AWS_PROFILE$|^AWS_DEFAULT_PROFILE$/);
});

test('errors travel as {code, message, hint} and come back as AwsxError', () => {
  const err = new AwsxError('ProfileNotFound', 'profile prod: not found', { hint: 'run awsx profile list' });
  assert.throws(() => parseResponse(frame(encodeError(4, err)), 4, 'resolve'), (e) => {
    assert.ok(e instanceof AwsxError);
    assert.deepEqual([e.code, e.message, e.hint], ['ProfileNotFound', 'profile prod: not found', 'run awsx profile list']);
    return true;
  });
  assert.deepEqual(toWireError(fromWireError({ code: 'StsError', message: 'm' })), { code: 'StsError', message: 'm' });
});

test('a bug\'s error text stays in the daemon: only its class travels', () => {
  const wire = toWireError(new TypeError('cannot read secret AKIA-CANARY'));
  assert.equal(wire.code, 'ValidationError');
  assert.match(wire.message, /internal error \(TypeError\)/);
  assert.doesNotMatch(JSON.stringify(wire), /CANARY/);
});

test('answers are checked on both sides: a bad result is not sent, a bad answer is refused', () => {
  assert.throws(() => encodeResult(1, 'forget', { dropped: -1 } as never), ShapeError);
  assert.throws(() => parseResponse(frame('{"id": 1, "ok": true, "result": {"dropped": "many"}}'), 1, 'forget'), /daemon answer: forget: result\.dropped/);
  assert.throws(() => parseResponse(frame('{"id": 2, "ok": true, "result": {}}'), 1, 'shutdown'), /another request/);
  assert.throws(() => parseResponse(frame('{"id": 1, "ok": false, "error": {"code": "Nope", "message": "x"}}'), 1, 'shutdown'), /error\.code/);
});
