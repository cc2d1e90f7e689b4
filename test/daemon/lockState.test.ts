// The lock's own rules (docs/security.md test 27), with a recording sleep instead of time:
// the delay grows by 0.1 s per wrong passphrase in a row up to 2 s, attempts are answered
// one at a time, asking whether a passphrase is needed is not a failure, and a lock holds
// from the moment it is taken.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { failureDelayMs, LockState } from '../../src/daemon/lockState.ts';

function recordingLock(): { lock: LockState; slept: number[] } {
  const slept: number[] = [];
  return { lock: new LockState(async (ms) => void slept.push(ms)), slept };
}

test('wrong passphrases wait 0.1 s more each time in a row, capped at 2 s; a right one resets the count (security 27)', async () => {
  const { lock, slept } = recordingLock();
  assert.equal(lock.lock('right'), true);
  for (let i = 0; i < 22; i++) assert.equal(await lock.unlock('wrong'), 'wrong-passphrase');
  assert.deepEqual(slept, Array.from({ length: 22 }, (_, i) => Math.min(2_000, (i + 1) * 100)));
  assert.equal(await lock.unlock('right'), 'unlocked');
  assert.equal(lock.isLocked(), false);
  lock.lock('again');
  await lock.unlock('nope');
  assert.equal(slept.at(-1), 100, 'a new lock starts counting again');
  assert.equal(failureDelayMs(0), 0);
});

test('no passphrase: asking unlocks; with one, asking without it is answered "passphrase-required" and counts for nothing (security 27)', async () => {
  const { lock, slept } = recordingLock();
  assert.equal(await lock.unlock(undefined), 'not-locked');
  lock.lock(undefined);
  assert.equal(lock.hasPassphrase(), false);
  assert.equal(await lock.unlock(undefined), 'unlocked');
  lock.lock('pw');
  assert.equal(await lock.unlock(undefined), 'passphrase-required');
  assert.deepEqual(slept, []);
  assert.equal(lock.failures, 0);
  assert.equal(lock.isLocked(), true);
});

test('locked from the first instant, a second lock cannot replace the passphrase, and parallel guesses are answered one by one (security 27)', async () => {
  const { lock, slept } = recordingLock();
  lock.lock('pw');
  assert.equal(lock.isLocked(), true, 'before the hash is even computed');
  assert.equal(lock.lock('other'), false);
  const outcomes = await Promise.all(['a', 'b', 'c', 'pw', 'd'].map((p) => lock.unlock(p)));
  assert.deepEqual(outcomes, ['wrong-passphrase', 'wrong-passphrase', 'wrong-passphrase', 'unlocked', 'not-locked']);
  assert.deepEqual(slept, [100, 200, 300], 'each guess waited for the one before it');
});

test('a lock restored from its record (the marker a stopped daemon left) needs the same passphrase; an unreadable one is a lock without (security 53)', async () => {
  const first = new LockState(async () => undefined);
  first.lock('right');
  const record = await first.record();
  assert.ok(record?.hash !== undefined && record.salt.length === 16);
  const restored = new LockState(async () => undefined, record);
  assert.equal(restored.isLocked(), true);
  assert.equal(await restored.unlock('wrong'), 'wrong-passphrase');
  assert.equal(await restored.unlock(undefined), 'passphrase-required');
  assert.equal(await restored.unlock('right'), 'unlocked');
  const unreadable = new LockState(async () => undefined, 'unreadable');
  assert.equal(unreadable.isLocked(), true);
  assert.equal(await unreadable.unlock(undefined), 'unlocked');
});
