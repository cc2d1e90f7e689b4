// credential_process (docs/aws-config.md section 6, docs/security.md test 47): real commands
// written to a temporary directory, the Version 1 contract as a table, and the ways a
// command fails. Whatever a command prints on stdout never appears in an error.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { isAwsxError } from '../../../src/core/errors.ts';
import type { ProcessContext } from '../../../src/core/process/api.ts';
import { createCredentialProcessRunner, runCredentialProcess } from '../../../src/core/process/credentialProcess.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { waitFor } from '../../helpers/waitFor.ts';

const CANARY = 'CANARY-7f3a9c';
const ctx = (over: Partial<ProcessContext> = {}): ProcessContext => ({ env: { PATH: process.env.PATH }, cwd: undefined, timeoutMs: 5_000, ...over });
const sq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Writes an executable sh script and returns a credential_process line that runs it. */
function script(t: TestContext, body: string, name = 'proc.sh'): { command: string; dir: string } {
  const dir = tempDir(t);
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return { command: sq(path), dir };
}
/** A command printing `stdout` exactly (through a file, so no quoting is involved). */
function printing(t: TestContext, stdout: string, exit = 0, stderr = ''): string {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'out'), stdout);
  writeFileSync(join(dir, 'err'), stderr);
  return script(t, `cat ${sq(join(dir, 'out'))}; cat ${sq(join(dir, 'err'))} >&2; exit ${exit}`).command;
}

async function failure(p: Promise<unknown>): Promise<{ message: string; hint: string }> {
  try {
    await p;
  } catch (e) {
    assert.ok(isAwsxError(e), String(e));
    assert.equal(e.code, 'CredentialRetrievalError');
    const all = `${e.message}\n${e.hint}\n${String(e.cause ?? '')}`;
    assert.ok(!all.includes(CANARY), `stdout leaked into: ${all}`);
    assert.doesNotMatch(e.message, /[\r\n]/);
    assert.ok(e.hint, 'every error names a fix');
    return { message: e.message, hint: e.hint ?? '' };
  }
  throw new assert.AssertionError({ message: 'expected the process to fail' });
}

const json = (o: unknown) => JSON.stringify(o);
const OK = { Version: 1, AccessKeyId: 'AKIAPROC000000000001', SecretAccessKey: `${CANARY}-secret` };

const accepted: [string, string, object][] = [
  ['the minimum', json(OK), { accessKeyId: 'AKIAPROC000000000001', secretAccessKey: `${CANARY}-secret` }],
  ['every field', json({ ...OK, SessionToken: 'tok', Expiration: '2099-01-02T03:04:05Z', AccountId: '123456789012' }), { sessionToken: 'tok', expiration: new Date('2099-01-02T03:04:05Z'), accountId: '123456789012' }],
  ['an offset and a fraction', json({ ...OK, Expiration: '2099-01-02T05:04:05.250+02:00' }), { expiration: new Date('2099-01-02T03:04:05.250Z') }],
  ['Version 1.0 is the number 1', `{"Version": 1.0, "AccessKeyId": "AKIAPROC000000000001", "SecretAccessKey": "s"}`, { accessKeyId: 'AKIAPROC000000000001' }],
  ['an empty SessionToken is none', json({ ...OK, SessionToken: '' }), { sessionToken: undefined }],
  ['surrounding whitespace', `\n  ${json(OK)}\n\n`, { accessKeyId: 'AKIAPROC000000000001' }],
];
for (const [name, stdout, want] of accepted) {
  test(`contract accepts: ${name}`, async (t) => {
    const creds = await runCredentialProcess('p', printing(t, stdout), ctx());
    for (const [k, v] of Object.entries(want)) assert.deepEqual(creds[k as keyof typeof creds], v, k);
  });
}

const refused: [string, string, RegExp, RegExp?][] = [
  ['Version "1"', json({ ...OK, Version: '1' }), /^profile p: credential_process returned Unsupported version '1' for credential process provider, supported versions: 1$/, /"Version": 1/],
  ['no Version', json({ AccessKeyId: 'A', SecretAccessKey: CANARY }), /Unsupported version '<Version key not provided>' for credential process provider/],
  ['Version 2', json({ ...OK, Version: 2 }), /Unsupported version '2'/],
  ['Version true', json({ ...OK, Version: true }), /Unsupported version 'true'/],
  ['a Version that could be anything', json({ ...OK, Version: `${CANARY}-long-value-here` }), /Unsupported version 'a string of 29 characters'/],
  ['no SecretAccessKey', json({ Version: 1, AccessKeyId: 'A' }), /^profile p: credential_process returned Missing required key in response: 'SecretAccessKey'$/],
  ['no AccessKeyId', json({ Version: 1, SecretAccessKey: CANARY }), /Missing required key in response: 'AccessKeyId'/],
  ['AccessKeyId not a string', json({ ...OK, AccessKeyId: 12 }), /'AccessKeyId' that is not a non-empty string/],
  ['SessionToken not a string', json({ ...OK, SessionToken: 5 }), /'SessionToken' that is not a string/],
  ['not JSON', `${CANARY} is not json`, /^profile p: credential_process did not print JSON$/, /on stdout \(and anything else on stderr\)/],
  ['nothing', '', /credential_process printed nothing/],
  ['a JSON array', json([OK]), /did not print a JSON object/],
  ['JSON null', 'null', /did not print a JSON object/],
  ['Expiration in words', json({ ...OK, Expiration: 'tomorrow' }), /'Expiration' that is not an ISO 8601 time/, /2030-01-01T00:00:00Z/],
  ['Expiration without a zone', json({ ...OK, Expiration: '2099-01-01T00:00:00' }), /not an ISO 8601 time/],
  ['Expiration on a day that does not exist', json({ ...OK, Expiration: '2099-02-30T00:00:00Z' }), /not an ISO 8601 time/],
  ['Expiration a number', json({ ...OK, Expiration: 4102444800 }), /not an ISO 8601 time/],
  ['AccountId a number', json({ ...OK, AccountId: 123456789012 }), /'AccountId' that is not a string/],
  // Issue 17.3: what would not fit the answer is refused where it enters, described by its length.
  ['a 300-character AccessKeyId', json({ ...OK, AccessKeyId: 'A'.repeat(300) }), /^profile p: credential_process returned values too long to be credentials: AccessKeyId is 300 characters, more than the 128 awsx accepts$/, /as STS or IAM gave them/],
  ['a SecretAccessKey over 1 KiB', json({ ...OK, SecretAccessKey: CANARY.repeat(200) }), /SecretAccessKey is 2600 characters, more than the 1024/],
  ['a SessionToken over 8 KiB', json({ ...OK, SessionToken: `${CANARY}${'t'.repeat(9000)}` }), /SessionToken is 9013 characters, more than the 8192/],
  ['an AccountId over 64 characters', json({ ...OK, AccountId: '1'.repeat(65) }), /AccountId is 65 characters, more than the 64/],
  ['Expiration in the past', json({ ...OK, Expiration: '2001-02-03T04:05:06Z' }), /^profile p: credential_process returned credentials that expired at 2001-02-03T04:05:06\.000Z$/, /stale credentials/],
];
for (const [name, stdout, message, hint] of refused) {
  test(`contract refuses: ${name}`, async (t) => {
    const e = await failure(runCredentialProcess('p', printing(t, stdout), ctx()));
    assert.match(e.message, message);
    if (hint) assert.match(e.hint, hint);
  });
}

test('the clock decides what is expired', async (t) => {
  const at = Date.parse('2030-01-01T00:00:00Z');
  const command = printing(t, json({ ...OK, Expiration: '2030-01-01T00:00:00Z' }));
  await failure(createCredentialProcessRunner({ now: () => at })('p', command, ctx()));
  const creds = await createCredentialProcessRunner({ now: () => at - 1 })('p', command, ctx());
  assert.equal(creds.expiration?.getTime(), at);
});

test('a non-zero exit: the code and the first line of stderr, never stdout', async (t) => {
  const e = await failure(runCredentialProcess('prod', printing(t, json(OK), 3, '\n  sso session expired: run login  \nsecond line\n'), ctx()));
  assert.equal(e.message, 'profile prod: credential_process exited with code 3: sso session expired: run login');
  assert.match(e.hint, /run the command by hand/);
});

test('killed by a signal', async (t) => {
  const e = await failure(runCredentialProcess('p', script(t, `echo ${CANARY}; kill -9 $$`).command, ctx()));
  assert.equal(e.message, 'profile p: credential_process was killed by SIGKILL');
});

test('command not found', async () => {
  const e = await failure(runCredentialProcess('p', 'awsx-no-such-command --profile x', ctx()));
  assert.equal(e.message, 'profile p: credential_process command not found: awsx-no-such-command');
  assert.match(e.hint, /absolute path/);
});

test('a path with a space works when quoted, and is two words when not (security 47)', async (t) => {
  const dir = join(tempDir(t), 'my tools');
  mkdirSync(dir);
  const path = join(dir, 'get creds.sh');
  writeFileSync(path, `#!/bin/sh\necho '${json(OK)}'\n`);
  chmodSync(path, 0o755);
  assert.equal((await runCredentialProcess('p', `"${path}" --flag`, ctx())).accessKeyId, OK.AccessKeyId);
  assert.equal((await runCredentialProcess('p', path.replace(/ /g, '\\ '), ctx())).accessKeyId, OK.AccessKeyId);
  const e = await failure(runCredentialProcess('p', path, ctx()));
  assert.match(e.message, /command not found: .*\/my$/);
});

test('no shell: $VARS, globs and ; are plain text', async (t) => {
  const { command } = script(t, 'printf \'{"Version":1,"AccessKeyId":"%s","SecretAccessKey":"%s"}\' "$1" "$2"');
  const creds = await runCredentialProcess('p', `${command} '$HOME' '*;ls'`, ctx());
  assert.deepEqual([creds.accessKeyId, creds.secretAccessKey], ['$HOME', '*;ls']);
});

test("the caller's environment and working directory, not the daemon's", async (t) => {
  process.env['AWSX_TEST_DAEMON_ONLY'] = 'leaked';
  t.after(() => delete process.env['AWSX_TEST_DAEMON_ONLY']);
  const { command, dir } = script(t, 'printf \'{"Version":1,"AccessKeyId":"%s","SecretAccessKey":"%s|%s"}\' "$CALLER_KEY" "$(pwd)" "${AWSX_TEST_DAEMON_ONLY-unset}"');
  const creds = await runCredentialProcess('p', command, ctx({ env: { PATH: process.env.PATH, CALLER_KEY: 'AKIACALLER', UNSET: undefined }, cwd: dir }));
  assert.deepEqual([creds.accessKeyId, creds.secretAccessKey], ['AKIACALLER', `${dir}|unset`]);
});

test('a working directory that does not exist', async () => {
  const e = await failure(runCredentialProcess('p', 'true', ctx({ cwd: '/nonexistent/awsx-test-dir' })));
  assert.equal(e.message, 'profile p: credential_process cannot run: the working directory /nonexistent/awsx-test-dir does not exist');
});

test('a file that is not executable', async (t) => {
  const path = join(tempDir(t), 'proc.sh');
  writeFileSync(path, `#!/bin/sh\necho hi\n`);
  const e = await failure(runCredentialProcess('p', sq(path), ctx()));
  assert.match(e.message, /^profile p: credential_process cannot run \S+proc\.sh: permission denied$/);
  assert.match(e.hint, /chmod \+x/);
});

test('stdin is closed: a command reading it does not hang', async () => {
  const e = await failure(runCredentialProcess('p', 'cat', ctx({ timeoutMs: 3_000 })));
  assert.match(e.message, /printed nothing/);
});

test('a timeout kills the command and what it started', async (t) => {
  const dir = tempDir(t);
  const pidFile = join(dir, 'child.pid');
  const { command } = script(t, `echo ${CANARY}; sleep 30 & echo $! > ${sq(pidFile)}; wait`);
  const t0 = performance.now();
  const e = await failure(runCredentialProcess('slow', command, ctx({ timeoutMs: 300 })));
  assert.ok(performance.now() - t0 < 2_000);
  assert.equal(e.message, 'profile slow: credential_process did not finish within 0.3 s');
  assert.match(e.hint, /without a terminal/);
  const pid = Number(readFileSync(pidFile, 'utf8'));
  await waitFor(() => !isAlive(pid), `the background sleep (pid ${pid}) to be killed`);
});

test('output is capped', async () => {
  const e = await failure(runCredentialProcess('p', 'head -c 3000000 /dev/zero', ctx()));
  assert.equal(e.message, 'profile p: credential_process printed more than 1 MiB on stdout');
});

test('output on stderr is capped too', async (t) => {
  const e = await failure(runCredentialProcess('p', script(t, 'head -c 3000000 /dev/zero >&2').command, ctx()));
  assert.equal(e.message, 'profile p: credential_process printed more than 1 MiB on stderr');
});

test('a NUL byte in the environment a request carries: an error, not a throw', async () => {
  const e = await failure(runCredentialProcess('p', 'true', ctx({ env: { PATH: process.env.PATH, LANG: 'C\u0000evil' } })));
  assert.equal(e.message, 'profile p: credential_process cannot run true: its command line, environment or working directory holds a NUL byte');
});

test('unbalanced quotes', async () => {
  const e = await failure(runCredentialProcess('p', `"/opt/my tool --x`, ctx()));
  assert.equal(e.message, 'profile p: credential_process is not a valid command line (no closing quotation)');
});

test('an empty command', async () => {
  const e = await failure(runCredentialProcess('p', '  ', ctx()));
  assert.equal(e.message, 'profile p: credential_process is empty');
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie still answers kill(0): look at its state.
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
