// The SDK-backed StsApi against moto through the fault proxy: each call, the signer given
// per call, retries and their limits (docs/security.md tests 33-37), errors with their fixes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Credentials } from '../../../src/core/credentials.ts';
import type { StsTarget } from '../../../src/core/sts/api.ts';
import { StsError } from '../../../src/core/sts/errors.ts';
import { createSdkSts, type SdkSts } from '../../../src/core/sts/sdkSts.ts';
import { startMoto, type Moto } from '../../helpers/moto.ts';
import { hashTokenCode, startStsProxy, type StsProxy } from '../../helpers/stsProxy.ts';

const ALICE: Credentials = { accessKeyId: 'AKIAALICE00000000001', secretAccessKey: 'CANARY-alice-secret' };
const BOB: Credentials = { accessKeyId: 'AKIABOB0000000000002', secretAccessKey: 'CANARY-bob-secret' };
const ROLE = 'arn:aws:iam::222222222222:role/deploy';
const SERIAL = 'arn:aws:iam::111111111111:mfa/alice';
const FAST = { baseMs: 5, capMs: 20, deadlineMs: 3_000 };

let moto: Moto;
let proxy: StsProxy;
let sts: SdkSts;
const extra: SdkSts[] = [];
before(async () => {
  moto = await startMoto();
  proxy = await startStsProxy(moto.url);
  sts = createSdkSts({ retry: FAST, attemptTimeoutMs: 2_000 });
});
after(async () => {
  for (const s of [sts, ...extra]) s?.close();
  await proxy?.stop();
  await moto?.stop();
});
beforeEach(() => proxy.reset());

const target = (): StsTarget => ({ region: 'us-east-1', endpoint: proxy.url });
const assume = (signer: Credentials = ALICE, over: Partial<Parameters<SdkSts['assumeRole']>[0]> = {}, client: SdkSts = sts, to = target()) =>
  client.assumeRole({ roleArn: ROLE, sessionName: 'awsx-test', ...over }, signer, to);
function stsWith(options: Parameters<typeof createSdkSts>[0]): SdkSts {
  const s = createSdkSts(options);
  extra.push(s);
  return s;
}

/** The StsError a call fails with. */
async function failure(p: Promise<unknown>): Promise<StsError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof StsError, `expected an StsError, got ${String(e)}`);
    for (const canary of ['CANARY', '654321', 'web-token-CANARY']) {
      assert.ok(!`${e.message} ${e.hint}`.includes(canary), `no secret in: ${e.message}`);
    }
    return e;
  }
  throw new assert.AssertionError({ message: 'expected the call to fail' });
}

describe('each call', () => {
  test('AssumeRole: signed by the signer given, parameters sent, credentials mapped', async () => {
    const creds = await assume(ALICE, { externalId: 'ext-1', durationSeconds: 900, serialNumber: SERIAL, tokenCode: '123456' });
    assert.equal(proxy.calls.length, 1);
    const call = proxy.calls[0]!;
    assert.equal(call.action, 'AssumeRole');
    assert.equal(call.accessKeyId, ALICE.accessKeyId);
    assert.deepEqual(call.params, { RoleArn: ROLE, RoleSessionName: 'awsx-test', ExternalId: 'ext-1', DurationSeconds: '900', SerialNumber: SERIAL, TokenCode: '123456' });
    assert.match(creds.accessKeyId, /^ASIA/);
    assert.ok(creds.secretAccessKey && creds.sessionToken);
    assert.ok(creds.expiration instanceof Date && creds.expiration.getTime() > Date.now());
    assert.equal(creds.accountId, '222222222222');
    assert.ok(typeof creds.clockSkewMs === 'number' && Math.abs(creds.clockSkewMs) < 2_000, `skew ${creds.clockSkewMs}`);
  });

  test('AssumeRole without optional fields sends none of them', async () => {
    await assume();
    assert.deepEqual(proxy.calls[0]!.params, { RoleArn: ROLE, RoleSessionName: 'awsx-test' });
  });

  test('GetSessionToken with SerialNumber and TokenCode', async () => {
    const creds = await sts.getSessionToken({ serialNumber: SERIAL, tokenCode: '123456', durationSeconds: 3600 }, ALICE, target());
    const call = proxy.calls[0]!;
    assert.equal(call.action, 'GetSessionToken');
    assert.equal(call.accessKeyId, ALICE.accessKeyId);
    assert.deepEqual(call.params, { DurationSeconds: '3600', SerialNumber: SERIAL, TokenCode: '123456' });
    assert.equal(call.tokenCodeHash, hashTokenCode('123456'));
    assert.ok(creds.accessKeyId && creds.sessionToken && creds.expiration instanceof Date);
  });

  test('AssumeRoleWithWebIdentity is unsigned', async () => {
    const creds = await sts.assumeRoleWithWebIdentity({ roleArn: ROLE, sessionName: 'web', webIdentityToken: 'web-token-1234' }, target());
    const call = proxy.calls[0]!;
    assert.equal(call.action, 'AssumeRoleWithWebIdentity');
    assert.equal(call.accessKeyId, undefined);
    assert.deepEqual(call.params, { RoleArn: ROLE, RoleSessionName: 'web', WebIdentityToken: 'web-token-1234' });
    assert.ok(creds.sessionToken && creds.expiration instanceof Date);
  });

  test('GetCallerIdentity', async () => {
    const id = await sts.getCallerIdentity(BOB, target());
    assert.equal(proxy.calls[0]!.accessKeyId, BOB.accessKeyId);
    assert.deepEqual(id, { account: '123456789012', arn: 'arn:aws:sts::123456789012:user/moto', userId: 'AKIAIOSFODNN7EXAMPLE' });
  });

  test('concurrent calls on one client are each signed by their own signer', async () => {
    const role = await assume(BOB);
    proxy.reset();
    const signers = [ALICE, BOB, role, ALICE, role, BOB, ALICE, BOB];
    await Promise.all(signers.map((s, i) => assume(s, { sessionName: `s-${i}` })));
    for (const call of proxy.calls) {
      const i = Number(call.params['RoleSessionName']!.slice(2));
      assert.equal(call.accessKeyId, signers[i]!.accessKeyId);
    }
    assert.equal(proxy.calls.length, signers.length);
  });
});

describe('retries', () => {
  test('2 throttles, then success: 3 calls (security 33)', async () => {
    proxy.failNext(2, { kind: 'throttle' });
    await assume();
    assert.equal(proxy.count('AssumeRole'), 3);
    assert.deepEqual(proxy.calls.map((c) => c.status), [400, 400, 200]);
  });

  test('500 and 503, then success: 3 calls (security 34)', async () => {
    proxy.failNext(1, { kind: 'serverError', status: 500 });
    proxy.failNext(1, { kind: 'serverError', status: 503 });
    await sts.getCallerIdentity(ALICE, target());
    assert.deepEqual(proxy.calls.map((c) => c.status), [500, 503, 200]);
  });

  test('a reset connection, then success: 2 calls (security 34)', async () => {
    proxy.failNext(1, { kind: 'reset' });
    await assume();
    assert.deepEqual(proxy.calls.map((c) => c.status), ['reset', 200]);
  });

  test('a slow answer is cut by the per-attempt timeout and retried (security 35)', async () => {
    const quick = stsWith({ retry: FAST, attemptTimeoutMs: 200 });
    proxy.failNext(1, { kind: 'delay', ms: 5_000 });
    const t0 = performance.now();
    await assume(ALICE, {}, quick);
    assert.equal(proxy.count(), 2);
    assert.ok(performance.now() - t0 < 1_500);
  });

  test('throttled until the deadline: "throttled", a bounded number of calls (security 33)', async () => {
    const short = stsWith({ retry: { baseMs: 20, capMs: 100, deadlineMs: 400 } });
    proxy.failNext(Infinity, { kind: 'throttle' });
    const t0 = performance.now();
    const e = await failure(assume(ALICE, {}, short));
    assert.ok(performance.now() - t0 < 1_000);
    assert.equal(e.reason, 'throttled');
    assert.equal(e.stsCode, 'Throttling');
    assert.match(e.message, new RegExp(`^AssumeRole ${ROLE}: throttled by STS \\(${proxy.count()} attempts in 0\\.\\d s\\)$`));
    assert.ok(proxy.count() >= 2 && proxy.count() <= 8, `${proxy.count()} calls`);
  });

  test('slow until the deadline: "STS unreachable", no answer within the attempt timeout (security 35)', async () => {
    const short = stsWith({ retry: { baseMs: 10, capMs: 20, deadlineMs: 600 }, attemptTimeoutMs: 250 });
    proxy.failNext(Infinity, { kind: 'delay', ms: 5_000 });
    const e = await failure(assume(ALICE, {}, short));
    assert.equal(e.reason, 'unreachable');
    assert.equal(e.stsCode, 'Timeout');
    assert.match(e.message, /: STS unreachable at http:\/\/127\.0\.0\.1:\d+: no answer within 0\.\d s \(\d attempts in 0\.\d s\)$/);
  });

  // Each row arranges the fault and returns the call to make.
  const noRetry: [string, () => Promise<() => Promise<unknown>>, string, RegExp][] = [
    ['AccessDenied', async () => (proxy.failNext(1, { kind: 'accessDenied', message: `User: x is not authorized to perform: sts:AssumeRole on resource: ${ROLE}` }), () => assume()), 'access-denied', /not authorized to perform sts:AssumeRole/],
    ['ValidationError (the chaining limit)', async () => {
      const role = await assume();
      proxy.enforceChainingLimit(true);
      return () => assume(role, { durationSeconds: 7200 });
    }, 'chaining-limit', /duration over the 1-hour limit for chained roles/],
    ['InvalidClientTokenId', async () => (proxy.failNext(1, { kind: 'custom', status: 403, code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' }), () => assume()), 'invalid-source', /the source access key is invalid or deleted/],
    ['ExpiredToken', async () => (proxy.failNext(1, { kind: 'custom', status: 400, code: 'ExpiredToken', message: 'The security token included in the request is expired' }), () => assume()), 'expired-source', /the source session expired/],
    ['a rejected MFA code', async () => (proxy.rejectMfaCodes(['654321']), () => sts.getSessionToken({ serialNumber: SERIAL, tokenCode: '654321' }, ALICE, target())), 'mfa-rejected', /MFA code rejected/],
  ];
  for (const [name, arrange, reason, message] of noRetry) {
    test(`no retry: ${name}: exactly one call (security 34)`, async () => {
      const act = await arrange();
      const before = proxy.count();
      const e = await failure(act());
      assert.equal(proxy.count() - before, 1);
      assert.equal(e.reason, reason);
      assert.match(e.message, message);
      assert.equal(e.transient, false);
    });
  }

  // Issue 17.3: what awsx could not hand out or show is a bad answer, once (no retry), never a crash.
  const oversized: [string, 'SessionToken' | 'AccessKeyId' | 'Arn' | 'Account', () => Promise<unknown>, RegExp][] = [
    ['a session token over 8 KiB', 'SessionToken', () => assume(), /^AssumeRole \S+: STS answered credentials awsx cannot hand out \(SessionToken is 9000 characters, more than the 8192 awsx accepts\)$/],
    ['a 300-character AccessKeyId', 'AccessKeyId', () => sts.getSessionToken({}, ALICE, target()), /^GetSessionToken for key …0001: STS answered credentials awsx cannot hand out \(AccessKeyId is 300 characters/],
    ['a 3,000-character ARN', 'Arn', () => sts.getCallerIdentity(ALICE, target()), /^GetCallerIdentity for key …0001: STS answered an identity awsx cannot show \(Arn is 3000 characters, more than the 2048/],
    ['an account over 64 characters', 'Account', () => sts.getCallerIdentity(ALICE, target()), /\(Account is 65 characters, more than the 64/],
  ];
  for (const [name, element, call, message] of oversized) {
    test(`an answer with ${name}: a bad answer, one call (issue 17.3)`, async () => {
      const length = element === 'SessionToken' ? 9000 : element === 'AccessKeyId' ? 300 : element === 'Arn' ? 3000 : 65;
      proxy.failNext(1, { kind: 'oversized', element, length });
      const e = await failure(call());
      assert.match(e.message, message);
      assert.equal(e.reason, 'bad-response');
      assert.equal(proxy.count(), 1);
    });
  }

  test('a reused MFA code is rejected once, never resent (security 38)', async () => {
    proxy.rejectReusedMfaCodes(true);
    await sts.getSessionToken({ serialNumber: SERIAL, tokenCode: '222333' }, ALICE, target());
    const e = await failure(sts.getSessionToken({ serialNumber: SERIAL, tokenCode: '222333' }, ALICE, target()));
    assert.equal(e.reason, 'mfa-rejected');
    assert.match(e.hint ?? '', /wait for the next code/);
    assert.equal(proxy.count(), 2);
  });
});

describe('STS down', () => {
  const quick = () => stsWith({ retry: { baseMs: 10, capMs: 50, deadlineMs: 300 } });

  test('a closed port: "STS unreachable" within the deadline (security 36)', async () => {
    const port = await closedPort();
    const t0 = performance.now();
    const e = await failure(assume(ALICE, {}, quick(), { region: 'us-east-1', endpoint: `http://127.0.0.1:${port}` }));
    assert.ok(performance.now() - t0 < 1_000);
    assert.equal(e.reason, 'unreachable');
    assert.equal(e.stsCode, 'ECONNREFUSED');
    assert.match(e.message, new RegExp(`^AssumeRole ${ROLE}: STS unreachable at http://127\\.0\\.0\\.1:${port}: connection refused \\(\\d+ attempts in 0\\.\\d s\\)$`));
    assert.equal(e.hint, 'check the network, proxy or AWS_ENDPOINT_URL_STS (and endpoint_url in the profile)');
  });

  test('a stopped proxy: "STS unreachable" (security 36)', async () => {
    const gone = await startStsProxy(moto.url);
    await gone.stop();
    const e = await failure(quick().getCallerIdentity(ALICE, { region: 'us-east-1', endpoint: gone.url }));
    assert.equal(e.reason, 'unreachable');
    assert.match(e.message, /^GetCallerIdentity for key …0001: STS unreachable at http:\/\/127\.0\.0\.1:\d+: /);
  });
});

test('the default policy: a refused connection is "STS unreachable" in about a second, after 3 quick attempts (security 36)', async () => {
  const port = await closedPort();
  const t0 = performance.now();
  const e = await failure(assume(ALICE, {}, stsWith({}), { region: 'us-east-1', endpoint: `http://127.0.0.1:${port}` }));
  const took = performance.now() - t0;
  // The spec's "about 1 s"; 3 s of margin for a loaded machine (the full backoff takes 15 s).
  assert.ok(took < 3_000, `${Math.round(took)} ms`);
  assert.equal(e.reason, 'unreachable');
  assert.match(e.message, /: STS unreachable at http:\/\/127\.0\.0\.1:\d+: connection refused \(3 attempts in 0\.\d s\)$/);
});

describe('real key checks (moto with auth on)', () => {
  test('a bogus key: InvalidClientTokenId; a wrong secret: SignatureDoesNotMatch; one call each (security 37)', async (t) => {
    const role = await assume();
    await moto.resetAuth(0);
    t.after(() => moto.resetAuth(Infinity));
    proxy.reset();
    const bogus = await failure(sts.getCallerIdentity({ accessKeyId: 'AKIABOGUS00000000000', secretAccessKey: 'CANARY-x' }, target()));
    assert.equal(bogus.stsCode, 'InvalidClientTokenId');
    assert.equal(bogus.reason, 'invalid-source');
    assert.match(bogus.message, /^GetCallerIdentity for key …0000: the source access key is invalid or deleted/);
    assert.match(bogus.hint ?? '', /re-create the key/);
    const wrong = await failure(sts.getCallerIdentity({ ...role, secretAccessKey: 'CANARY-wrong' }, target()));
    assert.equal(wrong.stsCode, 'SignatureDoesNotMatch');
    assert.match(wrong.message, /: the secret does not match the source access key/);
    assert.equal(proxy.count(), 2);
    // The session STS issued still checks out.
    assert.match((await sts.getCallerIdentity(role, target())).arn, /assumed-role\/deploy\/awsx-test$/);
  });
});

test('the SDK is loaded on the first call, not on import', () => {
  const here = fileURLToPath(new URL('../../../src/core/sts/sdkSts.ts', import.meta.url));
  const script = `
    import { createRequire } from 'node:module';
    const { createSdkSts } = await import(${JSON.stringify(here)});
    const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('client-sts'));
    const sts = createSdkSts({ retry: { deadlineMs: 50 } });
    const before = loaded();
    await sts.getCallerIdentity({ accessKeyId: 'AKIAX', secretAccessKey: 'x' }, { region: 'us-east-1', endpoint: 'http://127.0.0.1:1' }).catch(() => {});
    console.log(JSON.stringify({ before, after: loaded() }));
    sts.close();`;
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '' };
  delete env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED']; // set in this process by the earlier calls
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000, env });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout.trim()), { before: false, after: true });
  assert.doesNotMatch(r.stderr, /NodeVersion|no longer support/i, 'no Node 20 warning from the SDK');
});

function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}
