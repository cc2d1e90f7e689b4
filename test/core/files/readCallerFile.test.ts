// Files read on a caller's behalf (docs/aws-config.md section 5; issues 16.1, 16.2, 17.4):
// real files, directories, FIFOs and devices. Whatever the path is, the reader answers an
// AwsxError naming the profile, the key, the path and the fix, and never blocks.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { isAwsxError } from '../../../src/core/errors.ts';
import { readCallerFile, type CallerFile } from '../../../src/core/files/readCallerFile.ts';
import { NOBODY, otherUidSkip, runAsUid } from '../../helpers/otherUid.ts';
import { tempDir } from '../../helpers/tempDir.ts';

const KEY = 'web_identity_token_file';
const file = (path: string, over: Partial<CallerFile> = {}): CallerFile => ({ profile: 'web', key: KEY, path, cwd: undefined, maxBytes: 100, ...over });

async function refusal(f: CallerFile): Promise<{ message: string; hint: string }> {
  try {
    await readCallerFile(f);
  } catch (e) {
    assert.ok(isAwsxError(e), String(e));
    assert.equal(e.code, 'FileError');
    assert.ok(e.message.startsWith(`profile ${f.profile}: ${KEY} `), e.message);
    return { message: e.message, hint: e.hint ?? '' };
  }
  assert.fail(`${f.path} was read`);
}

test('a regular file is read verbatim, newlines and all; a file of exactly the cap fits', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'tok'), ' eyJ.token \n');
  assert.equal(await readCallerFile(file(join(dir, 'tok'))), ' eyJ.token \n');
  writeFileSync(join(dir, 'full'), 'x'.repeat(100));
  assert.equal(await readCallerFile(file(join(dir, 'full'))), 'x'.repeat(100));
});

test("a relative path is read from the caller's working directory, not the daemon's (issue 16.2)", async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub', 'tok'), 'token-in-sub');
  assert.equal(await readCallerFile(file('sub/tok', { cwd: dir })), 'token-in-sub');
  assert.equal(await readCallerFile(file('../sub/tok', { cwd: join(dir, 'sub') })), 'token-in-sub');
  const missing = await refusal(file('tok', { cwd: dir }));
  assert.ok(missing.message.includes(`${join(dir, 'tok')} does not exist`), missing.message);
  assert.match(missing.hint, new RegExp(`relative ${KEY} is read from the directory awsx runs in \\(${dir}\\)`));
});

test('a relative path without the caller\'s directory is refused, never read from the daemon\'s', async () => {
  const { message, hint } = await refusal(file('tok'));
  assert.match(message, /tok is a relative path, and the request did not say which directory/);
  assert.match(hint, /absolute path/);
});

test('~ is not expanded, as in the AWS CLI, and the hint says so', async (t) => {
  const dir = tempDir(t);
  const { message, hint } = await refusal(file('~/tok', { cwd: dir }));
  assert.ok(message.includes(`${join(dir, '~/tok')} does not exist`), message);
  assert.match(hint, /~ is not expanded/);
});

test('a missing file, or a path through a file, names the path and the key', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'plain'), 'x');
  for (const path of [join(dir, 'nope'), join(dir, 'plain', 'tok')]) {
    const { message, hint } = await refusal(file(path));
    assert.equal(message, `profile web: ${KEY} ${path} does not exist`);
    assert.match(hint, new RegExp(`check ${KEY}, or create the file`));
  }
});

test('a directory is refused', async (t) => {
  const dir = tempDir(t);
  const { message, hint } = await refusal(file(dir));
  assert.match(message, /is a directory, not a file/);
  assert.match(hint, /at the token file itself/);
});

test('a FIFO nobody writes to is refused at once, without waiting for a writer (issue 17.4)', { timeout: 10_000 }, async (t) => {
  const fifo = join(tempDir(t), 'fifo');
  execFileSync('mkfifo', [fifo]);
  // A blocking open would wait for a writer forever, and this test would end at its timeout.
  const { message } = await refusal(file(fifo));
  assert.match(message, /is not a regular file \(a pipe, a device or a socket\)/);
});

test('/dev/zero and a symlink to it are refused, never read without end (issue 17.4)', async (t) => {
  const link = join(tempDir(t), 'zero');
  symlinkSync('/dev/zero', link);
  for (const path of ['/dev/zero', link]) assert.match((await refusal(file(path))).message, /is not a regular file/);
});

test('a symlink to a regular file is followed, as botocore follows it (EKS projects the token through one)', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'real'), 'projected');
  symlinkSync(join(dir, 'real'), join(dir, 'token'));
  assert.equal(await readCallerFile(file(join(dir, 'token'))), 'projected');
});

test('a file over the cap is refused before it is read', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'big'), 'x'.repeat(101));
  const { message, hint } = await refusal(file(join(dir, 'big')));
  assert.match(message, /is larger than 100 bytes/);
  assert.match(hint, /names the right file/);
});

test('a /proc file, whose size reads 0, is still cut at the cap', async () => {
  // /proc/self/maps is a "regular" file of size 0 with far more than 100 bytes in it.
  assert.match((await refusal(file('/proc/self/maps'))).message, /is larger than 100 bytes/);
});

test('an unreadable file: permission denied, with chmod as the fix', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'locked');
  writeFileSync(path, 'secret-token');
  chmodSync(path, 0o000);
  if (process.getuid?.() !== 0) {
    const { message, hint } = await refusal(file(path));
    assert.match(message, /cannot be read: permission denied/);
    assert.match(hint, /chmod u\+r/);
    return;
  }
  // root reads any file: the same read, as another uid.
  if (otherUidSkip) return t.skip(otherUidSkip);
  chmodSync(dir, 0o755);
  chownSync(path, NOBODY, NOBODY);
  const script = `import('${new URL('../../../src/core/files/readCallerFile.ts', import.meta.url).href}').then((m) => m.readCallerFile({ profile: 'web', key: '${KEY}', path: '${path}', cwd: undefined, maxBytes: 100 })).then(() => console.log('read'), (e) => console.log(JSON.stringify({ code: e.code, message: e.message, hint: e.hint })))`;
  const r = runAsUid(NOBODY, [process.execPath, '--import', 'tsx', '--input-type=module', '-e', script]);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { code: string; message: string; hint: string };
  assert.equal(out.code, 'FileError');
  assert.equal(out.message, `profile web: ${KEY} ${path} cannot be read: permission denied`);
  assert.match(out.hint, /chmod u\+r/);
});
