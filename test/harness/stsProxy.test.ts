import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  ExpiredTokenException,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
  STSClient,
  type Credentials,
} from '@aws-sdk/client-sts';
import { startMoto, type Moto } from '../helpers/moto.ts';
import { hashTokenCode, startStsProxy, type StsProxy } from '../helpers/stsProxy.ts';
import { MFA_DENIED, newPolicy, policyDenial } from '../helpers/stsFaults.ts';

type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
const STATIC: Creds = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'any-secret' };
const ROLE = 'arn:aws:iam::123456789012:role/test';
const SERIAL = 'arn:aws:iam::123456789012:mfa/alice';

let moto: Moto;
let proxy: StsProxy;
before(async () => {
  moto = await startMoto();
  proxy = await startStsProxy(moto.url);
});
after(async () => {
  await proxy.stop();
  await moto.stop();
});
beforeEach(() => proxy.reset());

function sts(creds: Creds = STATIC, maxAttempts = 1): STSClient {
  return new STSClient({ region: 'us-east-1', endpoint: proxy.url, maxAttempts, credentials: creds });
}
const fromSts = (c: Credentials | undefined): Creds => ({
  accessKeyId: c!.AccessKeyId!,
  secretAccessKey: c!.SecretAccessKey!,
  sessionToken: c!.SessionToken!,
});
const getCallerIdentity = (creds: Creds = STATIC) => sts(creds).send(new GetCallerIdentityCommand({}));
const assumeRole = (creds: Creds, DurationSeconds?: number) =>
  sts(creds).send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'awsx-test', DurationSeconds }));
const sessionWithMfa = (TokenCode: string, SerialNumber = SERIAL, creds: Creds = STATIC) =>
  sts(creds).send(new GetSessionTokenCommand({ SerialNumber, TokenCode }));

/** The parts of an SDK error that callers branch on. */
async function stsError(call: Promise<unknown>): Promise<{ name: string; message: string; status: unknown; fault: unknown }> {
  try {
    await call;
  } catch (err) {
    const e = err as Error & { $fault?: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode, fault: e.$fault };
  }
  throw new assert.AssertionError({ message: 'expected the STS call to fail' });
}

describe('forwarding to moto', () => {
  test('GetCallerIdentity is answered by moto and recorded', async () => {
    const id = await getCallerIdentity();
    assert.equal(id.Arn, 'arn:aws:sts::123456789012:user/moto');
    assert.equal(proxy.calls.length, 1);
    assert.deepEqual(
      { ...proxy.calls[0], at: 0 },
      {
        action: 'GetCallerIdentity',
        params: {},
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        at: 0,
        tokenCodeHash: undefined,
        status: 200,
        injected: false,
        errorCode: undefined,
      },
    );
  });

  test('AssumeRole parameters are recorded as sent', async () => {
    const out = await sts().send(
      new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'awsx-test', DurationSeconds: 900, ExternalId: 'ext-1' }),
    );
    assert.match(out.Credentials?.AccessKeyId ?? '', /^ASIA/);
    assert.deepEqual(proxy.calls[0]?.params, {
      RoleArn: ROLE,
      RoleSessionName: 'awsx-test',
      DurationSeconds: '900',
      ExternalId: 'ext-1',
    });
  });

  test('GetSessionToken with MFA records the serial and a SHA-256 of the code', async () => {
    await sessionWithMfa('123456');
    const call = proxy.calls[0]!;
    assert.equal(call.params['SerialNumber'], SERIAL);
    assert.equal(call.tokenCodeHash, '8d969eef6ecad3c29a3a629280e686cf0c3f5d5a86aff3ca12020c923adc6c92');
    assert.equal(call.tokenCodeHash, hashTokenCode('123456'));
  });

  test('an unsigned AssumeRoleWithWebIdentity is forwarded with no access key', async () => {
    await sts().send(
      new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE, RoleSessionName: 'web', WebIdentityToken: 'jwt-token' }),
    );
    assert.equal(proxy.calls[0]?.accessKeyId, undefined);
    assert.equal(proxy.calls[0]?.params['WebIdentityToken'], 'jwt-token');
    assert.equal(proxy.calls[0]?.status, 200);
  });

  test('requests reach moto unaltered: its SigV4 check still passes', async () => {
    await moto.resetAuth(1); // the first call (with made-up keys) is let through
    try {
      const role = fromSts((await assumeRole(STATIC)).Credentials);
      const id = await getCallerIdentity(role);
      assert.match(id.Arn ?? '', /assumed-role\/test\/awsx-test$/);
      await assert.rejects(getCallerIdentity({ ...role, secretAccessKey: 'wrong' }), { name: 'SignatureDoesNotMatch' });
      assert.deepEqual(
        proxy.calls.map((c) => [c.status, c.errorCode, c.injected]),
        [
          [200, undefined, false],
          [200, undefined, false],
          [403, 'SignatureDoesNotMatch', false],
        ],
      );
    } finally {
      await moto.resetAuth(Infinity);
    }
  });

  test('an unreachable upstream is answered with 502 BadGateway', async () => {
    const gone = await startStsProxy('http://127.0.0.1:1');
    try {
      const client = new STSClient({ region: 'us-east-1', endpoint: gone.url, maxAttempts: 1, credentials: STATIC });
      const err = await stsError(client.send(new GetCallerIdentityCommand({})));
      assert.deepEqual([err.name, err.status, err.fault], ['BadGateway', 502, 'server']);
      assert.match(err.message, /upstream 127\.0\.0\.1:1 failed: .*ECONNREFUSED/);
      assert.deepEqual([gone.calls[0]?.status, gone.calls[0]?.injected], [502, true]);
    } finally {
      await gone.stop();
    }
  });
});

describe('injected faults', () => {
  test('throttle: 400 Throttling that the SDK names and retries', async () => {
    proxy.failNext(1, { kind: 'throttle' });
    assert.deepEqual(await stsError(getCallerIdentity()), {
      name: 'Throttling',
      message: 'Rate exceeded',
      status: 400,
      fault: 'client',
    });
    assert.deepEqual([proxy.calls[0]?.status, proxy.calls[0]?.injected], [400, true]);

    proxy.reset();
    proxy.failNext(1, { kind: 'throttle' });
    const id = await sts(STATIC, 2).send(new GetCallerIdentityCommand({}));
    assert.equal(id.$metadata.attempts, 2);
    assert.deepEqual(proxy.calls.map((c) => c.status), [400, 200]);
  });

  test('server errors: 500 InternalFailure and 503 ServiceUnavailable', async () => {
    proxy.failNext(1, { kind: 'serverError' });
    proxy.failNext(1, { kind: 'serverError', status: 503 });
    assert.deepEqual(await stsError(getCallerIdentity()), {
      name: 'InternalFailure',
      message: 'An internal error occurred. Please try again.',
      status: 500,
      fault: 'server',
    });
    assert.deepEqual(await stsError(getCallerIdentity()), {
      name: 'ServiceUnavailable',
      message: 'Service is unavailable. Please try again later.',
      status: 503,
      fault: 'server',
    });
    await getCallerIdentity();
    assert.deepEqual(proxy.calls.map((c) => c.status), [500, 503, 200]);
  });

  test('accessDenied carries its message intact, XML-special characters included', async () => {
    const message = 'User: arn:aws:iam::123456789012:user/a & <b> is not authorized to perform: "sts:AssumeRole"';
    proxy.failNext(1, { kind: 'accessDenied', message });
    assert.deepEqual(await stsError(assumeRole(STATIC)), { name: 'AccessDenied', message, status: 403, fault: 'client' });
    assert.equal(proxy.calls[0]?.errorCode, 'AccessDenied');
  });

  test('custom errors become the SDK modelled exception when STS models them', async () => {
    proxy.failNext(1, { kind: 'custom', status: 400, code: 'ExpiredTokenException', message: 'The security token included in the request is expired' });
    await assert.rejects(getCallerIdentity(), (err) => err instanceof ExpiredTokenException);
  });

  test('delay holds the call, then forwards it to moto', async () => {
    proxy.failNext(1, { kind: 'delay', ms: 300 });
    const started = performance.now();
    const pending = getCallerIdentity();
    await proxy.waitForCalls(1);
    assert.equal(proxy.calls[0]?.status, 'pending');
    await pending;
    assert.ok(performance.now() - started >= allowingTimerSlack(300));
    assert.deepEqual([proxy.calls[0]?.status, proxy.calls[0]?.injected], [200, false]);
  });

  test('reset destroys the connection without an answer', async () => {
    proxy.failNext(1, { kind: 'reset' });
    await assert.rejects(getCallerIdentity(), { code: 'ECONNRESET' });
    assert.equal(proxy.calls[0]?.status, 'reset');
    await getCallerIdentity();
  });

  test('faults can target an action or any predicate, and last n calls', async () => {
    proxy.failNext(1, { kind: 'throttle' }, 'AssumeRole');
    proxy.failNext(Infinity, { kind: 'serverError' }, (r) => r.params['RoleSessionName'] === 'doomed');
    await getCallerIdentity();
    await assert.rejects(assumeRole(STATIC), { name: 'Throttling' });
    await assumeRole(STATIC);
    for (let i = 0; i < 3; i++) {
      await assert.rejects(sts().send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'doomed' })), {
        name: 'InternalFailure',
      });
    }
    assert.deepEqual(proxy.calls.map((c) => c.status), [200, 400, 200, 500, 500, 500]);
  });

  test('latency applies to every call, injected answers included', async () => {
    proxy.setLatency(150);
    proxy.failNext(1, { kind: 'throttle' });
    for (let i = 0; i < 2; i++) {
      const started = performance.now();
      await getCallerIdentity().catch(() => undefined);
      assert.ok(performance.now() - started >= allowingTimerSlack(150), 'answered before the latency elapsed');
    }
    assert.deepEqual(proxy.calls.map((c) => c.status), [400, 200]);
  });
});

describe('MFA rules', () => {
  test('rejectMfaCodes denies the listed codes as real STS does', async () => {
    proxy.rejectMfaCodes(['111111']);
    assert.deepEqual(await stsError(sessionWithMfa('111111')), {
      name: 'AccessDenied',
      message: 'MultiFactorAuthentication failed with invalid MFA one time pass code.',
      status: 403,
      fault: 'client',
    });
    await sessionWithMfa('222222');
    assert.deepEqual(proxy.calls.map((c) => [c.status, c.injected]), [[403, true], [200, false]]);
  });

  test('rejectReusedMfaCodes denies a code already accepted for the same device', async () => {
    proxy.rejectReusedMfaCodes(true);
    await sessionWithMfa('123456');
    await assert.rejects(sessionWithMfa('123456'), { name: 'AccessDenied', message: MFA_DENIED.message });
    await sessionWithMfa('123456', 'arn:aws:iam::123456789012:mfa/bob');
    await sts().send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 's', SerialNumber: SERIAL, TokenCode: '654321' }));
    await assert.rejects(
      sts().send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 's', SerialNumber: SERIAL, TokenCode: '654321' })),
      { name: 'AccessDenied' },
    );
    assert.deepEqual(proxy.calls.map((c) => c.status), [200, 403, 200, 200, 403]);
    // The log is enough to prove a code went out twice, without keeping the codes.
    assert.equal(proxy.calls[0]?.tokenCodeHash, proxy.calls[1]?.tokenCodeHash);
  });

  test('two concurrent uses of one code: exactly one is accepted', async () => {
    proxy.rejectReusedMfaCodes(true);
    const results = await Promise.allSettled([sessionWithMfa('777777'), sessionWithMfa('777777')]);
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
  });

  test('a code STS refused is not counted as used', async () => {
    proxy.rejectReusedMfaCodes(true);
    await moto.resetAuth(0);
    try {
      const bogus = { accessKeyId: 'AKIABOGUSBOGUSBOGUS0', secretAccessKey: 'x' };
      await assert.rejects(sessionWithMfa('444444', SERIAL, bogus), { name: 'InvalidClientTokenId' });
    } finally {
      await moto.resetAuth(Infinity);
    }
    await sessionWithMfa('444444');
  });
});

describe('role chaining limit', () => {
  test('off by default: moto lets a chained role last 2 h', async () => {
    const role = fromSts((await assumeRole(STATIC)).Credentials);
    await assumeRole(role, 7200);
  });

  test('on: a role session asking for more than 1 h gets ValidationError', async () => {
    proxy.enforceChainingLimit(true);
    const role = fromSts((await assumeRole(STATIC, 7200)).Credentials); // long-term keys: not chaining
    assert.deepEqual(await stsError(assumeRole(role, 7200)), {
      name: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
      status: 400,
      fault: 'client',
    });
    await assumeRole(role, 3600);
    await assumeRole(role);
    // An ASIA key the proxy never saw issued is taken to be a role session.
    const outsider = { accessKeyId: 'ASIAOUTSIDEEXAMPLE00', secretAccessKey: 'x', sessionToken: 't' };
    await assert.rejects(assumeRole(outsider, 7200), { name: 'ValidationError' });
    assert.deepEqual(proxy.calls.map((c) => c.status), [200, 400, 200, 200, 400]);
  });

  test('on: GetSessionToken credentials are not a role chain', async () => {
    proxy.enforceChainingLimit(true);
    const session = fromSts((await sessionWithMfa('123456')).Credentials);
    await assumeRole(session, 7200);
    // moto hands out AKIA keys from GetSessionToken; real STS hands out ASIA ones.
    const policy = newPolicy();
    policy.enforceChainingLimit = true;
    policy.sessionKeys.add('ASIASESSIONEXAMPLE00');
    const req = { action: 'AssumeRole', params: { DurationSeconds: '7200' }, accessKeyId: 'ASIASESSIONEXAMPLE00' };
    assert.equal(policyDenial(policy, req), undefined);
  });
});

describe('recording', () => {
  test('count() counts by action, in arrival order', async () => {
    await getCallerIdentity();
    await assumeRole(STATIC);
    await assumeRole(STATIC);
    assert.deepEqual([proxy.count(), proxy.count('AssumeRole'), proxy.count('GetSessionToken')], [3, 2, 0]);
    assert.ok(proxy.calls[0]!.at <= proxy.calls[1]!.at && proxy.calls[1]!.at <= proxy.calls[2]!.at);
  });

  test('reset() forgets calls, faults, latency and MFA and chaining rules', { timeout: 5_000 }, async () => {
    await sessionWithMfa('123456');
    proxy.failNext(Infinity, { kind: 'throttle' });
    proxy.setLatency(60_000);
    proxy.rejectMfaCodes(['654321']);
    proxy.rejectReusedMfaCodes(true);
    proxy.enforceChainingLimit(true);
    proxy.reset();
    assert.equal(proxy.count(), 0);
    await sessionWithMfa('123456');
    await sessionWithMfa('654321');
    await assumeRole(fromSts((await assumeRole(STATIC)).Credentials), 7200);
    assert.deepEqual(proxy.calls.map((c) => c.status), [200, 200, 200, 200]);
  });

  test('waitForCalls gives up with a clear message', async () => {
    await assert.rejects(proxy.waitForCalls(1, 'AssumeRole', 50), /waited 50 ms for 1 AssumeRole calls, saw 0/);
  });

  test('stop() does not wait for delayed calls, and the port is closed after', { timeout: 10_000 }, async () => {
    const own = await startStsProxy(moto.url);
    own.failNext(1, { kind: 'delay', ms: 60_000 });
    const client = new STSClient({ region: 'us-east-1', endpoint: own.url, maxAttempts: 1, credentials: STATIC });
    const pending = client.send(new GetCallerIdentityCommand({}));
    await own.waitForCalls(1);
    await own.stop();
    await assert.rejects(pending);
    await assert.rejects(fetch(own.url), (err: Error) => (err.cause as { code?: string }).code === 'ECONNREFUSED');
  });
});

// Timers may fire a hair early against performance.now().
function allowingTimerSlack(ms: number): number {
  return ms - 2;
}
