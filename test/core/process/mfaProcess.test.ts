// mfa_process: a command that prints the current 6-digit code. Its output is a secret for
// 30 seconds, so a wrong one is described and never quoted.
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { isAwsxError } from '../../../src/core/errors.ts';
import type { ProcessContext } from '../../../src/core/process/api.ts';
import { runMfaProcess } from '../../../src/core/process/mfaProcess.ts';
import { tempDir } from '../../helpers/tempDir.ts';

const ctx = (over: Partial<ProcessContext> = {}): ProcessContext => ({ env: { PATH: process.env.PATH }, cwd: undefined, timeoutMs: 5_000, ...over });

function printing(t: TestContext, stdout: string, exit = 0, stderr = ''): string {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'out'), stdout);
  writeFileSync(join(dir, 'err'), stderr);
  const path = join(dir, 'code.sh');
  writeFileSync(path, `#!/bin/sh\ncat '${dir}/out'; cat '${dir}/err' >&2; exit ${exit}\n`);
  chmodSync(path, 0o755);
  return `'${path}'`;
}

async function failure(p: Promise<unknown>, printed: string): Promise<string> {
  try {
    await p;
  } catch (e) {
    assert.ok(isAwsxError(e));
    assert.equal(e.code, 'CredentialRetrievalError');
    if (printed.trim() !== '') assert.ok(!`${e.message} ${e.hint}`.includes(printed.trim()), 'the output is never quoted');
    assert.ok(e.hint);
    return e.message;
  }
  throw new assert.AssertionError({ message: 'expected the process to fail' });
}

for (const [name, stdout] of [['a code and a newline', '123456\n'], ['spaces around it', '  654321 \r\n']] as const) {
  test(`mfa_process: ${name}`, async (t) => {
    assert.equal(await runMfaProcess('p', printing(t, stdout), ctx()), stdout.trim());
  });
}

const wrong: [string, string, string][] = [
  ['five digits', '12345', 'profile p: mfa_process printed 5 characters that are not a 6-digit code'],
  ['seven digits', '1234567', 'profile p: mfa_process printed 7 characters that are not a 6-digit code'],
  ['a code with a label', 'code: 123456', 'profile p: mfa_process printed 12 characters that are not a 6-digit code'],
  ['two codes', '123456\n654321', 'profile p: mfa_process printed 13 characters that are not a 6-digit code'],
  ['nothing', '\n', 'profile p: mfa_process printed nothing'],
];
for (const [name, stdout, message] of wrong) {
  test(`mfa_process refuses: ${name}`, async (t) => {
    assert.equal(await failure(runMfaProcess('p', printing(t, stdout), ctx()), stdout), message);
  });
}

test('mfa_process fails: exit code and stderr', async (t) => {
  const message = await failure(runMfaProcess('p', printing(t, '123456', 1, 'YubiKey not found\n'), ctx()), '123456');
  assert.equal(message, 'profile p: mfa_process exited with code 1: YubiKey not found');
});

test('mfa_process: a timeout (waiting for a touch that never comes)', async () => {
  const message = await failure(runMfaProcess('p', 'sleep 10', ctx({ timeoutMs: 200 })), '');
  assert.equal(message, 'profile p: mfa_process did not finish within 0.2 s');
});

test('mfa_process: command not found', async () => {
  assert.equal(await failure(runMfaProcess('p', 'awsx-no-such-ykman oath', ctx()), ''), 'profile p: mfa_process command not found: awsx-no-such-ykman');
});
