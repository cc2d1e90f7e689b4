// The session engine against moto through the fault proxy: the conformance cases call for
// call, awsx's MFA plans, caching and single-flight, refresh ahead of expiry, sleep,
// failures while a session is still valid, and MFA codes used once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { advisoryWindowMs } from '../../../src/core/session/stepCache.ts';
import type { ResolveRequest } from '../../../src/core/session/types.ts';
import { useMotoAndProxy } from '../../helpers/stsFixture.ts';
import { startStsProxy, type StsProxy } from '../../helpers/stsProxy.ts';
import { credentialsOf, request, testClock, testEngine } from '../../helpers/engine.ts';
import { tempDir } from '../../helpers/tempDir.ts';

const sts = useMotoAndProxy();

const BASE = '[base]\naws_access_key_id = AKIAENGINEBASE000001\naws_secret_access_key = base-secret\n';
const MFA = 'arn:aws:iam::111111111111:mfa/alice';
const role = (name: string, extra = '', source = 'base') =>
  `[profile ${name}]\nrole_arn = arn:aws:iam::222222222222:role/${name}\nsource_profile = ${source}\n${extra}`;
const actions = () => sts.proxy.calls.map((c) => `${c.action}${c.params.RoleArn ? ' ' + c.params.RoleArn.split('/')[1] : ''}`);

test('a chain of three roles: inner first, each signed by the one before', async () => {
  const engine = testEngine();
  const config = role('one') + role('two', '', 'one') + role('three', '', 'two');
  const creds = credentialsOf(await engine.resolve(request(sts.proxy.url, config, BASE, 'three')));
  assert.deepEqual(actions(), ['AssumeRole one', 'AssumeRole two', 'AssumeRole three']);
  assert.equal(sts.proxy.calls[0]!.accessKeyId, 'AKIAENGINEBASE000001');
  assert.notEqual(sts.proxy.calls[1]!.accessKeyId, 'AKIAENGINEBASE000001');
  assert.ok(creds.sessionToken && creds.expiration);
});

test('external id and session name are sent', async () => {
  const engine = testEngine();
  await engine.resolve(request(sts.proxy.url, role('x', 'external_id = ext-42\nrole_session_name = alice\n'), BASE, 'x'));
  assert.equal(sts.proxy.calls[0]!.params.ExternalId, 'ext-42');
  assert.equal(sts.proxy.calls[0]!.params.RoleSessionName, 'alice');
});

test('one MFA code, one GetSessionToken, then every role behind the device', async () => {
  const engine = testEngine();
  const config = role('dev', `mfa_serial = ${MFA}\n`) + role('prod', `mfa_serial = ${MFA}\n`);
  const first = await engine.resolve(request(sts.proxy.url, config, BASE, 'dev'));
  assert.deepEqual(first, { kind: 'mfa-required', profile: 'dev', serial: MFA, reason: 'no-code' });
  assert.equal(sts.proxy.count(), 0, 'no call before a code is given');
  credentialsOf(await engine.resolve(request(sts.proxy.url, config, BASE, 'dev', { mfaCode: '123456' })));
  credentialsOf(await engine.resolve(request(sts.proxy.url, config, BASE, 'prod')));
  assert.deepEqual(actions(), ['GetSessionToken', 'AssumeRole dev', 'AssumeRole prod']);
  assert.equal(sts.proxy.calls[0]!.params.TokenCode, '123456');
  assert.equal(sts.proxy.calls[1]!.params.TokenCode, undefined, 'the role is assumed with the session, without a code');
});

test('a single role wanting more than 1 h gets the code on its AssumeRole', async () => {
  const engine = testEngine();
  await engine.resolve(request(sts.proxy.url, role('long', `mfa_serial = ${MFA}\nduration_seconds = 7200\n`), BASE, 'long', { mfaCode: '654321' }));
  assert.deepEqual(actions(), ['AssumeRole long']);
  assert.equal(sts.proxy.calls[0]!.params.SerialNumber, MFA);
  assert.equal(sts.proxy.calls[0]!.params.DurationSeconds, '7200');
});

test('credential_process as a source signs the AssumeRole', async (t) => {
  const dir = tempDir(t);
  const script = join(dir, 'creds script.js');
  writeFileSync(script, 'console.log(JSON.stringify({Version: 1, AccessKeyId: "AKIAPROCESS000000001", SecretAccessKey: "s"}))');
  const config = `[profile proc]\ncredential_process = "${process.execPath}" "${script}"\n` + role('app', '', 'proc');
  const engine = testEngine();
  credentialsOf(await engine.resolve(request(sts.proxy.url, config, '', 'app')));
  assert.equal(sts.proxy.calls[0]!.accessKeyId, 'AKIAPROCESS000000001');
});

test('web identity as a source: unsigned AssumeRoleWithWebIdentity, then the role', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'token'), 'eyJ.token.value');
  const config = `[profile wi]\nrole_arn = arn:aws:iam::222222222222:role/web\nweb_identity_token_file = ${join(dir, 'token')}\n` + role('app', '', 'wi');
  const engine = testEngine();
  credentialsOf(await engine.resolve(request(sts.proxy.url, config, '', 'app')));
  assert.deepEqual(actions(), ['AssumeRoleWithWebIdentity web', 'AssumeRole app']);
  assert.equal(sts.proxy.calls[0]!.accessKeyId, undefined);
  assert.equal(sts.proxy.calls[0]!.params.WebIdentityToken, 'eyJ.token.value');
});

test("a relative web_identity_token_file is read from the caller's working directory; each directory's token is its own (issue 16.2)", async (t) => {
  const [a, b] = [tempDir(t), tempDir(t)];
  writeFileSync(join(a, 'token'), 'eyJ.token.of-a');
  writeFileSync(join(b, 'token'), 'eyJ.token.of-b');
  const config = '[profile wi]\nrole_arn = arn:aws:iam::222222222222:role/web\nweb_identity_token_file = token\n' + role('app', '', 'wi');
  const engine = testEngine();
  credentialsOf(await engine.resolve(request(sts.proxy.url, config, '', 'app', { cwd: a })));
  credentialsOf(await engine.resolve(request(sts.proxy.url, config, '', 'app', { cwd: b })));
  assert.deepEqual(sts.proxy.calls.filter((c) => c.action === 'AssumeRoleWithWebIdentity').map((c) => c.params.WebIdentityToken), ['eyJ.token.of-a', 'eyJ.token.of-b']);
});

test('a token file that is missing, a directory or too short: an error naming the source profile, the path and the fix, and no STS call (issue 16.1)', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'short'), 'ab');
  const engine = testEngine();
  const cases: [string, RegExp, RegExp][] = [
    [join(dir, 'nope'), new RegExp(`^profile wi: web_identity_token_file ${join(dir, 'nope')} does not exist$`), /check web_identity_token_file, or create the file/],
    [dir, /is a directory, not a file$/, /at the token file itself/],
    [join(dir, 'short'), /short holds 2 characters, too few for a token$/, /4 to 20000 characters/],
  ];
  for (const [path, message, hint] of cases) {
    const config = `[profile wi]\nrole_arn = arn:aws:iam::222222222222:role/web\nweb_identity_token_file = ${path}\n` + role('app', '', 'wi');
    await assert.rejects(engine.resolve(request(sts.proxy.url, config, '', 'app', { cwd: dir })), (e: Error & { code: string; hint: string }) => {
      assert.equal(e.code, 'FileError');
      assert.match(e.message, message);
      assert.match(e.hint, hint);
      return true;
    });
  }
  assert.equal(sts.proxy.count(), 0);
});

test('200 concurrent requests for a cold chain of two roles make exactly two STS calls (security 39)', async () => {
  const engine = testEngine();
  sts.proxy.setLatency(300);
  const req = request(sts.proxy.url, role('mid') + role('top', '', 'mid'), BASE, 'top');
  const results = await Promise.all(Array.from({ length: 200 }, () => engine.resolve(req)));
  assert.deepEqual(actions(), ['AssumeRole mid', 'AssumeRole top']);
  assert.equal(new Set(results.map((r) => credentialsOf(r).accessKeyId)).size, 1);
});

test('served from the cache while fresh; refreshed ahead of expiry; never stale after a sleep (security 29, 30)', async () => {
  const clock = testClock();
  const engine = testEngine(clock);
  const req = request(sts.proxy.url, role('app'), BASE, 'app');
  const a = credentialsOf(await engine.resolve(req));
  const b = credentialsOf(await engine.resolve(req));
  assert.equal(b.accessKeyId, a.accessKeyId);
  assert.equal(sts.proxy.count(), 1);
  clock.advance(50 * 60_000); // 10 min left: inside the 15 min refresh window
  const c = credentialsOf(await engine.resolve(req));
  assert.notEqual(c.accessKeyId, a.accessKeyId);
  assert.equal(sts.proxy.count(), 2);
  clock.advance(2 * 3600_000); // the laptop slept two hours
  const d = credentialsOf(await engine.resolve(req));
  assert.notEqual(d.accessKeyId, c.accessKeyId);
  assert.ok(d.expiration!.getTime() > Date.now());
  assert.equal(sts.proxy.count(), 3);
});

test('a failed refresh keeps serving still-valid credentials, never inside the last 10 minutes (security 32)', async () => {
  const clock = testClock();
  const engine = testEngine(clock);
  const req = request(sts.proxy.url, role('app'), BASE, 'app');
  const a = credentialsOf(await engine.resolve(req));
  sts.proxy.failNext(Infinity, { kind: 'accessDenied', message: 'User: arn:aws:iam::111111111111:user/base is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/app' });
  clock.advance(47 * 60_000); // 13 min left: a refresh is due, fails, the session is still good
  assert.equal(credentialsOf(await engine.resolve(req)).accessKeyId, a.accessKeyId);
  clock.advance(5 * 60_000); // 8 min left: inside the mandatory window, never served
  await assert.rejects(engine.resolve(req), (e: Error & { code: string }) => e.code === 'StsError' && /not authorized to perform: sts:AssumeRole/.test(e.message));
});

test('throttling is retried; access denied is not', async () => {
  const engine = testEngine();
  sts.proxy.failNext(2, { kind: 'throttle' });
  credentialsOf(await engine.resolve(request(sts.proxy.url, role('app'), BASE, 'app')));
  assert.equal(sts.proxy.count('AssumeRole'), 3);
  sts.proxy.reset();
  sts.proxy.failNext(1, { kind: 'accessDenied', message: 'Access denied' });
  await assert.rejects(engine.resolve(request(sts.proxy.url, role('other'), BASE, 'other')), (e: Error & { code: string }) => e.code === 'StsError');
  assert.equal(sts.proxy.count('AssumeRole'), 1);
});

test('a rejected MFA code asks again; a code is never sent twice (security 38)', async () => {
  const engine = testEngine();
  const config = role('dev', `mfa_serial = ${MFA}\n`);
  sts.proxy.rejectMfaCodes(['111111']);
  const rejected = await engine.resolve(request(sts.proxy.url, config, BASE, 'dev', { mfaCode: '111111' }));
  assert.deepEqual(rejected, { kind: 'mfa-required', profile: 'dev', serial: MFA, reason: 'code-rejected' });
  const reused = await engine.resolve(request(sts.proxy.url, config, BASE, 'dev', { mfaCode: '111111' }));
  assert.equal(reused.kind === 'mfa-required' && reused.reason, 'code-reused');
  assert.equal(sts.proxy.count('GetSessionToken'), 1, 'the reused code was not sent');
  credentialsOf(await engine.resolve(request(sts.proxy.url, config, BASE, 'dev', { mfaCode: '222222' })));
});

test('mfa_process supplies the code', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'code.sh'), '#!/bin/sh\necho 314159\n', { mode: 0o755 });
  const engine = testEngine();
  credentialsOf(await engine.resolve(request(sts.proxy.url, role('dev', `mfa_serial = ${MFA}\nmfa_process = ${join(dir, 'code.sh')}\n`), BASE, 'dev')));
  assert.equal(sts.proxy.calls[0]!.params.TokenCode, '314159');
});

test('roles behind a live MFA session are refreshed without a person', async () => {
  const clock = testClock();
  const engine = testEngine(clock);
  const config = role('dev', `mfa_serial = ${MFA}\n`);
  credentialsOf(await engine.resolve(request(sts.proxy.url, config, BASE, 'dev', { mfaCode: '123456' })));
  assert.equal(engine.sessions()[0]!.needsMfaToRefresh, false);
  clock.advance(55 * 60_000);
  credentialsOf(await engine.resolve(request(sts.proxy.url, config, BASE, 'dev')));
  assert.deepEqual(actions(), ['GetSessionToken', 'AssumeRole dev', 'AssumeRole dev']);
});

test('a code sent with the AssumeRole: served while 10+ minutes remain, then a code is needed', async () => {
  const clock = testClock();
  const engine = testEngine(clock);
  const config = role('long', `mfa_serial = ${MFA}\nduration_seconds = 7200\n`);
  credentialsOf(await engine.resolve(request(sts.proxy.url, config, BASE, 'long', { mfaCode: '123456' })));
  assert.equal(engine.sessions()[0]!.needsMfaToRefresh, true);
  clock.advance(105 * 60_000); // 15 min left
  credentialsOf(await engine.resolve(request(sts.proxy.url, config, BASE, 'long')));
  clock.advance(8 * 60_000); // 7 min left
  const r = await engine.resolve(request(sts.proxy.url, config, BASE, 'long'));
  assert.equal(r.kind, 'mfa-required');
  assert.equal(sts.proxy.count(), 1);
});

test('a changed mfa_serial, role_arn, duration_seconds, region or endpoint never returns the old session (security 48)', async (t) => {
  const engine = testEngine();
  const base = request(sts.proxy.url, role('app'), BASE, 'app');
  const first = credentialsOf(await engine.resolve(base)).accessKeyId;
  assert.equal(credentialsOf(await engine.resolve(base)).accessKeyId, first, 'unchanged: served from the cache');
  const withMfa = await engine.resolve(request(sts.proxy.url, role('app', `mfa_serial = ${MFA}\n`), BASE, 'app'));
  assert.equal(withMfa.kind, 'mfa-required');
  credentialsOf(await engine.resolve(request(sts.proxy.url, role('app').replace('role/app', 'role/other'), BASE, 'app')));
  assert.deepEqual(actions(), ['AssumeRole app', 'AssumeRole other']);
  // Another endpoint is another proxy in front of the same moto, so its calls can be counted.
  const other = await startStsProxy(sts.moto.url);
  t.after(() => other.stop());
  const changed: [string, ResolveRequest, StsProxy][] = [
    ['duration_seconds', request(sts.proxy.url, role('app', 'duration_seconds = 1800\n'), BASE, 'app'), sts.proxy],
    ['region', { ...base, env: { ...base.env, AWS_DEFAULT_REGION: 'eu-west-1' } }, sts.proxy],
    ['endpoint', { ...base, env: { ...base.env, AWS_ENDPOINT_URL_STS: other.url } }, other],
  ];
  for (const [what, req, proxy] of changed) {
    const before = proxy.count('AssumeRole');
    assert.notEqual(credentialsOf(await engine.resolve(req)).accessKeyId, first, what);
    assert.equal(proxy.count('AssumeRole'), before + 1, `${what}: a new AssumeRole`);
  }
  assert.equal(credentialsOf(await engine.resolve(base)).accessKeyId, first, 'the original config still gets its own session');
});

test('one prompt per MFA device: of 20 callers that would ask, one is told to, the rest get its session (security 38)', async () => {
  const engine = testEngine();
  const config = role('dev', `mfa_serial = ${MFA}\n`) + role('ops', `mfa_serial = ${MFA}\n`);
  const asking = Array.from({ length: 20 }, (_, i) => engine.resolve(request(sts.proxy.url, config, BASE, i % 2 ? 'dev' : 'ops', { mfaPrompt: 'ask' })));
  const told = await Promise.race(asking);
  assert.equal(told.kind, 'mfa-required');
  const settled = await Promise.all(asking.map((p) => Promise.race([p.then(() => 'settled'), new Promise((r) => setTimeout(() => r('waiting'), 100))])));
  assert.equal(settled.filter((s) => s === 'settled').length, 1, 'the others wait for the code');
  credentialsOf(await engine.resolve(request(sts.proxy.url, config, BASE, told.profile, { mfaCode: '123456', mfaPrompt: 'ask' })));
  const results = await Promise.all(asking);
  assert.equal(results.filter((r) => r.kind === 'credentials').length, 19);
  assert.equal(sts.proxy.count('GetSessionToken'), 1, 'one code, one MFA session for the device');
  assert.equal(sts.proxy.count('AssumeRole'), 2, 'one AssumeRole per profile');
});

test('a cancelled prompt fails every waiter at once and refuses new prompts for 10 s; --mfa-code still works (security 38)', async () => {
  const clock = testClock();
  const engine = testEngine(clock);
  const config = role('dev', `mfa_serial = ${MFA}\n`);
  const ask = () => engine.resolve(request(sts.proxy.url, config, BASE, 'dev', { mfaPrompt: 'ask' }));
  const asking = Array.from({ length: 20 }, ask);
  assert.equal((await Promise.race(asking)).kind, 'mfa-required');
  const outcomes = Promise.allSettled(asking);
  await assert.rejects(engine.resolve(request(sts.proxy.url, config, BASE, 'dev', { mfaPrompt: 'cancel' })), /was cancelled/);
  const failed = (await outcomes).filter((o) => o.status === 'rejected');
  assert.equal(failed.length, 19);
  for (const f of failed) assert.match(String((f as PromiseRejectedResult).reason.message), /^profile dev: the MFA prompt for arn:\S+ was cancelled; awsx asks again in \d+ s$/);
  clock.advance(9_000);
  await assert.rejects(ask(), /was cancelled; awsx asks again in 1 s/, 'refused without a prompt');
  assert.equal((await engine.resolve(request(sts.proxy.url, config, BASE, 'dev'))).kind, 'mfa-required', 'a caller that never waits is still told');
  clock.advance(1_000);
  assert.equal((await ask()).kind, 'mfa-required', 'after 10 s a person is asked again');
  credentialsOf(await engine.resolve(request(sts.proxy.url, config, BASE, 'dev', { mfaCode: '123456' })));
  assert.equal(sts.proxy.count('GetSessionToken'), 1);
});

test('mfa_process runs once for 20 concurrent requests (security 38)', async (t) => {
  const dir = tempDir(t);
  const runs = join(dir, 'runs');
  writeFileSync(join(dir, 'code.sh'), `#!/bin/sh\necho run >> '${runs}'\nsleep 0.3\necho 271828\n`, { mode: 0o755 });
  const engine = testEngine();
  const config = role('dev', `mfa_serial = ${MFA}\nmfa_process = ${join(dir, 'code.sh')}\n`);
  const results = await Promise.all(Array.from({ length: 20 }, () => engine.resolve(request(sts.proxy.url, config, BASE, 'dev'))));
  assert.equal(new Set(results.map((r) => credentialsOf(r).accessKeyId)).size, 1);
  assert.equal(readFileSync(runs, 'utf8'), 'run\n');
  assert.equal(sts.proxy.count('GetSessionToken'), 1);
});

test('sessions and forget', async () => {
  const engine = testEngine();
  credentialsOf(await engine.resolve(request(sts.proxy.url, role('a') + role('b'), BASE, 'a')));
  credentialsOf(await engine.resolve(request(sts.proxy.url, role('a') + role('b'), BASE, 'b')));
  assert.deepEqual(engine.sessions().map((s) => [s.profile, s.identity]), [['a', 'arn:aws:iam::222222222222:role/a'], ['b', 'arn:aws:iam::222222222222:role/b']]);
  assert.equal(engine.forget('a'), 1);
  assert.deepEqual(engine.sessions().map((s) => s.profile), ['b']);
  credentialsOf(await engine.resolve(request(sts.proxy.url, role('a') + role('b'), BASE, 'a')));
  assert.equal(sts.proxy.count(), 3, 'a forgotten session is fetched again');
  assert.equal(engine.forget(), 2);
  assert.deepEqual(engine.sessions(), []);
});

test('credential_source = Environment uses the caller\'s keys', async () => {
  const engine = testEngine();
  const config = '[profile e]\nrole_arn = arn:aws:iam::222222222222:role/e\ncredential_source = Environment\n';
  const req = request(sts.proxy.url, config, '', 'e');
  const missing = engine.resolve(req);
  await assert.rejects(missing, (e: Error & { code: string }) => e.code === 'CredentialRetrievalError' && /AWS_ACCESS_KEY_ID is not set/.test(e.message));
  credentialsOf(await engine.resolve({ ...req, env: { ...req.env, AWS_ACCESS_KEY_ID: 'AKIAFROMENVIRONMENT1', AWS_SECRET_ACCESS_KEY: 's' } }));
  assert.equal(sts.proxy.calls[0]!.accessKeyId, 'AKIAFROMENVIRONMENT1');
});

test('no role, mfa_serial: one GetSessionToken with the code', async () => {
  const engine = testEngine();
  const config = `[profile u]\nmfa_serial = ${MFA}\n`;
  const creds = credentialsOf(await engine.resolve(request(sts.proxy.url, config, '[u]\naws_access_key_id = AKIAENGINEUSER000001\naws_secret_access_key = s\n', 'u', { mfaCode: '123456' })));
  assert.deepEqual(actions(), ['GetSessionToken']);
  assert.equal(sts.proxy.calls[0]!.accessKeyId, 'AKIAENGINEUSER000001');
  assert.ok(creds.sessionToken);
});

test('two roles, MFA on the first hop: one GetSessionToken, every hop within the 1 h chaining limit', async () => {
  const engine = testEngine();
  sts.proxy.enforceChainingLimit(true);
  const config = role('mid', `mfa_serial = ${MFA}\nduration_seconds = 7200\n`) + role('top', 'duration_seconds = 7200\n', 'mid');
  credentialsOf(await engine.resolve(request(sts.proxy.url, config, BASE, 'top', { mfaCode: '123456' })));
  assert.deepEqual(actions(), ['GetSessionToken', 'AssumeRole mid', 'AssumeRole top']);
  assert.deepEqual(sts.proxy.calls.slice(1).map((c) => c.params.DurationSeconds), ['3600', '3600']);
  assert.ok(sts.proxy.calls.every((c) => c.status === 200));
});

test('MFA on a later hop: the code goes with that AssumeRole', async () => {
  const engine = testEngine();
  const config = role('mid') + role('top', `mfa_serial = ${MFA}\n`, 'mid');
  credentialsOf(await engine.resolve(request(sts.proxy.url, config, BASE, 'top', { mfaCode: '123456' })));
  assert.deepEqual(actions(), ['AssumeRole mid', 'AssumeRole top']);
  assert.equal(sts.proxy.calls[0]!.params.TokenCode, undefined);
  assert.equal(sts.proxy.calls[1]!.params.TokenCode, '123456');
});

test('a temporary source (credential_process with a token) is capped at 1 h at run time', async (t) => {
  const dir = tempDir(t);
  const script = join(dir, 'tmp.js');
  writeFileSync(script, 'console.log(JSON.stringify({Version: 1, AccessKeyId: "ASIAPROCESS000000001", SecretAccessKey: "s", SessionToken: "t"}))');
  sts.proxy.enforceChainingLimit(true);
  const engine = testEngine();
  const config = `[profile proc]\ncredential_process = "${process.execPath}" "${script}"\n` + role('app', 'duration_seconds = 7200\n', 'proc');
  credentialsOf(await engine.resolve(request(sts.proxy.url, config, '', 'app')));
  assert.equal(sts.proxy.calls[0]!.params.DurationSeconds, '3600');
});

test('a 900 s session: two resolves in its first minutes make one AssumeRole; it is refreshed once half its servable time is gone, kept while a refresh fails, never handed out under 10 min (issue 18.10)', async () => {
  const clock = testClock();
  const engine = testEngine(clock);
  const req = request(sts.proxy.url, role('short', 'duration_seconds = 900\n'), BASE, 'short');
  const a = credentialsOf(await engine.resolve(req));
  clock.advance(60_000); // 14 min left
  assert.equal(credentialsOf(await engine.resolve(req)).accessKeyId, a.accessKeyId);
  assert.equal(sts.proxy.count('AssumeRole'), 1, 'served from the cache');
  clock.advance(2 * 60_000); // 12 min left: inside the scaled window (12.5 min)
  const b = credentialsOf(await engine.resolve(req));
  assert.notEqual(b.accessKeyId, a.accessKeyId);
  assert.equal(sts.proxy.count('AssumeRole'), 2, 'refreshed near expiry');
  sts.proxy.failNext(Infinity, { kind: 'serverError', status: 500 });
  clock.advance(3 * 60_000); // 12 min left of b: due, and STS fails
  const c = await engine.resolve(req);
  assert.equal(credentialsOf(c).accessKeyId, b.accessKeyId);
  assert.match(c.kind === 'credentials' ? c.warning ?? '' : '', /refreshing the session failed .*; serving it with 1[12] min left/);
  clock.advance(150_000); // 9.5 min left: inside the mandatory window
  await assert.rejects(engine.resolve(req), (e: Error & { reason: string }) => e.reason === 'server');
});

test('the refresh window scales to short sessions and is botocore\'s 15 min from a 20 min lifetime up', () => {
  const min = 60_000;
  const rows: [number, number][] = [[8 * min, 9 * min], [15 * min, 12.5 * min], [20 * min, 15 * min], [60 * min, 15 * min], [12 * 60 * min, 15 * min]];
  for (const [lifetime, window] of rows) assert.equal(advisoryWindowMs(lifetime), window, `${lifetime / min} min`);
});
