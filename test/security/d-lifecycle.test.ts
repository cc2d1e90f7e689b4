// docs/security.md section D, "Lifecycle" (and the IPC half of test 18): admin and credential
// methods kept apart; SIGHUP reload keeping the last good config; corrupted config at start;
// config files others can write. Tests 19-23 live in test/daemon/autostart.test.ts and
// test/daemon/lifecycle.test.ts; the parser's own cases of test 25 in test/core/ini and
// test/cli/profile-read.test.ts. The daemon and the CLI are the real ones; credential_process
// scripts stand in for STS where the test is about the config, not about STS.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, chownSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { awsxEnv, runAwsx, type RunResult } from '../helpers/cli.ts';
import { countLines, privateRuntime, spawnForegroundDaemon, type TestRuntime } from '../helpers/daemon.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { waitFor } from '../helpers/waitFor.ts';
import { ADMIN_METHODS, CREDENTIAL_METHODS, INFO_METHODS, METHODS, type Method } from '../../src/ipc/protocol.ts';
import { ShapeError } from '../../src/ipc/schema.ts';

// ---- 18: scoped capabilities, the IPC half ----------------------------------------------

// The container endpoint's half of test 18 (an admin method over HTTP gets 404/405) is in
// j-ecs.test.ts.
test('admin methods (lock, unlock, forget, shutdown) and credential methods (resolve, whoami) are separate methods, and no answer of an admin method can carry credentials (security 18)', () => {
  const all = Object.keys(METHODS).sort();
  const classified: string[] = [...CREDENTIAL_METHODS, ...ADMIN_METHODS, ...INFO_METHODS];
  assert.deepEqual([...classified].sort(), all, 'every method is in exactly one class');
  assert.equal(new Set(classified).size, classified.length, 'no method is in two classes');
  const credentials = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' };
  for (const m of [...ADMIN_METHODS, ...INFO_METHODS] as Method[]) {
    assert.throws(() => METHODS[m].result.check({ credentials }, 'result'), ShapeError, `${m} cannot answer with credentials`);
  }
  // A credential request cannot smuggle an admin field, nor an admin request a profile.
  assert.throws(() => METHODS.resolve.params.check({ profile: 'p', env: {}, passphrase: 'x' }, 'params'), /no field named "passphrase"/);
  assert.throws(() => METHODS.lock.params.check({ profile: 'p' }, 'params'), /no field named "profile"/);
  assert.throws(() => METHODS.unlock.params.check({ profile: 'p', env: {} }, 'params'), /no field named/);
});

// ---- shared: a home with credential_process profiles ------------------------------------

interface Home {
  readonly dir: string;
  readonly config: string;
  readonly credentials: string;
  readonly env: Record<string, string>;
  /** An executable printing credentials with this access key id. */
  script(keyId: string): string;
}

function home(t: TestContext, rt: TestRuntime): Home {
  const dir = tempDir(t);
  mkdirSync(join(dir, '.aws'));
  const config = join(dir, '.aws', 'config');
  const credentials = join(dir, '.aws', 'credentials');
  writeFileSync(config, '');
  writeFileSync(credentials, '');
  chmodSync(config, 0o600);
  chmodSync(credentials, 0o600);
  return {
    dir,
    config,
    credentials,
    env: { ...rt.env, HOME: dir, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials },
    script(keyId) {
      const path = join(dir, `${keyId}.sh`);
      writeFileSync(path, `#!/bin/sh\necho '{"Version": 1, "AccessKeyId": "${keyId}", "SecretAccessKey": "s3cr3t", "Expiration": "2099-01-01T00:00:00Z"}'\n`, { mode: 0o700 });
      return path;
    },
  };
}

function ok(r: RunResult): RunResult {
  assert.equal(r.code, 0, `exit ${r.code}: ${r.stderr}`);
  return r;
}

function refused(r: RunResult, what: RegExp): void {
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, what);
}

// ---- 24: SIGHUP reload ------------------------------------------------------------------

test('SIGHUP: a valid new config is used and sessions are kept; a corrupt one leaves the last good config active, logged once, a warning to the user, the daemon serving (security 24)', async (t) => {
  const rt = privateRuntime(t);
  const h = home(t, rt);
  const a = h.script('AKIDPROFILEA'), b = h.script('AKIDPROFILEB');
  writeFileSync(h.config, `[profile a]\ncredential_process = ${a}\n`);
  const daemon = spawnForegroundDaemon(t, rt, {}, { built: true });
  await waitFor(() => daemon.log().includes('listening on'), 'the daemon to listen', 10_000);
  const run = (args: string[]) => runAwsx(args, { env: awsxEnv(h.env), built: true });
  assert.match(ok(await run(['env', 'a', '--shell', 'json'])).stdout, /AKIDPROFILEA/);

  const good = `[profile a]\ncredential_process = ${a}\n[profile b]\ncredential_process = ${b}\n`;
  writeFileSync(h.config, good);
  daemon.child.kill('SIGHUP');
  await waitFor(() => countLines(daemon.log(), 'SIGHUP') === 1, 'the reload');
  assert.match(ok(await run(['env', 'b', '--shell', 'json'])).stdout, /AKIDPROFILEB/);
  // Sessions are kept on reload: each is keyed by everything in the config that shapes it.
  assert.deepEqual((JSON.parse(ok(await run(['sessions', '--json'])).stdout) as { profile: string }[]).map((s) => s.profile), ['a', 'b']);

  writeFileSync(h.config, `[profile a\ncredential_process = ${a}\n`); // a save cut short
  daemon.child.kill('SIGHUP');
  await waitFor(() => countLines(daemon.log(), 'SIGHUP') === 2, 'the second reload');
  for (let i = 0; i < 2; i++) {
    for (const [profile, key] of [['a', 'AKIDPROFILEA'], ['b', 'AKIDPROFILEB']] as const) {
      const r = ok(await run(['env', profile, '--shell', 'json']));
      assert.match(r.stdout, new RegExp(key), 'served from the last good config');
      assert.match(r.stderr, /^awsx: warning: .*config, line 1: "\[profile a" comes before any \[section\] header.*; until it is fixed, awsx uses the version it read at /);
    }
  }
  assert.equal(countLines(daemon.log(), 'config error'), 1, 'logged once for this version of the file');
  assert.match(daemon.log(), /error .*config error: .*config, line 1/);
  const explain = await run(['profile', 'explain', 'a']);
  refused(explain, /config, line 1: "\[profile a" comes before any \[section\] header/);
  assert.equal(daemon.child.exitCode, null, 'the daemon keeps serving');

  writeFileSync(h.config, good);
  const fixed = ok(await run(['env', 'a', '--shell', 'json']));
  assert.equal(fixed.stderr, '', 'no warning once the file parses again');
  assert.match(daemon.log(), /parses again/);
});

// ---- 25: corrupted config at start ------------------------------------------------------

test('corrupted config at start: truncated, BOM, duplicates, binary, not UTF-8, 100 MB, CRLF, a source_profile cycle, an unknown credential_process: a precise error (file and line where there is one) or it works; never a crash (security 25)', async (t) => {
  const rt = privateRuntime(t);
  const h = home(t, rt);
  // Each case gets its own file: for the daemon, whose config cache is per file, every one
  // is a config seen for the first time (a reload keeping a last good one is test 24).
  let n = 0;
  const fresh = (content: string | Buffer): Record<string, string> => {
    const config = join(h.dir, '.aws', `config-${++n}`);
    writeFileSync(config, content);
    return { ...h.env, AWS_CONFIG_FILE: config };
  };
  const run = (args: string[], env = h.env) => runAwsx(args, { env: awsxEnv(env), built: true });
  const role = (name: string, source: string) => `[profile ${name}]\nrole_arn = arn:aws:iam::123456789012:role/${name}\nsource_profile = ${source}\n`;
  const cases: [string, string | Buffer, RegExp][] = [
    ['truncated', `${role('a', 'b')}[profile b`, /config-\d+, line 4: "\[profile b" is not "key = value"/],
    ['a BOM', '\ufeff[profile a]\nregion = eu-west-1\n', /config-\d+, line 1: the file starts with a UTF-8 byte order mark \(BOM\)/],
    ['a duplicate section', '[profile a]\nregion = x\n[profile a]\nregion = y\n', /config-\d+, line 3: section \[profile a\] appears a second time \(first at line 1\)/],
    ['a duplicate key', '[profile a]\nregion = x\nregion = y\n', /config-\d+, line 3: key "region" appears twice in section \[profile a\]/],
    ['binary data', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)), /config-\d+ is a binary file \(it contains NUL bytes\)/],
    ['not UTF-8', Buffer.from('[profile a]\nregion = \xff\xfe\n', 'latin1'), /config-\d+ is not valid UTF-8 text/],
    ['a cycle a -> b -> a', role('a', 'b') + role('b', 'a'), /profile b: infinite loop in credential configuration: profile a was already visited \(visited profiles: \['a', 'b'\]\)/],
  ];
  for (const [name, content, error] of cases) {
    const env = fresh(content);
    for (const args of [['profile', 'explain', 'a'], ['env', 'a']]) {
      const r = await run(args, env);
      assert.equal(r.code, 1, `${name}: ${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, error, `${name}: ${args.join(' ')}`);
    }
  }

  // 100 MB (sparse: no need to write it): refused by size before it is read, in bounded time.
  const huge = fresh('');
  truncateSync(huge.AWS_CONFIG_FILE!, 100 * 1024 * 1024);
  for (const args of [['profile', 'explain', 'a'], ['env', 'a']]) refused(await run(args, huge), /config-\d+ is 100 MB, too large for a config file \(limit 16 MB\)/);

  // CRLF line endings are read as the AWS CLI reads them.
  const crlf = fresh(`[profile a]\r\ncredential_process = ${h.script('AKIDCRLFPROFILE')}\r\n`);
  assert.match(ok(await run(['env', 'a', '--shell', 'json'], crlf)).stdout, /AKIDCRLFPROFILE/);

  // An unknown credential_process path: explain shows the plan, env names the command.
  const unknown = fresh('[profile a]\ncredential_process = /nonexistent/awsx-helper --flag\n');
  assert.match(ok(await run(['profile', 'explain', 'a'], unknown)).stdout, /credential_process of profile a: \/nonexistent\/awsx-helper --flag/);
  refused(await run(['env', 'a'], unknown), /profile a: credential_process command not found: \/nonexistent\/awsx-helper/);

  // The daemon that saw all of this is still serving.
  ok(await run(['sessions']));
});

// ---- 26: config others can write --------------------------------------------------------

/** Profiles that run a command or redirect STS, and two that do neither. */
function permissionConfig(h: Home): void {
  writeFileSync(h.config, [
    '[profile plain]', 'region = eu-west-1',
    '[profile proc]', `credential_process = ${h.script('AKIDPROCESS')}`,
    '[profile viaproc]', 'role_arn = arn:aws:iam::123456789012:role/r', 'source_profile = proc',
    '[profile mfaproc]', 'role_arn = arn:aws:iam::123456789012:role/m', 'source_profile = plain', 'mfa_serial = arn:aws:iam::123456789012:mfa/u', 'mfa_process = /bin/echo 123456',
    '[profile endpoint]', 'endpoint_url = https://sts.attacker.example', 'region = us-east-1',
    '[profile svc]', 'services = elsewhere', 'region = us-east-1',
    '[services elsewhere]', 'sts =', '  endpoint_url = https://sts.attacker.example',
    '',
  ].join('\n'));
  writeFileSync(h.credentials, ['[plain]', 'aws_access_key_id = AKIAPLAINPROFILE01', 'aws_secret_access_key = plain-secret',
    '[endpoint]', 'aws_access_key_id = AKIAENDPOINTPROF01', 'aws_secret_access_key = s',
    '[svc]', 'aws_access_key_id = AKIASVCPROFILE0001', 'aws_secret_access_key = s', ''].join('\n'));
}

const COMMAND_OR_ENDPOINT = ['proc', 'viaproc', 'mfaproc', 'endpoint', 'svc'];

test('a config file writable by others: profiles that run a command or redirect STS are refused with the chmod to run, in the daemon and in profile explain; plain profiles work (security 26)', async (t) => {
  const rt = privateRuntime(t);
  const h = home(t, rt);
  permissionConfig(h);
  const run = (args: string[]) => runAwsx(args, { env: awsxEnv(h.env), built: true });
  chmodSync(h.config, 0o666);
  for (const profile of COMMAND_OR_ENDPOINT) {
    for (const args of [['env', profile], ['profile', 'explain', profile]]) {
      refused(await run(args), new RegExp(`^awsx: profile ${profile}: bad permissions on ${h.config}: it is writable by group and others \\(mode 0666\\), so another user could have written its .*\\n  fix: chmod go-w ${h.config}\\n$`));
    }
  }
  assert.match((await run(['env', 'mfaproc'])).stderr, /its mfa_process \(line 12\); awsx will not run a command from it/);
  assert.match((await run(['env', 'viaproc'])).stderr, /its credential_process \(of proc\) \(line 4\)/);
  assert.match((await run(['env', 'svc'])).stderr, /its services \(line 17\); awsx will not send signed requests to an endpoint from it/);
  assert.match(ok(await run(['env', 'plain', '--shell', 'json'])).stdout, /AKIAPLAINPROFILE01/);

  // The credentials file is checked the same way, for the keys it defines.
  chmodSync(h.config, 0o600);
  writeFileSync(h.credentials, `[credproc]\ncredential_process = ${h.script('AKIDCREDPROC')}\n`, { flag: 'a' });
  chmodSync(h.credentials, 0o620);
  refused(await run(['env', 'credproc']), new RegExp(`bad permissions on ${h.credentials}: it is writable by group \\(mode 0620\\).*\\n  fix: chmod go-w ${h.credentials}`));
  assert.match(ok(await run(['env', 'proc', '--shell', 'json'])).stdout, /AKIDPROCESS/, 'the config file is fine again');
  chmodSync(h.credentials, 0o600);
  assert.match(ok(await run(['env', 'credproc', '--shell', 'json'])).stdout, /AKIDCREDPROC/);
});

test('a config file owned by another user (uid 65534): the same refusal, with the chown to run (security 26)', async (t) => {
  if (process.getuid?.() !== 0) return t.skip('needs root to give the file to uid 65534');
  const rt = privateRuntime(t);
  const h = home(t, rt);
  permissionConfig(h);
  chownSync(h.config, 65534, 65534);
  const run = (args: string[]) => runAwsx(args, { env: awsxEnv(h.env), built: true });
  for (const profile of COMMAND_OR_ENDPOINT) {
    refused(await run(['env', profile]), new RegExp(`bad permissions on ${h.config}: it is owned by uid 65534, not by you \\(uid 0\\).*\\n  fix: sudo chown 0 ${h.config} && chmod go-w ${h.config}`));
  }
  assert.match(ok(await run(['env', 'plain', '--shell', 'json'])).stdout, /AKIAPLAINPROFILE01/);
  assert.equal(readFileSync(h.config, 'utf8').includes('[profile proc]'), true, 'the file was read, only its commands refused');
});
