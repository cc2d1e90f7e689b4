// The file side: locks, atomic replacement, modes, backups, symlinks, leftovers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { updateFiles } from '../../../src/core/config/write.ts';
import { acquireLock } from '../../../src/core/config/lockFile.ts';
import { serialize } from '../../../src/core/ini/document.ts';
import { appendSection } from '../../../src/core/edit/sectionAddRemove.ts';
import { tempAwsFiles } from '../../helpers/awsFiles.ts';

const mode = (p: string) => statSync(p).mode & 0o777;
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

/** An edit that appends [name] to the first file and leaves the others. */
const appendTo = (name: string) => (docs: readonly { lines: readonly { text: string; eol: string }[] }[]) =>
  docs.map((d, i) => (i === 0 ? serialize(appendSection(d.lines, name, new Map([['k', 'v']]))) : serialize(d.lines)));

test('a new file is 0600 in a new 0700 directory, with no backup', async (t) => {
  const f = tempAwsFiles(t);
  const changed = await updateFiles([f.config, f.credentials], appendTo('a'));
  assert.deepEqual(changed, [true, false]);
  assert.equal(readFileSync(f.config, 'utf8'), '[a]\nk = v\n');
  assert.equal(mode(dirname(f.config)), 0o700);
  assert.equal(mode(f.config), 0o600);
  assert.equal(existsSync(`${f.config}.bak`), false);
  assert.equal(existsSync(f.credentials), false, 'an unchanged missing file is not created');
});

test('an existing file keeps its mode; the backup holds the previous content with the same mode', async (t) => {
  const f = tempAwsFiles(t);
  mkdirSync(dirname(f.config), { mode: 0o755 });
  writeFileSync(f.config, '[old]\r\nx = 1\r\n', { mode: 0o640 });
  await updateFiles([f.config, f.credentials], appendTo('a'));
  await updateFiles([f.config, f.credentials], appendTo('b'));
  assert.equal(readFileSync(f.config, 'utf8'), '[old]\r\nx = 1\r\n\r\n[a]\r\nk = v\r\n\r\n[b]\r\nk = v\r\n');
  assert.equal(readFileSync(`${f.config}.bak`, 'utf8'), '[old]\r\nx = 1\r\n\r\n[a]\r\nk = v\r\n', 'one backup: the previous version');
  assert.equal(mode(f.config), 0o640);
  assert.equal(mode(`${f.config}.bak`), 0o640);
  assert.equal(mode(dirname(f.config)), 0o755, 'an existing directory is left alone');
});

test('a symlinked file is edited where it points and stays a link', async (t) => {
  const f = tempAwsFiles(t);
  mkdirSync(dirname(f.config), { recursive: true });
  const real = join(f.dir, 'dotfiles-config');
  writeFileSync(real, '[old]\n', { mode: 0o600 });
  symlinkSync(real, f.config);
  await updateFiles([f.config, f.credentials], appendTo('a'));
  assert.ok(lstatSync(f.config).isSymbolicLink());
  assert.equal(readFileSync(real, 'utf8'), '[old]\n\n[a]\nk = v\n');
});

test('the edit sees the file as it is under the lock, and a failing edit writes nothing', async (t) => {
  const f = tempAwsFiles(t);
  mkdirSync(dirname(f.config), { recursive: true });
  writeFileSync(f.config, '[x]\n');
  await assert.rejects(updateFiles([f.config, f.credentials], () => {
    throw new Error('refused');
  }), /refused/);
  assert.equal(readFileSync(f.config, 'utf8'), '[x]\n');
  assert.deepEqual(readdirSync(dirname(f.config)).sort(), ['config'], 'no lock, temp or backup left');
});

test('20 concurrent updates all land', async (t) => {
  const f = tempAwsFiles(t);
  await Promise.all(Array.from({ length: 20 }, (_, i) => updateFiles([f.config, f.credentials], appendTo(`s${i}`))));
  const text = readFileSync(f.config, 'utf8');
  for (let i = 0; i < 20; i++) assert.ok(text.includes(`[s${i}]\n`), `s${i} landed`);
});

test('a lock held by a live process makes a writer wait, then give up with who holds it', async (t) => {
  const f = tempAwsFiles(t);
  mkdirSync(dirname(f.config), { recursive: true });
  const release = await acquireLock(f.config);
  try {
    await assert.rejects(updateFiles([f.config, f.credentials], appendTo('a'), { timeoutMs: 150 }), {
      code: 'ConflictError',
      message: `${f.config} is locked by process ${process.pid}, which is still writing it`,
    });
  } finally {
    release();
  }
  await updateFiles([f.config, f.credentials], appendTo('a'), { timeoutMs: 150 });
});

test('a lock left by a dead process is broken', async (t) => {
  const f = tempAwsFiles(t);
  mkdirSync(dirname(f.config), { recursive: true });
  writeFileSync(`${f.config}.lock`, `${deadPid()}\n`);
  await updateFiles([f.config, f.credentials], appendTo('a'), { timeoutMs: 2000 });
  assert.equal(existsSync(`${f.config}.lock`), false);
});

test('a lock without a pid is a leftover and is broken (awsx links its pid in whole, never half-written)', async (t) => {
  const f = tempAwsFiles(t);
  mkdirSync(dirname(f.config), { recursive: true });
  writeFileSync(`${f.config}.lock`, '');
  await updateFiles([f.config, f.credentials], appendTo('a'), { timeoutMs: 2000 });
  assert.equal(existsSync(`${f.config}.lock`), false);
});

test('temp files of a killed writer are swept on the next write', async (t) => {
  const f = tempAwsFiles(t);
  mkdirSync(dirname(f.config), { recursive: true });
  const leftover = join(dirname(f.config), `.config.awsx-${deadPid()}-0123456789ab.tmp`);
  const live = join(dirname(f.config), `.config.awsx-${process.pid}-0123456789ab.tmp`);
  writeFileSync(leftover, 'half');
  writeFileSync(live, 'someone else, still running');
  await updateFiles([f.config, f.credentials], appendTo('a'));
  assert.equal(existsSync(leftover), false);
  assert.equal(existsSync(live), true);
});

test('the same file as config and credentials is refused', async (t) => {
  const f = tempAwsFiles(t);
  await assert.rejects(updateFiles([f.config, f.config], appendTo('a')), { code: 'UsageError', message: /are the same file/ });
});
