// The container credentials endpoint with the real clients (issue 15, docs/ecs-server.md):
// inside `awsx exec P --ecs-server`, botocore's container provider, boto3, the JS SDK's
// default chain and the AWS CLI each get the role from moto, with no key in their
// environment; a process that outlives its first session keeps working through a refresh
// with no new prompt; a refresh that needs a code is an error that says so.
import assert from 'node:assert/strict';
import { networkInterfaces } from 'node:os';
import { describe, test, type TestContext } from 'node:test';
import { awsxEnv, runAwsx } from '../helpers/cli.ts';
import { theDaemon } from '../helpers/daemon.ts';
import { fetchCreds, holdEndpoint } from '../helpers/ecsEndpoint.ts';
import { listeningTcpAddressesOf } from '../helpers/procNet.ts';
import { useMotoAndProxy } from '../helpers/stsFixture.ts';
import { stsWorld, type StsWorld } from '../helpers/stsWorld.ts';

const sts = useMotoAndProxy();

const KEY_VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN'];

// Inherited keys too: the exec must remove them, or every SDK would prefer them.
function world(t: TestContext): StsWorld & { readonly execEnv: Record<string, string> } {
  const w = stsWorld(t, sts.proxy.url);
  return { ...w, execEnv: { ...w.env, AWS_ACCESS_KEY_ID: 'AKIASTALEINHERITED00', AWS_SECRET_ACCESS_KEY: 'stale', AWS_SESSION_TOKEN: 'stale', AWS_PROFILE: 'base' } };
}

const PYTHON = `
import json, os
import boto3, botocore.session
leaked = [k for k in ${JSON.stringify(KEY_VARIABLES)} if k in os.environ]
s = botocore.session.get_session()
c = s.get_credentials()
f = c.get_frozen_credentials()
arn = s.create_client('sts').get_caller_identity()['Arn']
b = boto3.Session()
print(json.dumps({'leaked': leaked, 'method': c.method, 'key': f.access_key, 'arn': arn, 'boto3': b.get_credentials().method, 'boto3Arn': b.client('sts').get_caller_identity()['Arn']}))
`;

const JS = `
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
const leaked = ${JSON.stringify(KEY_VARIABLES)}.filter((k) => k in process.env);
const creds = await defaultProvider()();
const me = await new STSClient({ credentials: defaultProvider() }).send(new GetCallerIdentityCommand({}));
console.log(JSON.stringify({ leaked, key: creds.accessKeyId, arn: me.Arn, expiration: creds.expiration?.toISOString() }));
`;

function execEcs(w: { readonly execEnv: Record<string, string> }, profile: string, cmd: string[], flags: string[] = []) {
  return runAwsx(['exec', profile, '--ecs-server', ...flags, '--', ...cmd], { env: awsxEnv(w.execEnv), built: true, timeoutMs: 60_000 });
}

// One after another: the tests count calls on the one STS proxy and set faults on it.
describe('awsx exec --ecs-server', () => {
  test('botocore (container-role), boto3, the JS SDK default chain and the AWS CLI get the role; none sees a key', async (t) => {
    const w = world(t);
    const py = await execEcs(w, 'app', ['python3', '-c', PYTHON]);
    assert.equal(py.code, 0, py.stderr);
    const p = JSON.parse(py.stdout) as Record<string, unknown>;
    assert.deepEqual(p['leaked'], []);
    assert.equal(p['method'], 'container-role');
    assert.equal(p['boto3'], 'container-role');
    assert.match(String(p['arn']), /:assumed-role\/app\//);
    assert.match(String(p['boto3Arn']), /:assumed-role\/app\//);

    const js = await execEcs(w, 'app', [process.execPath, '--input-type=module', '-e', JS]);
    assert.equal(js.code, 0, js.stderr);
    const j = JSON.parse(js.stdout) as Record<string, unknown>;
    assert.deepEqual(j['leaked'], []);
    assert.equal(j['key'], p['key'], 'the daemon served its cached session');
    assert.match(String(j['arn']), /:assumed-role\/app\//);

    const cli = await execEcs(w, 'app', ['sh', '-c', `env | grep -E '^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|SECURITY_TOKEN|PROFILE)=' ; aws sts get-caller-identity --output json`]);
    assert.equal(cli.code, 0, cli.stderr);
    const me = JSON.parse(cli.stdout) as { Arn: string };
    assert.match(me.Arn, /:assumed-role\/app\//, 'no key variable was printed before the JSON');
    assert.equal(sts.proxy.count('AssumeRole'), 1, 'one session served them all');
  });

  test('the command sees the endpoint, a token, the region and AWSX_PROFILE, and no key variable', async (t) => {
    const w = world(t);
    const held = await holdEndpoint(t, w.execEnv, 'app');
    assert.match(held.url, /^http:\/\/127\.0\.0\.1:\d+\/creds\/[A-Za-z0-9_-]{22}$/);
    assert.match(held.token, /^[A-Za-z0-9_-]{43}$/, '256 bits, base64url');
    assert.equal(held.env['AWS_REGION'], 'eu-west-1');
    assert.equal(held.env['AWS_DEFAULT_REGION'], 'eu-west-1');
    assert.equal(held.env['AWSX_PROFILE'], 'app');
    for (const name of [...KEY_VARIABLES, 'AWS_PROFILE', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE']) assert.equal(held.env[name], undefined, name);
    // awsx sessions lists the live token: its profile, holder and command, never the token.
    const listed = await runAwsx(['sessions'], { env: awsxEnv(w.env), built: true });
    assert.equal(listed.code, 0, listed.stderr);
    const table = listed.stdout.slice(listed.stdout.indexOf('container endpoint tokens:'));
    assert.match(table, new RegExp(`^container endpoint tokens:\\nPROFILE +PID +URL +COMMAND\\napp +${held.pid} +${held.url.replaceAll('/', '\\/')} +sh -c `));
    assert.ok(!listed.stdout.includes(held.token));
    await held.stop();
    const after = await runAwsx(['sessions'], { env: awsxEnv(w.env), built: true });
    assert.ok(!after.stdout.includes('container endpoint tokens:'), after.stdout);
  });

  test('a process that outlives its first session keeps working through refreshes, with no new MFA prompt', async (t) => {
    const w = world(t);
    // Every role session comes back with 620 s to live: inside botocore's 15 min advisory
    // window, so botocore asks the endpoint again at each use; the daemon's own window for
    // a session that short is 610 s (stepCache.ts), so about 10 s later it assumes the role
    // again, signed by the MFA session the one code opened. The script waits for that new
    // key (a state, with a deadline), then uses it.
    sts.proxy.failNext(Infinity, { kind: 'expiresIn', seconds: 620 }, 'AssumeRole');
    const script = `
import json, time, botocore.session
s = botocore.session.get_session()
c = s.get_credentials()
first = c.get_frozen_credentials().access_key
arns = [s.create_client('sts').get_caller_identity()['Arn']]
deadline = time.monotonic() + 90
key = first
while key == first and time.monotonic() < deadline:
    time.sleep(0.5)
    key = c.get_frozen_credentials().access_key
arns.append(s.create_client('sts').get_caller_identity()['Arn'])
print(json.dumps({'first': first, 'later': key, 'arns': arns}))
`;
    // No terminal (stdin is a pipe, no controlling tty): a prompt would be an error.
    const r = await execEcs(w, 'mfa', ['python3', '-c', script], ['--mfa-code', '123456']);
    assert.equal(r.code, 0, r.stderr);
    const seen = JSON.parse(r.stdout) as { first: string; later: string; arns: string[] };
    assert.notEqual(seen.later, seen.first, `the process got a refreshed session within 90 s: ${r.stdout}`);
    for (const arn of seen.arns) assert.match(arn, /:assumed-role\/mfa\//);
    assert.equal(sts.proxy.count('GetSessionToken'), 1, 'one code, one MFA session');
    assert.ok(sts.proxy.count('AssumeRole') >= 2);
  });

  test('a refresh that needs an MFA code: a 4xx whose Code and Message say what to run', async (t) => {
    const w = world(t);
    const held = await holdEndpoint(t, w.execEnv, 'mfa', ['--mfa-code', '123456']);
    // The daemon drops the profile's sessions (as at their end): the next serve needs a code.
    const forgot = await runAwsx(['forget', 'mfa'], { env: awsxEnv(w.env), built: true });
    assert.equal(forgot.code, 0, forgot.stderr);
    const refused = await fetchCreds(held.url, held.token);
    assert.equal(refused.status, 403, 'forget revokes the profile\'s tokens too');
    const held2 = await holdEndpoint(t, w.execEnv, 'mfa', ['--mfa-code', '654321']);
    await runAwsx(['lock'], { env: awsxEnv(w.env), built: true });
    await runAwsx(['unlock'], { env: awsxEnv(w.env), built: true });
    const a = await fetchCreds(held2.url, held2.token);
    assert.equal(a.status, 400);
    const body = JSON.parse(a.body) as { Code: string; Message: string };
    assert.equal(body.Code, 'MfaRequired');
    assert.match(body.Message, /^profile mfa: refreshing the session needs an MFA code for arn:aws:iam::\d+:mfa\/tester .*awsx use mfa/);
    // What the person does: one `awsx env --mfa-code` (as `awsx use` would) unblocks it.
    const env = await runAwsx(['env', 'mfa', '--mfa-code', '111111'], { env: awsxEnv(w.env), built: true });
    assert.equal(env.code, 0, env.stderr);
    assert.equal((await fetchCreds(held2.url, held2.token)).status, 200);
  });

  test('long-term keys cannot be served this way: the exec fails before running anything, and says why', async (t) => {
    const w = world(t);
    const r = await execEcs(w, 'base', ['sh', '-c', 'echo RAN']);
    assert.notEqual(r.code, 0);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^awsx: profile base: long-term keys, which the container endpoint cannot serve/);
  });

  const bridge = Object.values(networkInterfaces()).flat().find((i) => i?.family === 'IPv4' && !i.internal)?.address;
  test('--listen ADDR: a listener on that address only when asked, with a warning; its Host rules; tokens stay on their own listener', { skip: bridge === undefined ? 'no non-loopback IPv4 address here' : false }, async (t) => {
    const w = world(t);
    const held = await holdEndpoint(t, w.execEnv, 'app', ['--listen', bridge!]);
    const u = new URL(held.url);
    assert.equal(u.hostname, bridge);
    assert.match(held.stderr(), /^awsx: warning: the container endpoint for app also listens on /);
    assert.equal((await fetchCreds(held.url, held.token)).status, 200, 'Host ADDR:PORT');
    assert.equal((await fetchCreds(held.url, held.token, { host: `127.0.0.1:${u.port}` })).status, 200, 'a loopback forwarder\'s Host');
    assert.equal((await fetchCreds(held.url, held.token, { host: `evil.example:${u.port}` })).status, 403);
    const daemon = await theDaemon(w.runtime.dir);
    assert.deepEqual(listeningTcpAddressesOf(daemon), [`${bridge}:${u.port}`], 'no loopback listener until a loopback token asks for one');
    const local = await holdEndpoint(t, w.execEnv, 'app');
    const onBridge = `http://${bridge}:${u.port}${new URL(local.url).pathname}`;
    assert.equal((await fetchCreds(onBridge, local.token)).status, 403, 'a loopback token is not served on the --listen address');
    const bad = await execEcs(w, 'app', ['true'], ['--listen', '0.0.0.0']);
    assert.match(bad.stderr, /--listen "0\.0\.0\.0": not one IPv4 address of this machine/);
  });

  test('usage: --listen and --token-file need --ecs-server', async () => {
    const r = await runAwsx(['exec', 'app', '--token-file', '--', 'true'], { env: awsxEnv({}), built: true });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /^awsx: exec: --listen and --token-file go with --ecs-server/);
  });
});
