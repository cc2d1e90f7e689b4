// docs/security.md test 51 (issue 17, item 5): a daemon autostarted from a shell that holds
// files open (`exec 42<file`) keeps none of them, and its credential_process children get
// only stdin, stdout and stderr. The open file is a canary; the child records its own
// descriptors. (The risk is the user's own file reaching the user's own commands; no other
// uid is involved.)
import assert from 'node:assert/strict';
import { chmodSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { quotePosix } from '../../src/shell/quote.ts';
import { awsxArgv, awsxEnv } from '../helpers/cli.ts';
import { privateRuntime, theDaemon } from '../helpers/daemon.ts';
import { runProgram } from '../helpers/shell.ts';
import { tempDir } from '../helpers/tempDir.ts';

function fdTargets(pid: number): string[] {
  return readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
    try {
      return [readlinkSync(`/proc/${pid}/fd/${fd}`)];
    } catch {
      return [];
    }
  });
}

test('descriptors the starting shell held open reach neither the autostarted daemon nor its credential_process children (security 51)', async (t) => {
  const dir = tempDir(t);
  const rt = privateRuntime(t);
  const canary = join(dir, 'canary-credentials');
  writeFileSync(canary, '[default]\naws_secret_access_key = CANARY-fds\n');
  const seen = join(dir, 'child-fds');
  const script = join(dir, 'creds.sh');
  writeFileSync(script, `#!/bin/sh\nls -l /proc/$$/fd/ > ${quotePosix(seen)}\necho '{"Version": 1, "AccessKeyId": "AKIDFDS", "SecretAccessKey": "s", "Expiration": "2099-01-01T00:00:00Z"}'\n`);
  chmodSync(script, 0o755);
  writeFileSync(join(dir, 'config'), `[profile proc]\ncredential_process = ${script}\nregion = eu-west-1\n`);
  const env = awsxEnv({ ...rt.env, HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') }) as Record<string, string>;
  const holding = (command: string) => `exec 9<${quotePosix(canary)} 42<${quotePosix(canary)} 200<${quotePosix(canary)}; ${command}`;

  // The control: a command the shell starts itself sees the open file.
  const control = await runProgram('bash', ['-c', holding(quotePosix(script))], env);
  assert.equal(control.code, 0, control.stderr);
  assert.match(readFileSync(seen, 'utf8'), /canary-credentials/, 'the control child did not see the canary');

  const r = await runProgram('bash', ['-c', holding(awsxArgv(['env', 'proc'], true).map(quotePosix).join(' '))], env);
  assert.equal(r.code, 0, r.stderr);
  const child = readFileSync(seen, 'utf8');
  assert.doesNotMatch(child, /canary-credentials/, `the credential_process child holds the canary:\n${child}`);
  const daemon = await theDaemon(rt.dir);
  assert.deepEqual(fdTargets(daemon).filter((p) => p === canary), [], 'the daemon holds the canary');
});

