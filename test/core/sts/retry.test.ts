// The retry wrapper on a fake clock (docs/security.md T11, test 33: gaps grow, are
// randomised and capped; the deadline and attempt limit hold), and which failures count
// as transient, on errors shaped as @aws-sdk/client-sts throws them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyFailure, isRetryableStsError } from '../../../src/core/sts/classify.ts';
import { backoffMs, withRetries, type RetryOptions } from '../../../src/core/sts/retry.ts';
import { seededRandom } from '../../helpers/random.ts';

/** A clock that only sleeping moves, and a record of the pauses. */
function fakeTime(start = 1000): Pick<RetryOptions, 'now' | 'sleep'> & { readonly pauses: number[] } {
  let t = start;
  const pauses: number[] = [];
  return {
    pauses,
    now: () => t,
    sleep: async (ms) => {
      pauses.push(ms);
      t += ms;
    },
  };
}

const service = (name: string, status: number, fault: 'client' | 'server' = status >= 500 ? 'server' : 'client', message = name) =>
  Object.assign(new Error(message), { name, $fault: fault, $metadata: { httpStatusCode: status } });
const network = (code: string, name = 'Error', message = `connect ${code}`) => Object.assign(new Error(message), { name, code });

test('retries until success: 2 throttles, then the answer (security 33)', async () => {
  const time = fakeTime();
  let calls = 0;
  const out = await withRetries(async () => {
    calls++;
    if (calls <= 2) throw service('Throttling', 400);
    return 'ok';
  }, { ...time, random: () => 0.5 });
  assert.equal(out, 'ok');
  assert.equal(calls, 3);
  assert.deepEqual(time.pauses, [100, 200]);
});

test('no retry for an error that is not transient: exactly one call, the error as it was (security 34)', async () => {
  const time = fakeTime();
  const denied = service('AccessDenied', 403);
  let calls = 0;
  await assert.rejects(
    withRetries(async () => {
      calls++;
      throw denied;
    }, time),
    (e) => e === denied,
  );
  assert.equal(calls, 1);
  assert.deepEqual(time.pauses, []);
});

test('pauses: full jitter under a ceiling that doubles up to the cap', () => {
  const opts = { baseMs: 200, capMs: 3000 };
  assert.deepEqual([2, 3, 4, 5, 6, 7, 9].map((n) => backoffMs(n, { ...opts, random: () => 0.999999 })), [199, 399, 799, 1599, 2999, 2999, 2999]);
  assert.deepEqual([2, 3, 4].map((n) => backoffMs(n, { ...opts, random: () => 0 })), [0, 0, 0]);
});

test('gaps grow, are capped, and differ from run to run (security 33)', async () => {
  const runs: number[][] = [];
  for (let seed = 1; seed <= 20; seed++) {
    const time = fakeTime();
    await assert.rejects(withRetries(async () => Promise.reject(service('Throttling', 400)), { ...time, random: seededRandom(seed), deadlineMs: 60_000, maxAttempts: 8 }));
    assert.equal(time.pauses.length, 7);
    assert.ok(time.pauses.every((p, i) => p < Math.min(3000, 200 * 2 ** i)), `capped: ${time.pauses}`);
    runs.push(time.pauses);
  }
  assert.ok(new Set(runs.map((r) => r.join())).size > 15, 'randomised');
  const mean = (i: number) => runs.reduce((s, r) => s + r[i]!, 0) / runs.length;
  assert.ok(mean(0) < mean(2) && mean(2) < mean(4), 'growing on average');
});

test('gives up at the deadline without sleeping past it (security 33)', async () => {
  const time = fakeTime();
  let calls = 0;
  const remaining: number[] = [];
  await assert.rejects(
    withRetries(async (a) => {
      calls++;
      remaining.push(a.remainingMs);
      throw network('ECONNRESET');
    }, { ...time, random: () => 0.999, deadlineMs: 2_000, maxAttempts: 100 }),
    /ECONNRESET/,
  );
  const slept = time.pauses.reduce((a, b) => a + b, 0);
  assert.ok(slept < 2_000, `slept ${slept}`);
  assert.equal(calls, time.pauses.length + 1);
  assert.equal(remaining[0], 2_000);
  assert.ok(remaining.every((r, i) => i === 0 || r < remaining[i - 1]!), 'each attempt is told the time left');
});

test('an endpoint that refuses connections: three quick attempts, then give up (security 36)', async () => {
  for (const code of ['ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'EAI_AGAIN']) {
    const time = fakeTime();
    let calls = 0;
    await assert.rejects(withRetries(async () => (calls++, Promise.reject(network(code))), { ...time, random: () => 0.999999 }), new RegExp(code));
    assert.equal(calls, 3, code);
    assert.ok(time.pauses.every((p) => p <= 100), `${code}: short pauses ${time.pauses}`);
  }
  // A reset, a timeout, a throttle and a 5xx keep the full backoff.
  for (const err of [network('ECONNRESET'), Object.assign(new Error('Request aborted'), { name: 'AbortError' }), service('Throttling', 400), service('ServiceUnavailable', 503)]) {
    const time = fakeTime();
    let calls = 0;
    await assert.rejects(withRetries(async () => (calls++, Promise.reject(err)), { ...time, random: () => 0.999999 }));
    assert.equal(calls, 8, String(err));
  }
});

test('gives up after maxAttempts', async () => {
  const time = fakeTime();
  let calls = 0;
  await assert.rejects(withRetries(async () => (calls++, Promise.reject(service('InternalFailure', 500))), { ...time, maxAttempts: 3 }));
  assert.equal(calls, 3);
});

test('the default limits: 8 attempts fit in the 15 s deadline (security 33)', async () => {
  const time = fakeTime();
  let calls = 0;
  await assert.rejects(withRetries(async () => (calls++, Promise.reject(service('Throttling', 400))), { ...time, random: () => 0.999999 }));
  assert.equal(calls, 8);
  assert.ok(time.pauses.reduce((a, b) => a + b, 0) < 15_000);
});

const transient: [string, unknown][] = [
  ['Throttling', service('Throttling', 400)],
  ['ThrottlingException', service('ThrottlingException', 400)],
  ['RequestLimitExceeded', service('RequestLimitExceeded', 400)],
  ['TooManyRequestsException', service('TooManyRequestsException', 400)],
  ['HTTP 429 with any code', service('Whatever', 429)],
  ['500 InternalFailure', service('InternalFailure', 500)],
  ['503 ServiceUnavailable', service('ServiceUnavailable', 503)],
  ['502 from a proxy, body not XML', service('Unknown', 502)],
  ['IDPCommunicationError', service('IDPCommunicationError', 400)],
  ['reset (the SDK names it TimeoutError)', network('ECONNRESET', 'TimeoutError', 'read ECONNRESET')],
  ['refused', network('ECONNREFUSED')],
  ['connect timeout', network('ETIMEDOUT', 'TimeoutError')],
  ['the SDK\'s connection timeout (no code)', Object.assign(new Error('did not establish a connection'), { name: 'TimeoutError' })],
  ['EPIPE', network('EPIPE')],
  ['socket hang up', network('ECONNRESET', 'Error', 'socket hang up')],
  ['DNS lookup failed for now', network('EAI_AGAIN')],
  ['our per-attempt timeout', Object.assign(new Error('Request aborted'), { name: 'AbortError' })],
];
const final: [string, unknown][] = [
  ['AccessDenied', service('AccessDenied', 403)],
  ['ValidationError', service('ValidationError', 400)],
  ['InvalidClientTokenId', service('InvalidClientTokenId', 403)],
  ['SignatureDoesNotMatch', service('SignatureDoesNotMatch', 403)],
  ['ExpiredToken', service('ExpiredToken', 400)],
  ['ExpiredTokenException', service('ExpiredTokenException', 400)],
  ['RegionDisabledException', service('RegionDisabledException', 403)],
  ['a rejected MFA code', service('AccessDenied', 403, 'client', 'MultiFactorAuthentication failed with invalid MFA one time pass code.')],
  ['any other 4xx', service('MalformedPolicyDocument', 400)],
  ['a host that does not exist', network('ENOTFOUND')],
  ['a garbled 200', Object.assign(new Error('XML parse error'), { $metadata: { httpStatusCode: 200 } })],
  ['a bug', new TypeError('x is undefined')],
  ['not even an Error', 'boom'],
];
for (const [name, err] of transient) test(`retried: ${name} (security 34)`, () => assert.equal(isRetryableStsError(err), true));
for (const [name, err] of final) test(`not retried: ${name} (security 34)`, () => assert.equal(isRetryableStsError(err), false));

test('classification keeps the code and status', () => {
  assert.deepEqual(classifyFailure(service('Throttling', 400, 'client', 'Rate exceeded')), { kind: 'throttle', code: 'Throttling', message: 'Rate exceeded', status: 400 });
  assert.deepEqual(classifyFailure(network('ECONNREFUSED')), { kind: 'network', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED', status: undefined });
  assert.equal(classifyFailure(Object.assign(new Error('Request aborted'), { name: 'AbortError' })).code, 'Timeout');
});

test('a last attempt cut short by the deadline does not hide what STS answered before it (security 33)', async () => {
  const time = fakeTime();
  const throttled = service('Throttling', 400);
  const cut = Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
  let calls = 0;
  await assert.rejects(
    withRetries(async () => {
      calls++;
      if (calls <= 2) throw throttled;
      throw cut; // the attempt ran out of the time the deadline left it
    }, { ...time, random: () => 0.5, maxAttempts: 3 }),
    (e) => e === throttled,
  );
  // With no answer from STS at all, the timeout is what there is to say.
  await assert.rejects(withRetries(async () => { throw cut; }, { ...fakeTime(), maxAttempts: 2 }), (e) => e === cut);
});
