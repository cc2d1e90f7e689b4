// docs/security.md section E, "Lifetimes, locking and time" (tests 27-32): `awsx lock` and
// `awsx unlock` through the real CLI and daemon against moto; max_session_lifetime in the
// engine (injected clock) and in a real daemon (a 2 s lifetime); the minimum lifetime left,
// a wall-clock jump, clock skew and failing refreshes, against moto through the fault proxy.
//
// Time: libfaketime is not installed on this kind of machine (no
// /usr/lib/x86_64-linux-gnu/faketime), and CI would have to install it; the spec allows the
// engine's injected clock instead, which moves wall time without moving monotonic time or
// firing any timer, exactly what a suspend does. STS's Date header is read on the same
// clock (test/helpers/engine.ts), so a moved clock is also a true skew against STS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync } from 'node:fs';
import { useMotoAndProxy } from '../helpers/stsFixture.ts';
import { credentialsOf, request, testClock, testEngine } from '../helpers/engine.ts';
import { awsxArgv, awsxEnv, REPO_ROOT, runAwsx, type RunResult } from '../helpers/cli.ts';
import { privateRuntime, spawnForegroundDaemon } from '../helpers/daemon.ts';
import { runInPty } from '../helpers/pty.ts';
import { rawClient } from '../helpers/rawClient.ts';
import { ACCOUNT, stsWorld } from '../helpers/stsWorld.ts';
import { waitFor } from '../helpers/waitFor.ts';

const sts = useMotoAndProxy();

const BASE = '[base]\naws_access_key_id = AKIAENGINEBASE000001\naws_secret_access_key = base-secret\n';
const MFA = 'arn:aws:iam::111111111111:mfa/alice';
const role = (name: string, extra = '', source = 'base') =>
  `[profile ${name}]\nrole_arn = arn:aws:iam::222222222222:role/${name}\nsource_profile = ${source}\n${extra}`;
const MIN = 60_000;

function ok(r: RunResult): RunResult {
  assert.equal(r.code, 0, `exit ${r.code}: ${r.stderr}`);
  return r;
}

// ---- 27: lock and unlock ----------------------------------------------------------------

test('awsx lock drops every session and refuses every credential request; wrong passphrases wait longer each time; a malformed unlock leaves it locked; unlock restores service, asking for MFA again (security 27)', async (t) => {
  const w = stsWorld(t, sts.proxy.url);
  const run = (args: string[], input?: string) => runAwsx(args, { env: awsxEnv(w.env), built: true, ...(input === undefined ? {} : { input }) });
  ok(await run(['env', 'app', '--shell', 'json']));
  ok(await run(['env', 'mfa', '--shell', 'json', '--mfa-code', '123456']));
  assert.equal(JSON.parse(ok(await run(['sessions', '--json'])).stdout).length, 2);
  const callsBeforeLock = sts.proxy.count();

  assert.match(ok(await run(['lock', '--passphrase'], 'correct horse battery\n')).stdout, /locked: 2 sessions dropped/);
  for (const args of [['env', 'app'], ['env', 'mfa', '--mfa-code', '654321'], ['whoami', 'app'], ['credential-process', 'viaawsx'], ['credential-process', 'app'], ['exec', 'app', '--', 'true']]) {
    const r = await run(args);
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '', args.join(' '));
    assert.match(r.stderr, /awsx is locked/, args.join(' '));
    assert.match(r.stderr, /fix: awsx unlock/, args.join(' '));
  }
  assert.equal(sts.proxy.count(), callsBeforeLock, 'nothing reached STS while locked');
  assert.deepEqual(JSON.parse(ok(await run(['sessions', '--json'])).stdout), []);
  const status = ok(await run(['daemon', 'status'])).stdout;
  assert.match(status, /sessions: +0 \(locked: awsx unlock\)/);
  assert.match(status, /exits: +not while locked/);
  assert.match((await run(['lock'])).stderr, /locked already/, 'a second lock cannot replace the passphrase');

  for (let n = 1; n <= 3; n++) {
    const started = performance.now();
    const wrong = await run(['unlock'], 'wrong guess\n');
    const tookMs = performance.now() - started;
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /wrong passphrase; awsx stays locked/);
    // A lower bound only (a loaded machine makes calls slower, never faster): the daemon
    // waits 0.1 s per failure in a row before it answers. The exact delays and the cap
    // are checked with a fake sleep in test/daemon/lockState.test.ts.
    assert.ok(tookMs >= n * 100, `attempt ${n} answered after ${Math.round(tookMs)} ms`);
  }
  assert.match(readFileSync(w.runtime.log, 'utf8'), /unlock: wrong passphrase \(3 in a row\)/);

  // Malformed requests, even one carrying the right passphrase, change nothing.
  for (const frame of [
    { id: 1, method: 'unlock', params: { passphrase: 42 } },
    { id: 2, method: 'unlock', params: { passphrase: 'correct horse battery', extra: true } },
    { id: 3, method: 'unlock', params: [] },
    { id: 4, method: 'lock', params: { passphrase: null, more: 1 } },
  ]) {
    const c = await rawClient(w.runtime.socket);
    c.send(JSON.stringify(frame) + '\n');
    const answer = await c.frame(1);
    assert.equal(answer.ok, false, JSON.stringify(frame));
    c.socket.destroy();
  }
  assert.match((await run(['env', 'app'])).stderr, /awsx is locked/);

  assert.equal(ok(await run(['unlock'], 'correct horse battery\n')).stdout, 'unlocked\n');
  ok(await run(['env', 'app', '--shell', 'json']));
  assert.equal(sts.proxy.count(), callsBeforeLock + 1, 'the session was dropped: app is fetched anew');
  const mfa = await run(['env', 'mfa', '--non-interactive']);
  assert.equal(mfa.code, 1);
  assert.match(mfa.stderr, /needs an MFA code/, 'the MFA session went with the lock');

  // Without a passphrase, unlock just unlocks; unlocking twice says so.
  ok(await run(['lock']));
  assert.equal(ok(await run(['unlock'])).stdout, 'unlocked\n');
  assert.equal(ok(await run(['unlock'])).stdout, 'awsx was not locked\n');
});

test('on a terminal the passphrase is typed twice and never shown; two that differ lock nothing (security 27)', async (t) => {
  const rt = privateRuntime(t);
  const env = awsxEnv({ ...rt.env, HOME: rt.dir });
  const typed = (args: string[], ...answers: [string, string][]) =>
    runInPty(awsxArgv(args, true), { env, cwd: REPO_ROOT, answers: answers.map(([after, send]) => ({ after, send })) });
  const differ = await typed(['lock', '--passphrase'], ['unlock awsx: ', 'first-secret\r'], ['again: ', 'second-secret\r']);
  assert.equal(differ.code, 2, differ.screen);
  assert.match(differ.screen, /the two passphrases differ; awsx is not locked/);
  const locked = await typed(['lock', '--passphrase'], ['unlock awsx: ', 'pty-secret\r'], ['again: ', 'pty-secret\r']);
  assert.equal(locked.code, 0, locked.screen);
  const unlocked = await typed(['unlock'], ['unlock awsx: ', 'pty-secret\r']);
  assert.equal(unlocked.code, 0, unlocked.screen);
  assert.match(unlocked.screen, /unlocked/);
  for (const r of [differ, locked, unlocked]) assert.doesNotMatch(r.screen, /secret/, 'no echo');
});

test('a locked daemon does not exit when idle: one started after it would not be locked (security 27)', async (t) => {
  const rt = privateRuntime(t);
  const daemon = spawnForegroundDaemon(t, rt, { AWSX_DAEMON_IDLE_SECONDS: '1' }, { built: true });
  await waitFor(() => daemon.log().includes('listening on'), 'the daemon to listen', 10_000);
  // Straight over the socket: a CLI starting on a loaded machine could arrive after the 1 s.
  const ask = async (method: string): Promise<Record<string, unknown>> => {
    const c = await rawClient(rt.socket);
    c.send(JSON.stringify({ id: 1, method, params: {} }) + '\n');
    const answer = await c.frame(1);
    c.socket.destroy();
    return answer;
  };
  assert.equal((await ask('lock')).ok, true);
  // Idle checks run every 0.25 s here; after several of them it must still be there.
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  assert.equal(daemon.child.exitCode, null, 'still running while locked');
  assert.deepEqual((await ask('unlock')).result, { kind: 'unlocked', wasLocked: true });
  assert.deepEqual(await daemon.exited, { code: 0, signal: null }, 'idle again once unlocked');
  assert.match(daemon.log(), /idle for 1 s/);
});

// ---- 28: max_session_lifetime ------------------------------------------------------------

test('max_session_lifetime = 10s: after it, every step of the profile is dropped whatever STS said, and an MFA profile asks for a code again (security 28)', async () => {
  const clock = testClock();
  const engine = testEngine(clock);
  const config = role('app', 'max_session_lifetime = 10s\n') + role('dev', `mfa_serial = ${MFA}\nmax_session_lifetime = 10\n`) + role('free');
  const a = credentialsOf(await engine.resolve(request(sts.proxy.url, config, BASE, 'app')));
  credentialsOf(await engine.resolve(request(sts.proxy.url, config, BASE, 'dev', { mfaCode: '123456' })));
  credentialsOf(await engine.resolve(request(sts.proxy.url, config, BASE, 'free')));
  assert.deepEqual(engine.sessions().map((s) => s.profile), ['app', 'dev', 'free']);
  clock.advance(5_000);
  assert.equal(credentialsOf(await engine.resolve(request(sts.proxy.url, config, BASE, 'app'))).accessKeyId, a.accessKeyId, 'served within its lifetime');
  clock.advance(15_000); // 20 s: past the lifetime, STS's Expiration is 59 min away
  assert.ok(a.expiration!.getTime() > clock.now() + 50 * MIN);
  assert.deepEqual(engine.sessions().map((s) => s.profile), ['free'], 'gone from sessions, the others kept');
  const calls = sts.proxy.count();
  const b = credentialsOf(await engine.resolve(request(sts.proxy.url, config, BASE, 'app')));
  assert.notEqual(b.accessKeyId, a.accessKeyId);
  assert.equal(sts.proxy.count(), calls + 1);
  const dev = await engine.resolve(request(sts.proxy.url, config, BASE, 'dev'));
  assert.deepEqual(dev, { kind: 'mfa-required', profile: 'dev', serial: MFA, reason: 'no-code' }, 'its MFA session went too');
});

test('max_session_lifetime: the [awsx] section sets it for every profile, a profile overrides it, the shortest of a chain wins, and a bad value names file, line and profile (security 28)', async () => {
  const clock = testClock();
  const engine = testEngine(clock);
  const config = `[awsx]\nmax_session_lifetime = 1m\n${role('app')}${role('long', 'max_session_lifetime = 1h30m\n')}${role('inner', 'max_session_lifetime = 2h\n')}${role('outer', 'max_session_lifetime = 30s\n', 'inner')}`;
  for (const p of ['app', 'long', 'outer']) credentialsOf(await engine.resolve(request(sts.proxy.url, config, BASE, p)));
  clock.advance(45_000);
  assert.deepEqual(engine.sessions().map((s) => s.profile), ['app', 'long'], 'outer: 30 s, the shortest of its chain');
  clock.advance(30_000);
  assert.deepEqual(engine.sessions().map((s) => s.profile), ['long'], 'app: the 1 min of [awsx]');
  for (const bad of ['ten seconds', '0', '-5', '10 s']) {
    await assert.rejects(engine.resolve(request(sts.proxy.url, role('app', `max_session_lifetime = ${bad}\n`), BASE, 'app')), (e: Error & { code: string }) =>
      e.code === 'InvalidConfigError' && e.message.includes('profile app') && e.message.includes('/cfg/config, line 4') && e.message.includes('max_session_lifetime'));
  }
  await assert.rejects(engine.resolve(request(sts.proxy.url, `[awsx]\nmax_session_lifetime = soon\n${role('app')}`, BASE, 'app')), /profile app: max_session_lifetime in \[awsx\] is "soon", not a duration \(\/cfg\/config, line 2\)/);
});

test('max_session_lifetime = 2s in a real daemon: the sessions leave `awsx sessions` on their own, the next use fetches anew, and the MFA profile needs a code again (security 28)', async (t) => {
  const w = stsWorld(t, sts.proxy.url);
  appendFileSync(w.env.AWS_CONFIG_FILE!, [
    '[profile short]', `role_arn = arn:aws:iam::${ACCOUNT}:role/short`, 'source_profile = base', 'max_session_lifetime = 2s', 'region = us-east-1',
    '[profile shortmfa]', `role_arn = arn:aws:iam::${ACCOUNT}:role/shortmfa`, 'source_profile = base', `mfa_serial = arn:aws:iam::${ACCOUNT}:mfa/short`, 'max_session_lifetime = 2s', 'region = us-east-1',
    '',
  ].join('\n'));
  const run = (args: string[]) => runAwsx(args, { env: awsxEnv(w.env), built: true });
  const short = JSON.parse(ok(await run(['env', 'short', '--shell', 'json'])).stdout) as Record<string, string>;
  ok(await run(['env', 'shortmfa', '--shell', 'json', '--mfa-code', '123456']));
  ok(await run(['env', 'app', '--shell', 'json']));
  const listed = async () => (JSON.parse(ok(await run(['sessions', '--json'])).stdout) as { profile: string }[]).map((s) => s.profile).sort();
  // The lifetime is 2 s; the bound is generous because this machine is loaded.
  await waitFor(async () => (await listed()).join() === 'app', 'the 2 s sessions to leave `awsx sessions`', 20_000, 200);
  assert.ok(Date.parse(short.AWS_CREDENTIAL_EXPIRATION!) > Date.now() + 30 * MIN, 'STS had given them about an hour');
  const calls = sts.proxy.count('AssumeRole');
  const again = JSON.parse(ok(await run(['env', 'short', '--shell', 'json'])).stdout) as Record<string, string>;
  assert.notEqual(again.AWS_ACCESS_KEY_ID, short.AWS_ACCESS_KEY_ID);
  assert.equal(sts.proxy.count('AssumeRole'), calls + 1);
  const mfa = await run(['env', 'shortmfa', '--non-interactive']);
  assert.equal(mfa.code, 1);
  assert.match(mfa.stderr, /needs an MFA code/);
});

test('the [awsx] section is not a profile, and profile explain shows the lifetime (security 28)', async (t) => {
  const w = stsWorld(t, sts.proxy.url);
  appendFileSync(w.env.AWS_CONFIG_FILE!, '[awsx]\nmax_session_lifetime = 8h\n');
  const list = JSON.parse(ok(await runAwsx(['profile', 'list', '--json'], { env: awsxEnv(w.env), built: true })).stdout) as { name: string }[];
  assert.deepEqual(list.map((p) => p.name).sort(), ['app', 'base', 'mfa', 'viaawsx']);
  const explain = ok(await runAwsx(['profile', 'explain', 'app'], { env: awsxEnv(w.env), built: true }));
  assert.match(explain.stdout, /sessions dropped 28800 s after they are obtained, whatever STS says \(max_session_lifetime in \[awsx\]\)/);
});

// ---- 29: minimum lifetime left ----------------------------------------------------------

test('credentials with less than 15 min left are refreshed before they are served; when every refresh gives 60 s credentials, an explicit "expire" error, never those credentials (security 29)', async () => {
  const clock = testClock();
  const warnings: string[] = [];
  const engine = testEngine(clock, { warn: (m) => warnings.push(m) });
  const req = request(sts.proxy.url, role('app'), BASE, 'app');
  const a = credentialsOf(await engine.resolve(req));
  clock.advance(50 * MIN); // 10 min left: refreshed first, never served
  const b = credentialsOf(await engine.resolve(req));
  assert.notEqual(b.accessKeyId, a.accessKeyId);
  sts.proxy.failNext(Infinity, { kind: 'expiresIn', seconds: 60 }, 'AssumeRole');
  clock.advance(47 * MIN); // 13 min left: the refresh gives 60 s, so the 13 min are kept
  const c = await engine.resolve(req);
  assert.equal(credentialsOf(c).accessKeyId, b.accessKeyId);
  assert.match(c.kind === 'credentials' ? c.warning ?? '' : '', /expire in \d+ s/);
  clock.advance(4 * MIN); // 9 min left: nothing worth serving
  await assert.rejects(engine.resolve(req), (e: Error & { code: string; hint: string }) =>
    e.code === 'CredentialsExpiring' && /profile app: the new credentials expire in \d+ s, too soon to hand out/.test(e.message) && /duration_seconds/.test(e.hint));
  // A cold profile: there is nothing to fall back on.
  await assert.rejects(engine.resolve(request(sts.proxy.url, role('cold'), BASE, 'cold')), (e: Error & { code: string }) => e.code === 'CredentialsExpiring');
  assert.ok(warnings.some((m) => /profile app: refreshing the session failed/.test(m)));
});

test('through the CLI: a refresh that only ever gives 60 s credentials is an error on stderr with empty stdout (security 29)', async (t) => {
  const w = stsWorld(t, sts.proxy.url);
  sts.proxy.failNext(Infinity, { kind: 'expiresIn', seconds: 60 }, 'AssumeRole');
  const r = await runAwsx(['env', 'app'], { env: awsxEnv(w.env), built: true });
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /profile app: the new credentials expire in \d+ s, too soon to hand out/);
  const cp = await runAwsx(['credential-process', 'app'], { env: awsxEnv(w.env), built: true });
  assert.equal(cp.code, 1);
  assert.equal(cp.stdout, '');
});

// ---- 30: a wall-clock jump --------------------------------------------------------------

test('a 2 h wall-clock jump with no timer fired: the very next request refreshes or asks for the code again, and max_session_lifetime counts wall time (security 30)', async () => {
  const clock = testClock();
  const engine = testEngine(clock);
  // long: the code goes with a 2 h AssumeRole; dev: a 12 h MFA session under a 90 min limit.
  const config = role('app') + role('long', `mfa_serial = ${MFA}\nduration_seconds = 7200\n`) + role('dev', `mfa_serial = arn:aws:iam::111111111111:mfa/bob\nmax_session_lifetime = 90m\n`);
  const app = credentialsOf(await engine.resolve(request(sts.proxy.url, config, BASE, 'app')));
  credentialsOf(await engine.resolve(request(sts.proxy.url, config, BASE, 'long', { mfaCode: '123456' })));
  credentialsOf(await engine.resolve(request(sts.proxy.url, config, BASE, 'dev', { mfaCode: '654321' })));
  clock.advance(2 * 3600_000); // the laptop slept: wall time moved, nothing else did
  const fresh = credentialsOf(await engine.resolve(request(sts.proxy.url, config, BASE, 'app')));
  assert.notEqual(fresh.accessKeyId, app.accessKeyId);
  const left = engine.sessions().find((s) => s.profile === 'app')!.expiration!.getTime() - clock.now();
  assert.ok(left > 50 * MIN, `served with its hour ahead on the moved clock (${Math.round(left / MIN)} min)`);
  assert.equal((await engine.resolve(request(sts.proxy.url, config, BASE, 'long'))).kind, 'mfa-required');
  const dev = await engine.resolve(request(sts.proxy.url, config, BASE, 'dev'));
  assert.equal(dev.kind, 'mfa-required', 'the 12 h MFA session is past its 90 min limit in wall time');
});

// ---- 31: clock skew ---------------------------------------------------------------------

test('a clock 20 min ahead: STS says "Signature expired", and the answer is a clock-skew error with a hint, after one call (security 31)', async () => {
  const engine = testEngine();
  sts.proxy.failNext(Infinity, {
    kind: 'custom', status: 403, code: 'SignatureDoesNotMatch',
    message: 'Signature expired: 20260101T002000Z is now earlier than 20260101T000500Z (20260101T002000Z - 15 min.)',
  });
  for (let i = 1; i <= 2; i++) {
    await assert.rejects(engine.resolve(request(sts.proxy.url, role('app'), BASE, 'app')), (e: Error & { reason: string; hint: string }) =>
      e.reason === 'clock-skew' && /clock is off/.test(e.message) && /timedatectl/.test(e.hint));
    assert.equal(sts.proxy.count('AssumeRole'), i, 'not retried: each request makes one call');
  }
});

test('STS 3 min ahead (skewed_date): lifetime left is Expiration - STS\'s now; only a skew over 5 min is logged (security 31)', async () => {
  const warnings: string[] = [];
  const engine = testEngine(testClock(), { warn: (m) => warnings.push(m) });
  sts.proxy.failNext(1, { kind: 'skewedDate', ms: 3 * MIN });
  const c = credentialsOf(await engine.resolve(request(sts.proxy.url, role('app'), BASE, 'app')));
  const expires = engine.sessions()[0]!.expiration!.getTime();
  // The Date header has whole seconds and the answer takes time to arrive: a few seconds of slack.
  assert.ok(Math.abs(c.expiration!.getTime() - 3 * MIN - expires) < 3_000, `${c.expiration!.toISOString()} - 3 min vs ${new Date(expires).toISOString()}`);
  assert.deepEqual(warnings, []);
  sts.proxy.failNext(1, { kind: 'skewedDate', ms: -8 * MIN });
  credentialsOf(await engine.resolve(request(sts.proxy.url, role('other'), BASE, 'other')));
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /STS's clock is 8 min behind this machine's/);
});

// ---- 32: refresh failure keeps valid credentials ----------------------------------------

test('14 min left and STS answers 500 to everything: still served with a warning until the mandatory window, then an error, never expired credentials (security 32)', async () => {
  const clock = testClock();
  const warnings: string[] = [];
  const engine = testEngine(clock, { warn: (m) => warnings.push(m) });
  const req = request(sts.proxy.url, role('app'), BASE, 'app');
  const a = credentialsOf(await engine.resolve(req));
  sts.proxy.failNext(Infinity, { kind: 'serverError', status: 500 });
  clock.advance(46 * MIN); // 14 min left
  const served = await engine.resolve(req);
  assert.equal(credentialsOf(served).accessKeyId, a.accessKeyId);
  assert.match(served.kind === 'credentials' ? served.warning ?? '' : '', /refreshing the session failed \(.*STS failed on its side with HTTP 500.*\); serving it with 1[34] min left/);
  assert.equal(warnings.length, 1);
  clock.advance(3 * MIN); // 11 min left: still served
  assert.equal(credentialsOf(await engine.resolve(req)).accessKeyId, a.accessKeyId);
  clock.advance(2 * MIN); // 9 min left: inside the mandatory window
  await assert.rejects(engine.resolve(req), (e: Error & { code: string; reason: string }) => e.code === 'StsError' && e.reason === 'server');
  assert.ok(sts.proxy.calls.filter((call) => call.status === 500).length >= 3, 'every refresh was tried');
});
