// `awsx profile add|set|remove` as a user runs them: real processes, real files, and the
// AWS CLI reading back what was written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { awsxArgv, awsxEnv, REPO_ROOT, runAwsx as runCli, spawnAwsx, type RunOptions, type RunResult } from '../helpers/cli.ts';
import { tempAwsFiles, type AwsFiles } from '../helpers/awsFiles.ts';
import { runInPty } from '../helpers/pty.ts';
import { awsConfigureGet, awsConfigureGetMany } from '../helpers/awsCli.ts';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';

/** The CLI with the test's files on top of this environment minus AWS_*, from the bundle when it is fresh. */
function runAwsx(args: readonly string[], opts: RunOptions & { env: Record<string, string> }): Promise<RunResult> {
  return runCli(args, { ...opts, env: awsxEnv(opts.env), built: true });
}

function seed(f: AwsFiles, config: string, credentials = ''): void {
  mkdirSync(dirname(f.config), { recursive: true, mode: 0o700 });
  writeFileSync(f.config, config, { mode: 0o600 });
  writeFileSync(f.credentials, credentials, { mode: 0o600 });
}

const BASE_CONFIG = '[profile base]\nregion = us-east-1\n';
const BASE_CREDS = `[base]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`;

function noSecret(r: RunResult): void {
  assert.ok(!r.stdout.includes(SECRET) && !r.stderr.includes(SECRET), 'the secret appears in no output');
}

test('--dry-run prints the diff per file on stdout and changes nothing', async (t) => {
  const f = tempAwsFiles(t);
  seed(f, BASE_CONFIG, BASE_CREDS);
  const r = await runAwsx(['profile', 'add', 'app', '--assume-role', 'arn:aws:iam::111111111111:role/app-role', '--source-profile', 'base', '--dry-run'], { env: f.env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, [
    '--- ~/aws/config', '+++ ~/aws/config', '@@ -1,2 +1,6 @@', ' [profile base]', ' region = us-east-1', '+',
    '+[profile app]', '+role_arn = arn:aws:iam::111111111111:role/app-role', '+source_profile = base', '',
  ].join('\n'));
  assert.equal(r.stderr, '');
  assert.equal(readFileSync(f.config, 'utf8'), BASE_CONFIG);
  assert.deepEqual(readdirSync(dirname(f.config)).sort(), ['config', 'credentials']);
});

test('--dry-run of a static profile asks for no secret and masks secrets in the diff', async (t) => {
  const f = tempAwsFiles(t);
  seed(f, '', BASE_CREDS);
  const r = await runAwsx(['profile', 'remove', 'base', '--dry-run'], { env: f.env });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^-aws_secret_access_key = <secret 1>$/m);
  noSecret(r);
  const add = await runAwsx(['profile', 'add', 'robot', '--access-key-id', 'AKIAROBOT00000000000', '--dry-run'], { env: f.env });
  assert.equal(add.code, 0, add.stderr);
  assert.match(add.stdout, /^\+aws_secret_access_key = <secret 2>$/m, 'a different secret, another number');
});

test('add writes, reports one line on stderr, keeps stdout empty', async (t) => {
  const f = tempAwsFiles(t);
  seed(f, BASE_CONFIG, BASE_CREDS);
  const r = await runAwsx(['profile', 'add', 'app', '--assume-role', 'arn:aws:iam::111111111111:role/app-role', '--source-profile', 'base', '--region', 'eu-west-1', '--output', 'json', '--description', 'the app account (ops)'], { env: f.env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'awsx: added profile app to ~/aws/config\n');
  assert.equal(readFileSync(f.config, 'utf8'), `${BASE_CONFIG}\n[profile app]\nrole_arn = arn:aws:iam::111111111111:role/app-role\nsource_profile = base\nregion = eu-west-1\noutput = json\ndescription = the app account (ops)\n`);
  assert.equal(readFileSync(`${f.config}.bak`, 'utf8'), BASE_CONFIG);
});

test('a static profile: the secret comes from stdin, goes to the credentials file only, and is shown nowhere', async (t) => {
  const f = tempAwsFiles(t);
  const r = await runAwsx(['profile', 'add', 'base', '--access-key-id', KEY_ID, '--region', 'us-east-1'], { env: f.env, input: `${SECRET}\n` });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, 'awsx: added profile base to ~/aws/config and ~/aws/credentials\n');
  noSecret(r);
  assert.equal(readFileSync(f.credentials, 'utf8'), BASE_CREDS);
  assert.equal(readFileSync(f.config, 'utf8'), BASE_CONFIG);
  assert.equal(statSync(f.credentials).mode & 0o777, 0o600);
  assert.equal(statSync(dirname(f.credentials)).mode & 0o777, 0o700);
});

test('on a terminal: the secret is typed without echo, the diff shown, and the answer decides', async (t) => {
  const f = tempAwsFiles(t);
  const env = awsxEnv(f.env);
  const args = ['profile', 'add', 'base', '--access-key-id', KEY_ID];
  const no = await runInPty(awsxArgv(args, true), { env, cwd: REPO_ROOT, answers: [{ after: 'Secret access key for', send: `${SECRET}\r` }, { after: '[y/N]', send: 'n\r' }] });
  assert.equal(no.code, 1, no.screen);
  assert.match(no.screen, /\+aws_secret_access_key = <secret 1>/);
  assert.match(no.screen, /Write these changes\? \[y\/N\] /);
  assert.match(no.screen, /awsx: nothing written/);
  assert.ok(!no.screen.includes(SECRET), 'the secret is not echoed');
  assert.equal(existsSync(f.credentials), false);
  const yes = await runInPty(awsxArgv(args, true), { env, cwd: REPO_ROOT, answers: [{ after: 'Secret access key for', send: `${SECRET}\r` }, { after: '[y/N]', send: 'y\r' }] });
  assert.equal(yes.code, 0, yes.screen);
  assert.ok(!yes.screen.includes(SECRET));
  assert.equal(readFileSync(f.credentials, 'utf8'), BASE_CREDS);
  const skip = await runInPty(awsxArgv(['profile', 'set', 'base', 'region=eu-west-1', '--yes'], true), { env, cwd: REPO_ROOT });
  assert.equal(skip.code, 0, skip.screen);
  assert.ok(!skip.screen.includes('[y/N]'), '--yes asks nothing');
});

test('set changes in place and remove refuses a used source, naming its users', async (t) => {
  const f = tempAwsFiles(t);
  const config = `${BASE_CONFIG}\n# the app\n[profile app]\nrole_arn = arn:aws:iam::111111111111:role/app-role\nsource_profile = base\nregion = eu-west-1\n`;
  seed(f, config, BASE_CREDS);
  const set = await runAwsx(['profile', 'set', 'app', 'region=us-west-2', 'duration_seconds=90m', 'mfa_serial=arn:aws:iam::000000000000:mfa/alice'], { env: f.env });
  assert.equal(set.code, 0, set.stderr);
  assert.equal(set.stderr, 'awsx: changed profile app in ~/aws/config\n');
  assert.equal(readFileSync(f.config, 'utf8'), config.replace('region = eu-west-1\n', 'region = us-west-2\nduration_seconds = 5400\nmfa_serial = arn:aws:iam::000000000000:mfa/alice\n'));
  const unset = await runAwsx(['profile', 'set', 'app', '--unset', 'mfa_serial', '--unset', 'DURATION_SECONDS'], { env: f.env });
  assert.equal(unset.code, 0, unset.stderr);
  assert.equal(readFileSync(f.config, 'utf8'), config.replace('region = eu-west-1\n', 'region = us-west-2\n'));
  const refused = await runAwsx(['profile', 'remove', 'base'], { env: f.env });
  assert.equal(refused.code, 1);
  assert.equal(refused.stderr, 'awsx: profile base: is the source_profile of app\n  fix: remove or change that profile first, or pass --force to leave it pointing at a missing profile\n');
  const removed = await runAwsx(['profile', 'remove', 'app'], { env: f.env });
  assert.equal(removed.stderr, 'awsx: removed profile app from ~/aws/config\n');
  assert.equal(readFileSync(f.config, 'utf8'), BASE_CONFIG);
  const forced = await runAwsx(['profile', 'remove', 'base', '--force'], { env: f.env });
  assert.equal(forced.stderr, 'awsx: removed profile base from ~/aws/config and ~/aws/credentials\n');
  assert.equal(readFileSync(f.config, 'utf8') + readFileSync(f.credentials, 'utf8'), '');
});

// Each refusal: exit code, the exact first line, and both files byte-for-byte as they were.
const REFUSALS: { args: string[]; code: number; message: string | RegExp; input?: string }[] = [
  { args: ['add', 'x', '--source-profile', 'base'], code: 1, message: 'awsx: profile x: --source-profile only applies to a role' },
  { args: ['add', 'x', '--assume-role', 'arn:aws:iam::111111111111:role/r', '--source-profile', 'base', '--credential-source', 'Environment'], code: 1, message: 'awsx: profile x: give --source-profile or --credential-source, not both (the AWS CLI refuses a profile with both)' },
  { args: ['add', 'x', '--assume-role', 'arn:aws:iam::111111111111:role/r'], code: 1, message: 'awsx: profile x: --assume-role needs --source-profile or --credential-source, to say whose credentials assume the role' },
  { args: ['add', 'x', '--assume-role', 'arn:aws:iam::111111111111:role/r', '--source-profile', 'base', '--credential-process', 'x'], code: 1, message: 'awsx: profile x: --credential-process and --assume-role: the AWS CLI would use only the role' },
  { args: ['add', 'x', '--assume-role', 'arn:aws:iam::111111111111:role/r', '--source-profile', 'base', '--duration', 'soon'], code: 1, message: 'awsx: profile x: --duration "soon" is not a duration' },
  { args: ['add', 'x', '--assume-role', 'arn:aws:iam::111111111111:role/r', '--source-profile', 'base', '--duration', '13h'], code: 1, message: 'awsx: profile x: duration 46800s is outside what STS allows for a role (900 to 43200 seconds)' },
  { args: ['add', 'x', '--assume-role', 'arn:aws:iam:111111111111:role/r', '--source-profile', 'base'], code: 1, message: 'awsx: profile x: "arn:aws:iam:111111111111:role/r" is not a role ARN (expected arn:aws:iam::123456789012:role/NAME)' },
  { args: ['add', 'x', '--assume-role', 'arn:aws:iam::111111111111:role/r', '--source-profile', 'nobody'], code: 1, message: 'awsx: profile x: the source_profile "nobody" does not exist' },
  { args: ['add', 'x', '--assume-role', 'arn:aws:iam::111111111111:role/r', '--credential-source', 'Ec2'], code: 1, message: 'awsx: profile x: credential_source "Ec2" is not one of Environment, Ec2InstanceMetadata, EcsContainer (the AWS CLI compares case-sensitively)' },
  { args: ['add', 'app', '--assume-role', 'arn:aws:iam::111111111111:role/r', '--source-profile', 'base'], code: 1, message: 'awsx: profile app: already exists' },
  { args: ['add', 'x', '--assume-role', 'arn:aws:iam::111111111111:role/r', '--source-profile', 'app', '--duration', '2h'], code: 1, message: 'awsx: profile x: duration_seconds 7200 is more than 3600, but its source profile app is itself a role: STS limits a session assumed with temporary credentials (role chaining) to 1 hour' },
  { args: ['add', 'x', '--access-key-id', KEY_ID, '--secret-access-key', SECRET], code: 2, message: 'awsx: profile add: secrets are not taken from the command line, where any user on the machine can read them' },
  { args: ['set', 'base', `aws_secret_access_key=${SECRET}`], code: 2, message: 'awsx: profile set: secrets are not taken from the command line, where any user on the machine can read them' },
  { args: ['add', 'y', '--access-key-id', KEY_ID], code: 1, message: 'awsx: profile y: no secret access key was given', input: '' },
  { args: ['set', 'app', 'source_profile=nobody'], code: 1, message: 'awsx: profile app: the source_profile "nobody" does not exist' },
  { args: ['set', 'app', 'source_profile=app'], code: 1, message: "awsx: profile app: infinite loop in credential configuration: profile app was already visited (visited profiles: ['app'])" },
  { args: ['set', 'app', 'region'], code: 2, message: 'awsx: profile set: "region" is not KEY=VALUE' },
  { args: ['set', 'app'], code: 2, message: 'awsx: profile set: nothing to change for app' },
  { args: ['set', 'app', 'external_id=a b'], code: 1, message: 'awsx: profile app: external ID "a b" may hold only letters, digits and +=,.@:/- (no spaces; the config file has no inline comments)' },
  { args: ['set', 'ghost', 'region=us-east-1'], code: 1, message: 'awsx: profile ghost: not found in the config or credentials file' },
  { args: ['remove', 'ghost'], code: 1, message: 'awsx: profile ghost: not found in the config or credentials file' },
  { args: ['add', 'x', '--colour', 'blue'], code: 2, message: /^awsx: profile add: Unknown option '--colour'\./ },
];

test('every refusal leaves both files byte-for-byte as they were', async (t) => {
  const f = tempAwsFiles(t);
  const config = `${BASE_CONFIG}\n[profile app]\r\nrole_arn = arn:aws:iam::111111111111:role/app-role\nsource_profile = base\n`;
  seed(f, config, BASE_CREDS);
  const results = await Promise.all(REFUSALS.map((row) => runAwsx(['profile', ...row.args], { env: f.env, input: row.input ?? `${SECRET}\n` })));
  REFUSALS.forEach((row, i) => {
    const r = results[i]!;
    const first = r.stderr.split('\n')[0]!;
    if (typeof row.message === 'string') assert.equal(first, row.message, row.args.join(' '));
    else assert.match(first, row.message, row.args.join(' '));
    assert.match(r.stderr.split('\n')[1] ?? '', /^ {2}fix: /, `${row.args.join(' ')}: a fix is named`);
    assert.equal(r.code, row.code, row.args.join(' '));
    assert.equal(r.stdout, '');
    noSecret(r);
  });
  assert.equal(readFileSync(f.config, 'utf8'), config);
  assert.equal(readFileSync(f.credentials, 'utf8'), BASE_CREDS);
  assert.deepEqual(readdirSync(dirname(f.config)).sort(), ['config', 'credentials'], 'no lock, temp or backup');
});

test('10 concurrent `awsx profile add` processes all land', async (t) => {
  const f = tempAwsFiles(t);
  seed(f, '# shared\r\n' + BASE_CONFIG.replace(/\n/g, '\r\n'), BASE_CREDS);
  const names = Array.from({ length: 10 }, (_, i) => `p${i}`);
  const results = await Promise.all(names.map((n, i) =>
    runAwsx(['profile', 'add', n, '--assume-role', `arn:aws:iam::${String(i).repeat(12)}:role/r`, '--source-profile', 'base'], { env: f.env })));
  for (const r of results) assert.equal(r.code, 0, r.stderr);
  const text = readFileSync(f.config, 'utf8');
  assert.ok(text.startsWith('# shared\r\n[profile base]\r\nregion = us-east-1\r\n'));
  for (const [i, n] of names.entries()) assert.ok(text.includes(`[profile ${n}]\r\nrole_arn = arn:aws:iam::${String(i).repeat(12)}:role/r\r\nsource_profile = base\r\n`), `${n} landed`);
  assert.deepEqual(readdirSync(dirname(f.config)).sort(), ['config', 'config.bak', 'credentials']);
});

test('a writer killed between the temp file and the rename leaves the old file whole', async (t) => {
  const f = tempAwsFiles(t);
  seed(f, BASE_CONFIG, BASE_CREDS);
  const signal = `${f.dir}/held`;
  const child = spawnAwsx(['profile', 'add', 'doomed', '--region', 'eu-west-1'], { env: awsxEnv({ ...f.env, AWSX_TEST_HOLD_BEFORE_RENAME: signal }), built: true });
  t.after(() => child.kill('SIGKILL'));
  for (let waited = 0; !existsSync(signal); waited += 20) {
    assert.ok(waited < 20_000, 'the writer reached the rename');
    await new Promise((r) => setTimeout(r, 20));
  }
  const exited = new Promise((r) => child.on('exit', r));
  child.kill('SIGKILL');
  await exited;
  assert.equal(readFileSync(f.config, 'utf8'), BASE_CONFIG, 'the old file, whole');
  const left = readdirSync(dirname(f.config));
  assert.ok(left.includes('config.lock'), 'the dead writer\'s lock is left behind');
  assert.ok(left.some((n) => n.startsWith('.config.awsx-')), 'and its temp file');

  const next = await runAwsx(['profile', 'add', 'next', '--region', 'eu-west-1'], { env: f.env });
  assert.equal(next.code, 0, next.stderr);
  assert.equal(readFileSync(f.config, 'utf8'), `${BASE_CONFIG}\n[profile next]\nregion = eu-west-1\n`);
  assert.deepEqual(readdirSync(dirname(f.config)).sort(), ['config', 'config.bak', 'credentials'], 'stale lock broken, temp swept');
});

// The assume-role guide, one `awsx profile add` per profile, read back by the AWS CLI.
const GUIDE: { name: string; args: string[]; expect: Record<string, string> }[] = [
  { name: 'cross-account', args: ['--assume-role', 'arn:aws:iam::111111111111:role/app-role', '--source-profile', 'base', '--region', 'eu-west-1'], expect: { role_arn: 'arn:aws:iam::111111111111:role/app-role', source_profile: 'base', region: 'eu-west-1' } },
  { name: 'admin-mfa', args: ['--assume-role', 'arn:aws:iam::111111111111:role/admin', '--source-profile', 'base', '--mfa-serial', 'arn:aws:iam::000000000000:mfa/alice', '--duration', '1h'], expect: { role_arn: 'arn:aws:iam::111111111111:role/admin', mfa_serial: 'arn:aws:iam::000000000000:mfa/alice', duration_seconds: '3600' } },
  { name: 'intermediate', args: ['--assume-role', 'arn:aws:iam::222222222222:role/intermediate', '--source-profile', 'base', '--role-session-name', 'hop1'], expect: { role_arn: 'arn:aws:iam::222222222222:role/intermediate', source_profile: 'base', role_session_name: 'hop1' } },
  { name: 'final', args: ['--assume-role', 'arn:aws:iam::333333333333:role/final', '--source-profile', 'intermediate', '--role-session-name', 'hop2', '--region', 'us-west-2'], expect: { role_arn: 'arn:aws:iam::333333333333:role/final', source_profile: 'intermediate', role_session_name: 'hop2', region: 'us-west-2' } },
  { name: 'long', args: ['--assume-role', 'arn:aws:iam::111111111111:role/long-session', '--source-profile', 'base', '--duration', '12h', '--role-session-name', 'long-running-job'], expect: { duration_seconds: '43200', role_session_name: 'long-running-job' } },
  { name: 'partner', args: ['--assume-role', 'arn:aws:iam::444444444444:role/partner-access', '--source-profile', 'base', '--external-id', 'Partner-Ext_ID:42', '--role-session-name', 'partner@example.com', '--region', 'eu-central-1'], expect: { role_arn: 'arn:aws:iam::444444444444:role/partner-access', external_id: 'Partner-Ext_ID:42', role_session_name: 'partner@example.com' } },
  { name: 'proc', args: ['--credential-process', '/usr/local/bin/get-creds --profile "build bot"'], expect: { credential_process: '/usr/local/bin/get-creds --profile "build bot"' } },
  { name: 'from-proc', args: ['--assume-role', 'arn:aws:iam::111111111111:role/app-role', '--source-profile', 'proc', '--region', 'us-east-1'], expect: { role_arn: 'arn:aws:iam::111111111111:role/app-role', source_profile: 'proc' } },
];

test('the AWS CLI reads back every example of the assume-role guide as intended', async (t) => {
  const f = tempAwsFiles(t);
  const base = await runAwsx(['profile', 'add', 'base', '--access-key-id', KEY_ID, '--region', 'us-east-1'], { env: f.env, input: SECRET });
  assert.equal(base.code, 0, base.stderr);
  // In waves: a profile is added after its source; within a wave the writers take turns on the lock.
  const later = new Set(['final', 'from-proc']);
  for (const wave of [GUIDE.filter((g) => !later.has(g.name)), GUIDE.filter((g) => later.has(g.name))]) {
    const results = await Promise.all(wave.map((g) => runAwsx(['profile', 'add', g.name, ...g.args], { env: f.env })));
    results.forEach((r, i) => assert.equal(r.code, 0, `${wave[i]!.name}: ${r.stderr}`));
  }
  const env = awsxEnv(f.env);
  assert.equal(await awsConfigureGet('final', 'role_arn', env), 'arn:aws:iam::333333333333:role/final', 'the aws command itself');
  const checks = [['base', 'aws_access_key_id', KEY_ID], ['base', 'aws_secret_access_key', SECRET], ['base', 'region', 'us-east-1'],
    ...GUIDE.flatMap((g) => Object.entries(g.expect).map(([k, v]) => [g.name, k, v]))] as [string, string, string][];
  const got = await awsConfigureGetMany(checks.map(([p, k]) => [p, k] as const), env);
  checks.forEach(([profile, key, value], i) => assert.equal(got[i], value, `aws configure get ${key} --profile ${profile}`));
});
