// `awsx profile list | show | explain` as a user runs them, on literal config files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAwsx } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tempDir.ts';

const CONFIG = `# accounts
[default]
region = us-east-1

[profile dev]
role_arn = arn:aws:iam::222222222222:role/Developer
source_profile = base
mfa_serial = arn:aws:iam::111111111111:mfa/alice
region = eu-west-1

[profile prod]
role_arn = arn:aws:iam::333333333333:role/Admin
source_profile = dev
duration_seconds = 7200
s3 =
  max_concurrency = 10

[profile proc]
credential_process = /usr/bin/creds --json

[profile evil\x1b]0;pwned\x07]
region = x

[profile broken]
role_arn = arn:aws:iam::333333333333:role/Admin
source_profile = nope
`;
const CREDENTIALS = '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = SECRET-CANARY-123\n';

function setup(t: import('node:test').TestContext, config = CONFIG, credentials = CREDENTIALS) {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'config'), config);
  writeFileSync(join(dir, 'credentials'), credentials);
  return { HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
}

test('profile list shows each profile with kind, account, role, source, region and MFA', async (t) => {
  const r = await runAwsx(['profile', 'list'], { env: setup(t) });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0]!, /^NAME +KIND +ACCOUNT +ROLE +SOURCE +REGION +MFA$/);
  assert.match(r.stdout, /\ndev +assume-role +222222222222 +Developer +base +eu-west-1 +mfa\n/);
  assert.match(r.stdout, /\nbase +static +- +- +- +- +-\n/);
  assert.match(r.stdout, /\nproc +process /);
  assert.ok(!r.stdout.includes('\x1b'), 'escape sequences in names are shown inert');
  assert.match(r.stdout, /evil\\e\]0;pwned\\x07/);
});

test('profile list --json gives name, kind and region for every profile', async (t) => {
  const r = await runAwsx(['profile', 'list', '--json'], { env: setup(t) });
  assert.equal(r.code, 0, r.stderr);
  const list = JSON.parse(r.stdout) as { name: string; kind: string; region?: string; accountId?: string }[];
  assert.deepEqual(list.map((p) => p.name).sort(), ['base', 'broken', 'default', 'dev', 'evil\x1b]0;pwned\x07', 'proc', 'prod']);
  const dev = list.find((p) => p.name === 'dev')!;
  assert.equal(dev.kind, 'assume-role');
  assert.equal(dev.region, 'eu-west-1');
  assert.equal(dev.accountId, '222222222222');
});

test('profile show --json: keys as the CLI sees them, their sources, secrets masked', async (t) => {
  const env = setup(t);
  const r = await runAwsx(['profile', 'show', 'prod', '--json'], { env });
  assert.equal(r.code, 0, r.stderr);
  const shown = JSON.parse(r.stdout);
  assert.deepEqual(shown.keys, { role_arn: 'arn:aws:iam::333333333333:role/Admin', source_profile: 'dev', duration_seconds: '7200', s3: { max_concurrency: '10' } });
  assert.deepEqual(shown.sources.duration_seconds, { file: env.AWS_CONFIG_FILE, line: 14 });

  const base = await runAwsx(['profile', 'show', 'base', '--json'], { env });
  assert.ok(!base.stdout.includes('SECRET-CANARY'), 'the secret is masked');
  assert.equal(JSON.parse(base.stdout).keys.aws_secret_access_key, '********');
  assert.deepEqual(JSON.parse(base.stdout).sources.aws_secret_access_key, { file: env.AWS_SHARED_CREDENTIALS_FILE, line: 3 });
  const revealed = await runAwsx(['profile', 'show', 'base', '--json', '--reveal'], { env });
  assert.equal(JSON.parse(revealed.stdout).keys.aws_secret_access_key, 'SECRET-CANARY-123');
});

test('profile show as text names the file and line of each key', async (t) => {
  const env = setup(t);
  const r = await runAwsx(['profile', 'show', 'dev'], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^profile dev\n/);
  assert.match(r.stdout, /role_arn += arn:aws:iam::222222222222:role\/Developer +# .*config:6\n/);
});

test('profile explain walks the chain: MFA session, hops, the chaining cap', async (t) => {
  const r = await runAwsx(['profile', 'explain', 'prod'], { env: setup(t) });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^profile prod: 3 STS calls\n/);
  assert.match(r.stdout, /1\. long-term keys …MPLE of profile base/);
  assert.match(r.stdout, /2\. GetSessionToken with an MFA code for arn:aws:iam::111111111111:mfa\/alice, signed by step 1/);
  assert.match(r.stdout, /3\. AssumeRole arn:aws:iam::222222222222:role\/Developer \(profile dev\), signed by step 2/);
  assert.match(r.stdout, /4\. AssumeRole arn:aws:iam::333333333333:role\/Admin \(profile prod\), signed by step 3; .*capped from 7200 s: role chaining is limited to 1 h/);
  assert.ok(!r.stdout.includes('SECRET-CANARY') && !r.stdout.includes('AKIAIOSFODNN7EXAMPLE'));
});

test('profile explain of a profile that cannot work: the error and its fix, exit 1, nothing on stdout', async (t) => {
  const env = setup(t);
  const r = await runAwsx(['profile', 'explain', 'broken'], { env });
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^awsx: profile broken: the source_profile "nope" does not exist\n {2}fix: /);
  const missing = await runAwsx(['profile', 'explain', 'ghost'], { env });
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /profile ghost: not found/);
});

test('bad files: malformed, a directory, binary, huge, unreadable: clear errors, no crash (security 25)', async (t) => {
  const env = setup(t, '[profile a]\nregion = a\nregion = b\n');
  let r = await runAwsx(['profile', 'list'], { env });
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /config, line 3: key "region" appears twice in section \[profile a\] .*\n {2}fix: keep one/);

  r = await runAwsx(['profile', 'list'], { env: { ...env, AWS_CONFIG_FILE: env.HOME } });
  assert.match(r.stderr, /is a directory, not a file/);
  assert.equal(r.code, 1);

  writeFileSync(env.AWS_CONFIG_FILE, Buffer.from([0x5b, 0x61, 0x5d, 0x0a, 0x00, 0xff, 0x10]));
  r = await runAwsx(['profile', 'list'], { env });
  assert.match(r.stderr, /is a binary file/);

  writeFileSync(env.AWS_CONFIG_FILE, Buffer.alloc(17 * 1024 * 1024, 0x23));
  r = await runAwsx(['profile', 'list'], { env });
  assert.match(r.stderr, /too large for a config file/);

  writeFileSync(env.AWS_CONFIG_FILE, Buffer.from('[default]\nregion = \xff\xfe\n', 'latin1'));
  r = await runAwsx(['profile', 'list'], { env });
  assert.match(r.stderr, /is not valid UTF-8/);
  assert.equal(r.code, 1);
});

test('an unreadable file is a clear error (run as nobody when root)', async (t) => {
  if (process.getuid?.() !== 0) {
    t.skip('needs root to drop to nobody with setpriv');
    return;
  }
  const env = setup(t);
  const { chmodSync } = await import('node:fs');
  chmodSync(env.HOME, 0o755);
  chmodSync(env.AWS_CONFIG_FILE, 0o600);
  const { spawnSync } = await import('node:child_process');
  const { REPO_ROOT } = await import('../helpers/cli.ts');
  const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '--import', 'tsx', 'src/cli/main.ts', 'profile', 'list'], {
    cwd: REPO_ROOT, env: { ...env, PATH: process.env.PATH }, encoding: 'utf8',
  });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /cannot read .*config: EACCES\n {2}fix: make it readable by you: chmod u\+r/);
});
