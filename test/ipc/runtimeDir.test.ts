// Runtime dir checks (docs/security.md tests 2 and 3) against real temp dirs. These run as
// root here, so a foreign owner is made with chown to uid 65534 (nobody).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SOCKET_PATH_MAX, ensureRuntimeDir, lockPath, resolveRuntimeDir, socketPath, verifyRuntimeDir } from '../../src/ipc/runtimeDir.ts';
import { AwsxError } from '../../src/core/errors.ts';
import { tempDir } from '../helpers/tempDir.ts';

const modeOf = (p: string): number => lstatSync(p).mode & 0o777;

function refused(fn: () => unknown, reason: RegExp, hint: RegExp): void {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof AwsxError);
    assert.equal(e.code, 'FileError');
    assert.match(e.message, /^unsafe runtime dir \/\S+: /);
    assert.match(e.message, reason);
    assert.match(e.hint ?? '', hint);
    return true;
  });
}

test('ensureRuntimeDir creates ~/.awsx/run and its missing parent as 0700', (t) => {
  const home = tempDir(t);
  const dir = join(home, '.awsx', 'run');
  ensureRuntimeDir(dir);
  assert.equal(modeOf(join(home, '.awsx')), 0o700);
  assert.equal(modeOf(dir), 0o700);
  assert.ok(lstatSync(dir).isDirectory());
  ensureRuntimeDir(dir); // idempotent on a good dir
  assert.equal(verifyRuntimeDir(dir), 'ok');
});

test('ensureRuntimeDir sets 0700 whatever the umask', (t) => {
  const dir = join(tempDir(t), 'run');
  const old = process.umask(0);
  try {
    ensureRuntimeDir(dir);
  } finally {
    process.umask(old);
  }
  assert.equal(modeOf(dir), 0o700);
});

for (const mode of [0o755, 0o770, 0o701]) {
  test(`an existing ${mode.toString(8)} dir is refused and left as it is (security 2)`, (t) => {
    const dir = join(tempDir(t), 'run');
    mkdirSync(dir);
    chmodSync(dir, mode);
    refused(() => ensureRuntimeDir(dir), new RegExp(`mode ${mode.toString(8)}`), new RegExp(`^chmod 700 ${dir}$`));
    refused(() => verifyRuntimeDir(dir), /group or others/, /chmod 700/);
    assert.equal(modeOf(dir), mode);
  });
}

test('a dir owned by another uid is refused (security 2)', (t) => {
  const dir = join(tempDir(t), 'run');
  mkdirSync(dir, { mode: 0o700 });
  chownSync(dir, 65534, 65534);
  refused(() => ensureRuntimeDir(dir), /owned by uid 65534/, /remove .*AWSX_RUNTIME_DIR/);
});

test('a symlink to a good dir is refused, and nothing is created in its target (security 3)', (t) => {
  const base = tempDir(t);
  const target = join(base, 'target');
  mkdirSync(target, { mode: 0o700 });
  const link = join(base, 'run');
  symlinkSync(target, link);
  refused(() => ensureRuntimeDir(link), /symlink/, /remove the symlink/);
  refused(() => verifyRuntimeDir(link), /symlink/, /remove the symlink/);
  assert.deepEqual(readdirSync(target), []);
});

test('a file is refused', (t) => {
  const file = join(tempDir(t), 'run');
  writeFileSync(file, '', { mode: 0o600 });
  refused(() => ensureRuntimeDir(file), /not a directory/, /remove/);
});

test('verifyRuntimeDir reports a missing dir without creating it', (t) => {
  const dir = join(tempDir(t), 'nope', 'run');
  assert.equal(verifyRuntimeDir(dir), 'missing');
  assert.equal(existsSync(join(dir, '..')), false);
});

test('relative runtime dirs are refused', () => {
  for (const fn of [() => verifyRuntimeDir('run'), () => ensureRuntimeDir('./run')]) {
    assert.throws(fn, (e) => e instanceof AwsxError && e.code === 'UsageError');
  }
});

test('resolveRuntimeDir: AWSX_RUNTIME_DIR, then a private XDG_RUNTIME_DIR, then ~/.awsx/run', (t) => {
  const base = tempDir(t);
  const xdg = join(base, 'xdg');
  mkdirSync(xdg, { mode: 0o700 });
  const home = '/home/u';
  const fallback = '/home/u/.awsx/run';
  assert.equal(resolveRuntimeDir({ AWSX_RUNTIME_DIR: '/r', XDG_RUNTIME_DIR: xdg }, home), '/r');
  assert.equal(resolveRuntimeDir({ XDG_RUNTIME_DIR: xdg }, home), join(xdg, 'awsx'));
  assert.equal(resolveRuntimeDir({ AWSX_RUNTIME_DIR: '', XDG_RUNTIME_DIR: '' }, home), fallback);
  assert.equal(resolveRuntimeDir({}, home), fallback);
  assert.equal(resolveRuntimeDir({ XDG_RUNTIME_DIR: 'relative/xdg' }, home), fallback);
  assert.equal(resolveRuntimeDir({ XDG_RUNTIME_DIR: join(base, 'missing') }, home), fallback);
  const link = join(base, 'xdg-link');
  symlinkSync(xdg, link);
  assert.equal(resolveRuntimeDir({ XDG_RUNTIME_DIR: link }, home), fallback);
  chmodSync(xdg, 0o777);
  assert.equal(resolveRuntimeDir({ XDG_RUNTIME_DIR: xdg }, home), fallback, 'writable by others');
  chmodSync(xdg, 0o700);
  chownSync(xdg, 65534, 65534);
  assert.equal(resolveRuntimeDir({ XDG_RUNTIME_DIR: xdg }, home), fallback, 'not ours');
  assert.throws(() => resolveRuntimeDir({ AWSX_RUNTIME_DIR: 'rel' }, home), (e) => e instanceof AwsxError && e.code === 'UsageError');
});

test('socketPath and lockPath live in the dir; an over-long socket path is refused', () => {
  assert.equal(socketPath('/run/user/1000/awsx'), '/run/user/1000/awsx/awsx.sock');
  assert.equal(lockPath('/run/user/1000/awsx'), '/run/user/1000/awsx/awsxd.lock');
  const fits = '/' + 'd'.repeat(SOCKET_PATH_MAX - '/awsx.sock'.length - 1);
  assert.equal(Buffer.byteLength(socketPath(fits)), SOCKET_PATH_MAX);
  assert.throws(
    () => socketPath(fits + 'd'),
    (e) => e instanceof AwsxError && e.code === 'FileError' && /over the \d+-byte Unix socket limit/.test(e.message) && /AWSX_RUNTIME_DIR/.test(e.hint ?? ''),
  );
  // Bytes, not characters: a multi-byte name is measured in UTF-8.
  assert.throws(() => socketPath('/' + 'é'.repeat(50)));
});
