// An advisory lock per file, so concurrent writers never lose an update: `<file>.lock`
// holding the writer's pid, taken with the one pid lock of the project (../pidLock.ts:
// atomic, broken only when its owner is dead). Waiters retry with jittered backoff.
import { AwsxError } from '../errors.ts';
import { isPidAlive, readLockHolder, tryAcquire } from '../pidLock.ts';

export interface LockOptions {
  /** How long to wait for another writer before giving up. */
  readonly timeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for the lock on `target` and returns its release function. */
export async function acquireLock(target: string, options: LockOptions = {}): Promise<() => void> {
  const lockPath = `${target}.lock`;
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (let attempt = 0; ; attempt++) {
    const lock = tryAcquire(lockPath, (holder) => isPidAlive(holder.pid));
    if (lock.acquired) return lock.release;
    if (Date.now() >= deadline) {
      const pid = readLockHolder(lockPath)?.pid;
      throw new AwsxError('ConflictError', `${target} is locked by ${pid === undefined ? 'another process' : `process ${pid}`}, which is still writing it`, {
        hint: `wait for it to finish and try again; if no awsx is running, remove ${lockPath}`,
      });
    }
    // Jittered backoff: concurrent waiters spread out instead of retrying in step.
    await sleep(Math.min(5 + attempt * 5, 50) * (0.5 + Math.random()));
  }
}
