// docs/security.md test 55 (issue 17, item 9): when the native addon is missing, the
// daemon's weaker state is not only in daemon.log: `awsx daemon status` shows it, and the
// first answer after the daemon starts carries a warning the CLI prints once on stderr.
// The built bundle is copied without dist/native/ (inside node_modules, so its packages
// resolve); the normal build, with the addon, says "on" and warns about nothing.
import assert from 'node:assert/strict';
import { chmodSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { awsxEnv, REPO_ROOT, type RunResult } from '../helpers/cli.ts';
import { privateRuntime } from '../helpers/daemon.ts';
import { nativeSkip } from '../helpers/otherUid.ts';
import { runProgram } from '../helpers/shell.ts';
import { tempDir } from '../helpers/tempDir.ts';

function bundleWithoutAddon(t: TestContext): string {
  const dir = mkdtempSync(join(REPO_ROOT, 'node_modules', '.awsx-no-native-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(join(REPO_ROOT, 'dist'), dir, { recursive: true, filter: (src) => !src.includes(`${join('dist', 'native')}`) });
  return join(dir, 'awsx.js');
}

function world(t: TestContext): Record<string, string> {
  const home = tempDir(t);
  const script = join(home, 'creds.sh');
  writeFileSync(script, `#!/bin/sh\necho '{"Version": 1, "AccessKeyId": "AKIDHARDEN", "SecretAccessKey": "s", "Expiration": "2099-01-01T00:00:00Z"}'\n`);
  chmodSync(script, 0o755);
  writeFileSync(join(home, 'config'), `[profile proc]\ncredential_process = ${script}\nregion = eu-west-1\n`);
  return awsxEnv({ ...privateRuntime(t).env, HOME: home, AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials') }) as Record<string, string>;
}

test('without the native addon, `awsx daemon status` shows hardening OFF and the CLI warns once per daemon start; with it, status says on and nothing warns (security 55)', { skip: nativeSkip() }, async (t) => {
  const bare = bundleWithoutAddon(t);
  const env = world(t);
  const run = (bin: string, args: string[]): Promise<RunResult> => runProgram(process.execPath, [bin, ...args], env);
  const first = await run(bare, ['env', 'proc']);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stderr, /^awsx: warning: hardening unavailable: native\/awsx\.node was not built .*: this daemon is dumpable .*without peer uid checks, guarded by its 0700 runtime dir; `awsx daemon status` shows it/m);
  const second = await run(bare, ['env', 'proc']);
  assert.equal(second.code, 0, second.stderr);
  assert.equal(second.stderr, '', 'warned twice for one daemon');
  const status = await run(bare, ['daemon', 'status']);
  assert.match(status.stdout, /^ {2}hardening: +OFF: dumpable, core dumps allowed, no peer uid checks \(hardening unavailable: /m);
  const json = JSON.parse((await run(bare, ['daemon', 'status', '--json'])).stdout) as { hardening: Record<string, unknown> };
  assert.deepEqual({ ...json.hardening, problem: typeof json.hardening.problem }, { nonDumpable: false, noCoreDumps: false, peerChecks: false, problem: 'string' });
  assert.equal((await run(bare, ['daemon', 'stop'])).code, 0);

  const built = join(REPO_ROOT, 'dist', 'awsx.js');
  const hardened = await run(built, ['env', 'proc']);
  assert.equal(hardened.code, 0, hardened.stderr);
  assert.equal(hardened.stderr, '');
  assert.match((await run(built, ['daemon', 'status'])).stdout, /^ {2}hardening: +on \(non-dumpable, no core dumps, peer uid checks\)$/m);
  assert.equal((await run(built, ['daemon', 'stop'])).code, 0);
});
