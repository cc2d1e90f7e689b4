// `awsx console` end to end: moto behind the fault proxy for STS, the fake federation
// endpoint (test/helpers/fakeFederation.ts, which refuses what AWS refuses) for sign-in,
// and a browser script that follows the page it is given. One test per rule of
// core/plan/console.ts, per partition, for --service/--path/--region, for bad input, and
// one that watches every /proc/*/cmdline while a browser opens the console.
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { awsxEnv, REPO_ROOT, runAwsx, type RunResult } from '../helpers/cli.ts';
import { privateRuntime } from '../helpers/daemon.ts';
import { startFakeFederation, type FakeFederation } from '../helpers/fakeFederation.ts';
import { startMoto, type Moto } from '../helpers/moto.ts';
import { startStsProxy, type StsProxy } from '../helpers/stsProxy.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { waitFor } from '../helpers/waitFor.ts';

const ACCOUNT = '123456789012';
const MFA = `arn:aws:iam::${ACCOUNT}:mfa/tester`;
// Not moto's fixed GetSessionToken key (AKIAIOSFODNN7EXAMPLE): the fake tells them apart.
const LONG_TERM_KEY = 'AKIAEXAMPLECONSOLE01';
const ALLOW_ALL = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';

let moto: Moto;
let proxy: StsProxy;
let federation: FakeFederation;
before(async () => {
  moto = await startMoto();
  proxy = await startStsProxy(moto.url);
  federation = await startFakeFederation(() => proxy.issued);
});
after(async () => {
  await federation?.stop();
  await proxy?.stop();
  await moto?.stop();
});

interface World {
  readonly env: Record<string, string | undefined>;
  readonly runtimeDir: string;
  readonly canary: string;
}

function world(t: TestContext, extra: Record<string, string> = {}): World {
  const runtime = privateRuntime(t);
  const home = tempDir(t);
  const aws = join(home, '.aws');
  mkdirSync(aws);
  const canary = `CANARY${Date.now()}`;
  const role = (name: string, arn: string, more: string[] = []) => [`[profile ${name}]`, `role_arn = ${arn}`, ...more];
  writeFileSync(join(aws, 'config'), [
    ...role('role', `arn:aws:iam::${ACCOUNT}:role/app`, ['source_profile = keys', 'duration_seconds = 7200', 'region = eu-west-1']),
    ...role('chained', 'arn:aws:iam::210987654321:role/deep', ['source_profile = role', 'region = eu-west-1']),
    ...role('mfa', `arn:aws:iam::${ACCOUNT}:role/admin`, ['source_profile = keys', `mfa_serial = ${MFA}`, 'region = us-east-1']),
    ...role('cn', `arn:aws-cn:iam::${ACCOUNT}:role/app`, ['source_profile = keys', 'region = cn-north-1']),
    ...role('gov', `arn:aws-us-gov:iam::${ACCOUNT}:role/app`, ['source_profile = keys', 'region = us-gov-east-1']),
    '[profile keys]', 'region = us-east-1',
    '[profile gst]', `mfa_serial = ${MFA}`, 'region = us-east-1',
    '[profile sso]', `sso_account_id = ${ACCOUNT}`, 'sso_role_name = Admin', 'sso_start_url = https://example.awsapps.com/start', 'sso_region = us-east-1',
    '',
  ].join('\n'));
  const keys = `aws_access_key_id = ${LONG_TERM_KEY}\naws_secret_access_key = ${canary}\n`;
  writeFileSync(join(aws, 'credentials'), `[keys]\n${keys}[gst]\n${keys}`);
  const env = awsxEnv({
    ...runtime.env,
    HOME: home,
    AWS_CONFIG_FILE: join(aws, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(aws, 'credentials'),
    AWS_ENDPOINT_URL_STS: proxy.url,
    AWSX_FEDERATION_ENDPOINT: federation.url,
    AWSX_ALLOW_INSECURE_ENDPOINTS: '1',
    AWSX_CONSOLE_PAGE_SECONDS: '0',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  });
  return { env, runtimeDir: runtime.dir, canary };
}

/** `awsx console ... --print`: the URL printed, parsed, with the sign-in call it made. */
async function printed(w: World, args: string[]): Promise<{ r: RunResult; login: URL; destination: string }> {
  const before = federation.signins.length;
  const r = await runAwsx(['console', ...args, '--print'], { env: w.env });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, `one line on stdout: ${r.stdout}`);
  const login = new URL(lines[0]!);
  assert.equal(`${login.origin}${login.pathname}`, federation.url);
  assert.equal(login.searchParams.get('Action'), 'login');
  assert.equal(login.searchParams.get('Issuer'), 'awsx');
  assert.ok(federation.tokens.includes(login.searchParams.get('SigninToken')!), 'the token the endpoint issued');
  assert.equal(federation.signins.length, before + 1, 'one getSigninToken call');
  assert.equal(federation.signins.at(-1)!.status, 200);
  return { r, login, destination: login.searchParams.get('Destination')! };
}

test('a role assumed with long-term keys: SessionDuration from duration_seconds, or from --duration', async (t) => {
  const w = world(t);
  const { destination } = await printed(w, ['role']);
  assert.equal(federation.signins.at(-1)!.sessionDuration, '7200');
  assert.equal(federation.signins.at(-1)!.issuedBy, 'AssumeRole');
  assert.equal(destination, 'https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1');
  await printed(w, ['role', '--duration', '1h']);
  assert.equal(federation.signins.at(-1)!.sessionDuration, '3600');
});

test('a chained role, and a role behind an MFA session: no SessionDuration, and the 1-hour note', async (t) => {
  const w = world(t);
  const chained = await printed(w, ['chained']);
  assert.equal(federation.signins.at(-1)!.sessionDuration, undefined);
  assert.match(chained.r.stderr, /note: the console session lasts at most 1 hour.*role chaining/);

  const mfa = await printed(w, ['mfa', '--mfa-code', '123456']);
  assert.equal(federation.signins.at(-1)!.sessionDuration, undefined);
  assert.equal(federation.signins.at(-1)!.issuedBy, 'AssumeRole');
  assert.match(mfa.r.stderr, /at most 1 hour.*MFA session from GetSessionToken/);
  const gst = proxy.calls.filter((c) => c.action === 'GetSessionToken');
  assert.equal(gst.at(-1)?.params['SerialNumber'], MFA);

  const refused = await runAwsx(['console', 'chained', '--duration', '2h', '--print'], { env: w.env });
  assert.equal(refused.code, 2, 'a usage error');
  assert.equal(refused.stdout, '');
  assert.match(refused.stderr, /console chained: --duration 7200: the console session lasts at most 1 hour/);
});

test('long-term keys alone: GetFederationToken named after the profile, with the allow-all policy, then sign-in', async (t) => {
  const w = world(t);
  const { r } = await printed(w, ['keys']);
  const call = proxy.calls.filter((c) => c.action === 'GetFederationToken').at(-1);
  assert.ok(call, 'a GetFederationToken call');
  assert.equal(call.accessKeyId, LONG_TERM_KEY);
  assert.equal(call.params['Name'], 'keys');
  assert.equal(call.params['Policy'], ALLOW_ALL);
  assert.equal(federation.signins.at(-1)!.issuedBy, 'GetFederationToken');
  assert.equal(federation.signins.at(-1)!.sessionDuration, undefined);
  assert.match(r.stderr, /cannot carry MFA/);
});

test('a GetSessionToken-only session is refused before any call, with what to do; SSO is not supported yet', async (t) => {
  const w = world(t);
  const calls = proxy.calls.length;
  const signins = federation.signins.length;
  const gst = await runAwsx(['console', 'gst', '--print', '--mfa-code', '123456'], { env: w.env });
  assert.equal(gst.code, 1);
  assert.equal(gst.stdout, '');
  assert.match(gst.stderr, /console gst: .*GetSessionToken.*accepts only sessions from AssumeRole or GetFederationToken/);
  assert.match(gst.stderr, /role profile with source_profile = gst/);
  const sso = await runAwsx(['console', 'sso', '--print'], { env: w.env });
  assert.equal(sso.code, 1);
  assert.equal(sso.stdout, '');
  assert.match(sso.stderr, /profile sso: SSO profiles are not supported by awsx yet/);
  assert.equal(proxy.calls.length, calls, 'no STS call');
  assert.equal(federation.signins.length, signins, 'no sign-in call');
});

test('each partition lands on its console host, with the region the profile or --region names', async (t) => {
  const w = world(t);
  assert.equal((await printed(w, ['cn'])).destination, 'https://console.amazonaws.cn/console/home?region=cn-north-1');
  assert.equal((await printed(w, ['gov'])).destination, 'https://us-gov-east-1.console.amazonaws-us-gov.com/console/home?region=us-gov-east-1');
  assert.equal((await printed(w, ['role', '--region', 'us-west-2', '--service', 's3'])).destination, 'https://us-west-2.console.aws.amazon.com/s3/home?region=us-west-2');
  assert.equal((await printed(w, ['role', '--service', 'iam'])).destination, 'https://eu-west-1.console.aws.amazon.com/iam/home');
  assert.equal((await printed(w, ['role', '--path', 'ec2/home#Instances:'])).destination, 'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#Instances:');
});

test('bad input: an unknown service, a bad region, a refused sign-in, no browser, a bad endpoint: a clear error and nothing on stdout', async (t) => {
  const w = world(t);
  const calls = proxy.calls.length;
  const unknown = await runAwsx(['console', 'role', '--service', 'lamda', '--print'], { env: w.env });
  assert.equal(unknown.code, 2, 'a usage error');
  assert.equal(unknown.stdout, '');
  assert.match(unknown.stderr, /console: unknown service "lamda"; did you mean lambda\?/);
  const badRegion = await runAwsx(['console', 'role', '--region', 'evil.example/x#', '--print'], { env: w.env });
  assert.equal(badRegion.code, 1);
  assert.equal(badRegion.stdout, '');
  assert.match(badRegion.stderr, /console role: region "evil\.example\/x#" is not a region name/);
  assert.equal(proxy.calls.length, calls, 'refused before any STS call');

  federation.failNext(400, '<html><body><h1>HTTP Status 400 - Invalid credentials parameter</h1></body></html>');
  const refused = await runAwsx(['console', 'role', '--print'], { env: w.env });
  assert.equal(refused.code, 1);
  assert.equal(refused.stdout, '');
  assert.match(refused.stderr, /console role: the sign-in endpoint http:\/\/127\.0\.0\.1:\d+\/federation refused the session with SessionDuration 7200 \(HTTP 400: HTTP Status 400 - Invalid credentials parameter\)/);

  const noBrowser = await runAwsx(['console', 'role'], { env: { ...w.env, BROWSER: '/nonexistent/browser' } });
  assert.equal(noBrowser.code, 1);
  assert.equal(noBrowser.stdout, '');
  assert.match(noBrowser.stderr, /console: no browser could be opened \(\/nonexistent\/browser: not found\)/);
  assert.match(noBrowser.stderr, /--print/);

  const plain = await runAwsx(['console', 'role', '--print'], { env: { ...w.env, AWSX_ALLOW_INSECURE_ENDPOINTS: undefined } });
  assert.equal(plain.code, 1);
  assert.equal(plain.stdout, '');
  assert.match(plain.stderr, /refusing federation endpoint http:\/\/127\.0\.0\.1:\d+\/federation \(from AWSX_FEDERATION_ENDPOINT\): plain http/);
  for (const r of [unknown, refused, noBrowser, plain]) assert.ok(!r.stderr.includes(w.canary));
});

function sampleCmdlines(into: Set<string>): () => void {
  const timer = setInterval(() => {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        into.add(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
      } catch {
        // exited meanwhile
      }
    }
  }, 2);
  return () => clearInterval(timer);
}

test('the browser gets a private page, never the URL: no sign-in token in any argv, and the page is removed after use', async (t) => {
  const log = join(tempDir(t), 'browser.log');
  const w = world(t, { BROWSER: join(REPO_ROOT, 'test/helpers/fakeBrowser.mjs'), FAKE_BROWSER_LOG: log });
  const seen = new Set<string>();
  const stop = sampleCmdlines(seen);
  t.after(stop);
  const logins = federation.logins.length;
  const r = await runAwsx(['console', 'role', '--service', 's3'], { env: w.env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '', 'nothing on stdout');
  await waitFor(() => existsSync(log) && federation.logins.length > logins, 'the browser followed the page');
  const opened = JSON.parse(readFileSync(log, 'utf8').trim()) as { file: string; mode: number; dirMode: number; url: string; status: number };
  assert.equal(opened.mode, 0o600);
  assert.equal(opened.dirMode, 0o700);
  assert.ok(opened.file.startsWith(w.runtimeDir), opened.file);
  assert.equal(opened.status, 200);
  const login = federation.logins.at(-1)!;
  assert.equal(login.tokenValid, true);
  assert.equal(login.destination, 'https://eu-west-1.console.aws.amazon.com/s3/home?region=eu-west-1');
  const token = new URL(opened.url).searchParams.get('SigninToken')!;
  assert.ok(federation.tokens.includes(token));
  await waitFor(() => !existsSync(opened.file), 'the page removed after the browser read it', 10_000);
  stop();
  assert.ok([...seen].some((l) => l.includes('fakeBrowser.mjs')), 'the sampler saw the browser run');
  for (const line of seen) {
    for (const secret of [token, w.canary]) assert.ok(!line.includes(secret), `a secret in argv: ${line.replaceAll('\0', ' ').slice(0, 200)}`);
  }
});

test('the fake federation endpoint refuses what AWS refuses: unknown keys, a GetSessionToken session, SessionDuration out of range or on a chained role', async (t) => {
  const w = world(t);
  await printed(w, ['mfa', '--mfa-code', '654321']);
  await printed(w, ['role']);
  const get = async (session: object, duration?: string): Promise<number> => {
    const q = new URLSearchParams({ Action: 'getSigninToken', Session: JSON.stringify(session), ...(duration === undefined ? {} : { SessionDuration: duration }) });
    return (await fetch(`${federation.url}?${q}`)).status;
  };
  const asSession = (c: { accessKeyId: string; secretAccessKey: string; sessionToken: string }) => ({ sessionId: c.accessKeyId, sessionKey: c.secretAccessKey, sessionToken: c.sessionToken });
  const gst = proxy.issued.find((c) => c.action === 'GetSessionToken')!;
  const role = [...proxy.issued].reverse().find((c) => c.action === 'AssumeRole' && c.signer === LONG_TERM_KEY)!;
  const chained = [...proxy.issued].reverse().find((c) => c.action === 'AssumeRole' && c.signer === gst.accessKeyId)!;
  assert.equal(await get(asSession(gst)), 400);
  assert.equal(await get({ ...asSession(chained), sessionKey: 'not-issued' }), 400);
  assert.equal(await get({ ...asSession(chained), extra: 1 }), 400);
  assert.equal(await get(asSession(chained), '3600'), 400);
  assert.equal(await get(asSession(chained)), 200);
  assert.equal(await get(asSession(role), '899'), 400);
  assert.equal(await get(asSession(role), '43201'), 400);
  assert.equal(await get(asSession(role), '43200'), 200);
});

test('awsx lock removes the pages no browser has read yet', async (t) => {
  const w = world(t, { BROWSER: 'true' });
  const r = await runAwsx(['console', 'role'], { env: w.env });
  assert.equal(r.code, 0, r.stderr);
  const pages = join(w.runtimeDir, 'console');
  assert.equal(readdirSync(pages).length, 1, 'the unread page is kept for the browser');
  assert.equal((await runAwsx(['lock'], { env: w.env })).code, 0);
  assert.deepEqual(readdirSync(pages), []);
});
