// The pid lock behind single instance and the spawn lock: atomic, stale only when its
// holder is gone, never following a symlink, and never broken twice by racing breakers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { lstatSync, readFileSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { isPidAlive, readLockHolder, releaseIfOurs, tryAcquire } from '../../src/core/pidLock.ts';
import { REPO_ROOT } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { waitFor } from '../helpers/waitFor.ts';

const alive = (h: { pid: number }): boolean => isPidAlive(h.pid);

function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  return Number(r.stdout.trim());
}

test('an empty place is taken: our pid, mode 0600, released only by us', (t) => {
  const path = join(tempDir(t), 'x.lock');
  const lock = tryAcquire(path, alive);
  assert.ok(lock.acquired);
  assert.equal(readFileSync(path, 'utf8'), `${process.pid}\n`);
  assert.equal(lstatSync(path).mode & 0o777, 0o600);
  assert.equal(readLockHolder(path)?.pid, process.pid);
  lock.release();
  assert.equal(existsSync(path), false);
  writeFileSync(path, '1\n');
  releaseIfOurs(path);
  assert.equal(readFileSync(path, 'utf8'), '1\n', 'someone else\'s lock stays');
});

test('a live holder keeps it; a dead pid or garbage is stale and taken over', (t) => {
  const dir = tempDir(t);
  const sleeper = spawn('sleep', ['30']);
  t.after(() => sleeper.kill());
  const held = join(dir, 'held.lock');
  writeFileSync(held, `${sleeper.pid}\n`);
  const refused = tryAcquire(held, alive);
  assert.equal(refused.acquired, false);
  assert.equal(!refused.acquired && refused.holder?.pid, sleeper.pid);
  // The caller decides what "alive" means: a live pid that is not a daemon is stale.
  assert.ok(tryAcquire(held, () => false).acquired);

  for (const content of [`${deadPid()}\n`, '', 'garbage', '0\n']) {
    const path = join(dir, `stale-${Math.random()}.lock`);
    writeFileSync(path, content);
    const lock = tryAcquire(path, alive);
    assert.ok(lock.acquired, JSON.stringify(content));
    assert.equal(readFileSync(path, 'utf8'), `${process.pid}\n`);
  }
});

test('a symlink at the lock path is never followed', (t) => {
  const dir = tempDir(t);
  const target = join(dir, 'precious');
  writeFileSync(target, 'do not touch');
  const path = join(dir, 'x.lock');
  symlinkSync(target, path);
  const lock = tryAcquire(path, alive);
  assert.ok(lock.acquired);
  assert.ok(!lstatSync(path).isSymbolicLink());
  assert.equal(readFileSync(target, 'utf8'), 'do not touch');
});

test('12 processes racing over a stale lock: exactly one takes it', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'race.lock');
  const go = join(dir, 'go');
  writeFileSync(path, `${deadPid()}\n`);
  // Each child loads, says READY, then spins until the go file appears, so all of them
  // try within a millisecond or two of each other; the winner holds on while they do.
  const script = `import(${JSON.stringify(join(REPO_ROOT, 'src/core/pidLock.ts'))}).then((m) => {
    const fs = require('fs');
    console.log('READY');
    while (!fs.existsSync(${JSON.stringify(go)})) {}
    const r = m.tryAcquire(${JSON.stringify(path)}, (h) => m.isPidAlive(h.pid));
    console.log(r.acquired ? 'WON' : 'LOST');
    setTimeout(() => {}, 1000);
  });`;
  let ready = 0;
  const runs = Array.from({ length: 12 }, () =>
    new Promise<string>((resolve) => {
      const c = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      t.after(() => c.kill('SIGKILL'));
      let out = '';
      c.stdout.setEncoding('utf8').on('data', (d: string) => {
        if (!out.includes('READY') && (out + d).includes('READY')) ready++;
        out += d;
      });
      c.on('close', () => resolve(out.replace('READY', '').trim()));
    }),
  );
  await waitFor(() => ready === 12, 'all children to load', 30_000);
  writeFileSync(go, '');
  const outcomes = await Promise.all(runs);
  assert.equal(outcomes.filter((o) => o === 'WON').length, 1, outcomes.join(' '));
});
