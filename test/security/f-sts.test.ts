// docs/security.md section F (T11, T9, T15) through the real daemon: moto as STS behind the
// fault proxy, the CLI and raw protocol clients asking. The daemon runs its real retry
// policy (200 ms base, 3 s cap, 8 attempts, 15 s deadline; refused connections: 3 quick
// attempts), so the timings here are the ones a user would see.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { describe, test, type TestContext } from 'node:test';
import { awsxEnv, runAwsx, type RunResult } from '../helpers/cli.ts';
import { keyOf, liveHome, percentile, procStats, resolveOver, startDaemon, type LiveHome } from '../helpers/liveDaemon.ts';
import { useMotoAndProxy } from '../helpers/stsFixture.ts';
import { startStsProxy, type StsProxy } from '../helpers/stsProxy.ts';

const sts = useMotoAndProxy();

const ACCOUNT = '123456789012';
const role = (name: string, extra = '', source = 'base') =>
  [`[profile ${name}]`, `role_arn = arn:aws:iam::${ACCOUNT}:role/${name}`, `source_profile = ${source}`, 'region = us-east-1', extra, ''].join('\n');
const SECRET = 'CANARY-f-sts-secret';
const FILES = {
  config: ['a', 'b', 'cached', 'denied', 'chained', 'invalid', 'flaky', 'throttled', 'evil'].map((n) => role(n)).join('') + role('short', 'duration_seconds = 900'),
  credentials: `[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = ${SECRET}\n`,
};
/** A proxy of the test's own in front of the shared moto: the slow tests run side by side. */
async function ownProxy(t: TestContext): Promise<StsProxy> {
  const proxy = await startStsProxy(sts.moto.url);
  t.after(() => proxy.stop());
  return proxy;
}

const forRole = (name: string) => (r: { params: Readonly<Record<string, string>> }) => r.params['RoleArn']?.endsWith(`:role/${name}`) === true;
const callsFor = (name: string, proxy: StsProxy = sts.proxy) => proxy.calls.filter(forRole(name));

function awsxIn(home: LiveHome, args: string[]): Promise<RunResult> {
  return runAwsx(args, { env: awsxEnv(home.env), built: true });
}

/** A CLI failure as the spec wants it: non-zero, nothing on stdout, no secret in stderr. */
function assertFailed(r: RunResult, message: RegExp): void {
  assert.notEqual(r.code, 0);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, message);
  assert.ok(!r.stderr.includes(SECRET), 'no secret in the error');
}

// The three slow ones side by side, each with its own daemon and proxy (about 15 s, not 35 s).
describe('slow paths', { concurrency: true }, () => {
  test('throttled twice, then served: 3 calls with growing, capped pauses; 10 throttles: "throttled" within the deadline, at most 8 calls for 5 clients (security 33)', async (t) => {
    const proxy = await ownProxy(t);
    const home = liveHome(t, proxy.url, FILES);
    await startDaemon(home);
    proxy.failNext(2, { kind: 'throttle' }, forRole('a'));
    const ok = await awsxIn(home, ['env', 'a', '--shell', 'json']);
    assert.equal(ok.code, 0, ok.stderr);
    const a = callsFor('a', proxy);
    assert.deepEqual(a.map((c) => c.status), [400, 400, 200]);
    const gaps = [a[1]!.at - a[0]!.at, a[2]!.at - a[1]!.at];
    t.diagnostic(`pauses between attempts: ${gaps.map(Math.round).join(', ')} ms`);
    // Full jitter under a ceiling of 200 ms, then 400 ms (plus the time a call takes).
    assert.ok(gaps[0]! < 200 + 150 && gaps[1]! < 400 + 150, `capped: ${gaps}`);

    proxy.failNext(10, { kind: 'throttle' }, forRole('throttled'));
    const started = performance.now();
    const [cli, ...others] = await Promise.all([
      awsxIn(home, ['env', 'throttled']),
      ...Array.from({ length: 4 }, () => resolveOver(home.runtime.socket, home, 'throttled').then(() => 'served', (e: Error) => e.message)),
    ]);
    const took = performance.now() - started;
    assertFailed(cli!, /^awsx: AssumeRole arn:aws:iam::\d+:role\/throttled: throttled by STS \(\d attempts in \d+\.\d s\)\n {2}fix: STS is limiting the call rate/);
    for (const o of others) assert.match(o as string, /throttled by STS/);
    const calls = callsFor('throttled', proxy).length;
    t.diagnostic(`gave up after ${calls} calls in ${Math.round(took)} ms`);
    assert.ok(calls <= 8, `${calls} STS calls for 5 clients: at most the 8 attempts of one`);
    // The 15 s deadline, plus the CLI's start and a loaded machine.
    assert.ok(took < 25_000, `${Math.round(took)} ms`);
  });

  test('STS slow for one profile: its attempts time out at 5 s under the 15 s deadline, while another profile and cached ones are served fast (security 35)', async (t) => {
    const proxy = await ownProxy(t);
    const home = liveHome(t, proxy.url, FILES);
    await startDaemon(home);
    const socket = home.runtime.socket;
    const cachedKey = keyOf(await resolveOver(socket, home, 'cached'));
    proxy.failNext(Infinity, { kind: 'delay', ms: 30_000 }, forRole('a'));
    const started = performance.now();
    const slow = resolveOver(socket, home, 'a').then(() => undefined, (e: Error) => [e, performance.now() - started] as const);
    await proxy.waitForCalls(1, 'AssumeRole');
    const cached: number[] = [];
    const fresh: number[] = [];
    // While 'a' hangs: a new profile each round (an STS call through moto) and a cached one.
    for (let i = 0; performance.now() - started < 12_000; i++) {
      let t0 = performance.now();
      assert.equal(keyOf(await resolveOver(socket, home, 'cached')), cachedKey);
      cached.push(performance.now() - t0);
      t0 = performance.now();
      keyOf(await resolveOver(socket, home, i % 2 ? 'b' : 'flaky', { forceRefresh: true }));
      fresh.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 200));
    }
    const failure = await slow;
    assert.ok(failure, 'the slow profile failed');
    const [err, took] = failure;
    t.diagnostic(`meanwhile: cached p99 ${Math.round(percentile(cached, 99))} ms (${cached.length}), new session p99 ${Math.round(percentile(fresh, 99))} ms (${fresh.length}); the slow one gave up after ${Math.round(took)} ms with ${callsFor('a', proxy).length} calls`);
    assert.match(err.message, /^AssumeRole arn:\S+role\/a: STS unreachable at http:\/\/127\.0\.0\.1:\d+: no answer within \d\.\d s \(\d attempts in 1\d\.\d s\)$/);
    assert.ok(callsFor('a', proxy).length <= 3, 'each attempt waited its 5 s');
    assert.ok(took < 18_000, `the deadline held: ${Math.round(took)} ms`);
    // The spec's 100 ms; 3 s here for a loaded machine: head-of-line blocking would cost 15 s.
    assert.ok(percentile(cached, 99) < 3_000 && percentile(fresh, 99) < 3_000, 'no head-of-line blocking');
  });

  test('STS unreachable: "STS unreachable" in about a second, cached sessions still served, and no busy loop (security 36)', async (t) => {
    const own = await ownProxy(t);
    const home = liveHome(t, own.url, FILES);
    const pid = await startDaemon(home);
    const socket = home.runtime.socket;
    const cachedKey = keyOf(await resolveOver(socket, home, 'cached'));
    // A 15-minute session: fresh in the cache for its first 2.5 min, then due for refresh
    // and still good to serve while the refresh fails (issue 18.10).
    const shortKey = keyOf(await resolveOver(socket, home, 'short'));
    await own.stop();

    const started = performance.now();
    const down = await awsxIn(home, ['env', 'b']);
    const took = performance.now() - started;
    assertFailed(down, /^awsx: AssumeRole arn:\S+role\/b: STS unreachable at http:\/\/127\.0\.0\.1:\d+: connection refused \(3 attempts in 0\.\d s\)\n {2}fix: check the network, proxy or AWS_ENDPOINT_URL_STS/);
    t.diagnostic(`awsx env failed after ${Math.round(took)} ms (the CLI's own start included)`);
    // The spec's "about 1 s"; 5 s of margin for the CLI start on a loaded machine (the old
    // policy, retrying a refused connection until the deadline, took 15 s).
    assert.ok(took < 6_000, `${Math.round(took)} ms`);
    assert.equal(keyOf(await resolveOver(socket, home, 'cached')), cachedKey);
    assert.equal(keyOf(await resolveOver(socket, home, 'short')), shortKey, 'a failed refresh keeps the still-valid session');

    // No busy loop: the daemon's CPU time over a 10 s window in which a client asks for the
    // unreachable profile every second. 10 s, not the spec's 60 s, to keep the suite short:
    // a spinning daemon burns a whole core, which 10 s shows as plainly as 60 s would.
    const cpuBefore = procStats(pid).cpuMs;
    const windowStart = performance.now();
    while (performance.now() - windowStart < 10_000) {
      await resolveOver(socket, home, 'b').then(() => assert.fail('served with STS down'), (e: Error) => assert.match(e.message, /STS unreachable/));
      await new Promise((r) => setTimeout(r, 1_000));
    }
    const cpu = procStats(pid).cpuMs - cpuBefore;
    t.diagnostic(`daemon CPU over ${Math.round((performance.now() - windowStart) / 1000)} s: ${cpu} ms`);
    assert.ok(cpu < 1_000, `daemon used ${cpu} ms of CPU`);
  });
});

/** IAM through boto3 against moto (awsx has no IAM client): returns what the script prints. */
function iam(script: string): string {
  const py = `import boto3, json\niam = boto3.client('iam', endpoint_url=${JSON.stringify(sts.moto.url)}, region_name='us-east-1', aws_access_key_id='AKIAIOSFODNN7EXAMPLE', aws_secret_access_key='admin')\n${script}`;
  const r = spawnSync('python3', ['-c', py], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`boto3 iam: ${r.stderr}`);
  return r.stdout.trim();
}

test('500, 503 and a reset are retried; AccessDenied, the chaining-limit ValidationError and InvalidClientTokenId are not, and say why (security 34, 43)', async (t) => {
  const home = liveHome(t, sts.proxy.url, FILES);
  await startDaemon(home);
  sts.proxy.failNext(1, { kind: 'serverError', status: 500 }, forRole('flaky'));
  sts.proxy.failNext(1, { kind: 'serverError', status: 503 }, forRole('flaky'));
  sts.proxy.failNext(1, { kind: 'reset' }, forRole('flaky'));
  const flaky = await awsxIn(home, ['env', 'flaky', '--shell', 'json']);
  assert.equal(flaky.code, 0, flaky.stderr);
  assert.deepEqual(callsFor('flaky').map((c) => c.status), [500, 503, 'reset', 200]);

  const rows: [string, Parameters<typeof sts.proxy.failNext>[1], RegExp][] = [
    ['denied', { kind: 'accessDenied', message: `User: arn:aws:iam::${ACCOUNT}:user/base is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${ACCOUNT}:role/denied` }, /not authorized to perform sts:AssumeRole[\s\S]*fix: the source credentials lack permission/],
    ['chained', { kind: 'custom', status: 400, code: 'ValidationError', message: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.' }, /duration over the 1-hour limit for chained roles[\s\S]*fix: a role assumed with another role's credentials lasts at most 1 hour/],
    ['invalid', { kind: 'custom', status: 403, code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' }, /the source access key is invalid or deleted[\s\S]*fix: re-create the key in IAM/],
  ];
  for (const [name, fault, message] of rows) {
    sts.proxy.failNext(Infinity, fault, forRole(name));
    assertFailed(await awsxIn(home, ['env', name]), message);
    assert.equal(callsFor(name).length, 1, `${name}: one call, no retry`);
  }
  // The injected InvalidClientTokenId made awsx remember the base key as refused (issue 16.5).
  assert.equal((await awsxIn(home, ['forget', '--all'])).code, 0);

  // STS's own words reach the terminal with their escape sequences made inert (test 43).
  sts.proxy.failNext(1, { kind: 'accessDenied', message: 'denied \u001b]52;c;cm0gLXJmIH4=\u0007 \u001b]0;pwned\u0007 \u001b[2J' }, forRole('evil'));
  const evil = await awsxIn(home, ['env', 'evil']);
  assertFailed(evil, /denied \\e\]52;c;cm0gLXJmIH4=\\x07 \\e\]0;pwned\\x07 \\e\[2J/);
  assert.doesNotMatch(evil.stderr, /[\u001b\u0007\u009b]/, 'no raw ESC, BEL or CSI');
});

test('revoked source key: InvalidClientTokenId, "re-create the key", no retries, the current session still served (security 37)', async (t) => {
  const user = `revoked-${process.pid}`;
  const key = JSON.parse(iam([
    `iam.create_user(UserName='${user}')`,
    `iam.put_user_policy(UserName='${user}', PolicyName='all', PolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': '*', 'Resource': '*'}]}))`,
    `k = iam.create_access_key(UserName='${user}')['AccessKey']`,
    `print(json.dumps({'id': k['AccessKeyId'], 'secret': k['SecretAccessKey']}))`,
  ].join('\n'))) as { id: string; secret: string };
  // From here moto checks every key (INITIAL_NO_AUTH_ACTION_COUNT reached).
  await sts.moto.resetAuth(0);
  t.after(() => sts.moto.resetAuth(Infinity));
  const home = liveHome(t, sts.proxy.url, { config: role('app', '', 'iamuser') + role('other', '', 'iamuser'), credentials: `[iamuser]\naws_access_key_id = ${key.id}\naws_secret_access_key = ${key.secret}\n` });
  await startDaemon(home);
  const socket = home.runtime.socket;
  const session = keyOf(await resolveOver(socket, home, 'app'));
  assert.equal(sts.proxy.calls.at(-1)!.status, 200, 'moto accepted the live key');

  await sts.moto.resetAuth(Infinity);
  iam(`iam.delete_access_key(UserName='${user}', AccessKeyId='${key.id}')`);
  await sts.moto.resetAuth(0);
  sts.proxy.reset();

  // A refresh that needs STS: the error names the cause and the fix, after one call.
  const other = await awsxIn(home, ['env', 'other']);
  assertFailed(other, /^awsx: AssumeRole arn:\S+role\/other: the source access key is invalid or deleted \(InvalidClientTokenId: [^\n]*\)\n {2}fix: re-create the key in IAM and update aws_access_key_id and aws_secret_access_key/);
  assert.deepEqual(sts.proxy.calls.map((c) => c.errorCode), ['InvalidClientTokenId'], 'one call, not retried');
  // A forced refresh of the live session: the key STS just refused is not sent again
  // (issue 16.5), and the session is still served.
  assert.equal(keyOf(await resolveOver(socket, home, 'app', { forceRefresh: true })), session);
  assert.equal(sts.proxy.count(), 1);
  const env = await awsxIn(home, ['env', 'app', '--shell', 'json']);
  assert.equal(env.code, 0, env.stderr);
  assert.equal((JSON.parse(env.stdout) as Record<string, string>)['AWS_ACCESS_KEY_ID'], session, 'the current session until it expires');
  assert.equal(sts.proxy.count(), 1, 'a cached session needs no call');
});

test('a source key STS called invalid is remembered: later requests get the same error at once with no STS call, until `awsx forget` (any form) or a changed key or secret (issue 16.5)', async (t) => {
  const user = `refused-${process.pid}`;
  const key = JSON.parse(iam([
    `iam.create_user(UserName='${user}')`,
    `iam.put_user_policy(UserName='${user}', PolicyName='all', PolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': '*', 'Resource': '*'}]}))`,
    `k = iam.create_access_key(UserName='${user}')['AccessKey']`,
    `print(json.dumps({'id': k['AccessKeyId'], 'secret': k['SecretAccessKey']}))`,
  ].join('\n'))) as { id: string; secret: string };
  await sts.moto.resetAuth(0); // from here moto checks every key and signature
  t.after(() => sts.moto.resetAuth(Infinity));
  const keys = (id: string, secret: string) => `[iamuser]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n`;
  const home = liveHome(t, sts.proxy.url, { config: role('app', '', 'iamuser') + role('other', '', 'iamuser'), credentials: keys(key.id, 'a-wrong-secret') });
  await startDaemon(home);
  const wrongSecret = /^awsx: AssumeRole arn:\S+role\/app: the secret does not match the source access key \(SignatureDoesNotMatch: [^\n]*\)\n {2}fix: fix aws_secret_access_key/;
  assertFailed(await awsxIn(home, ['env', 'app']), wrongSecret);
  assert.deepEqual(sts.proxy.calls.map((c) => c.errorCode), ['SignatureDoesNotMatch']);

  // Remembered: the same error at once, for this profile and any other signed by the key.
  const remembered = /STS said so \d+ s ago, so awsx does not ask it again with this key for \d+ s \(or until `awsx forget`\)\n {2}fix: fix aws_secret_access_key/;
  assertFailed(await awsxIn(home, ['env', 'app']), remembered);
  assertFailed(await awsxIn(home, ['env', 'other']), /role\/app: the secret does not match[^\n]*STS said so/);
  assert.equal(sts.proxy.count(), 1, 'no STS call while it is remembered');

  // Every form of forget clears it: the next request asks STS again.
  assert.equal((await awsxIn(home, ['forget', 'other'])).code, 0);
  assertFailed(await awsxIn(home, ['env', 'app']), wrongSecret);
  assert.equal(sts.proxy.count(), 2);
  assert.equal((await awsxIn(home, ['forget', '--all'])).code, 0);
  assertFailed(await awsxIn(home, ['env', 'other']), /role\/other: the secret does not match/);
  assert.equal(sts.proxy.count(), 3);

  // A fixed secret is another key: tried at once, and it works.
  writeFileSync(home.env.AWS_SHARED_CREDENTIALS_FILE!, keys(key.id, key.secret));
  const fixed = await awsxIn(home, ['env', 'app', '--shell', 'json']);
  assert.equal(fixed.code, 0, fixed.stderr);
  assert.equal(sts.proxy.count(), 4);

  // InvalidClientTokenId (a key STS does not know) is remembered the same way.
  writeFileSync(home.env.AWS_SHARED_CREDENTIALS_FILE!, keys('AKIAUNKNOWNKEY000001', 'whatever'));
  assertFailed(await awsxIn(home, ['env', 'other']), /the source access key is invalid or deleted \(InvalidClientTokenId/);
  assertFailed(await awsxIn(home, ['env', 'other']), /invalid or deleted[^\n]*STS said so/);
  assert.deepEqual(sts.proxy.calls.slice(4).map((c) => c.errorCode), ['InvalidClientTokenId']);
});
