// An advisory lock per file, so concurrent writers never lose an update: `<file>.lock`
// created with O_EXCL and holding the owner's pid. Node has no flock(), so a lock left
// behind by a killed process is detected by its pid being dead and broken; breaking is
// itself serialized by a short-lived `<file>.lock.break` guard, so two waiters can never
// both decide the same lock is stale and delete each other's fresh one.
import { closeSync, constants, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { AwsxError } from '../errors.ts';

export interface LockOptions {
  /** How long to wait for another writer before giving up. */
  readonly timeoutMs?: number;
}

/** A lock (or break guard) whose content is unreadable this long is a leftover: writing a pid takes microseconds. */
const UNREADABLE_GRACE_MS = 10_000;
const CREATE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

function tryCreate(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, CREATE, 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new AwsxError('FileError', `cannot create the lock file ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, {
      hint: 'check that you can write to the directory', cause: e,
    });
  }
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The owner's pid, or undefined when the file is gone or has no pid (yet). */
function ownerOf(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function isStale(path: string): boolean {
  const pid = ownerOf(path);
  return pid === undefined ? ageMs(path) > UNREADABLE_GRACE_MS : !isAlive(pid);
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone: nothing to do.
  }
}

function breakIfStale(lockPath: string): void {
  const guard = `${lockPath}.break`;
  if (!tryCreate(guard)) {
    if (isStale(guard)) removeQuietly(guard);
    return;
  }
  try {
    if (isStale(lockPath)) removeQuietly(lockPath);
  } finally {
    removeQuietly(guard);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for the lock on `target` and returns its release function. */
export async function acquireLock(target: string, options: LockOptions = {}): Promise<() => void> {
  const lockPath = `${target}.lock`;
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (let attempt = 0; ; attempt++) {
    if (tryCreate(lockPath)) return () => removeQuietly(lockPath);
    breakIfStale(lockPath);
    if (Date.now() >= deadline) {
      const pid = ownerOf(lockPath);
      throw new AwsxError('ConflictError', `${target} is locked by ${pid === undefined ? 'another process' : `process ${pid}`}, which is still writing it`, {
        hint: `wait for it to finish and try again; if no awsx is running, remove ${lockPath}`,
      });
    }
    // Jittered backoff: concurrent waiters spread out instead of retrying in step.
    await sleep(Math.min(5 + attempt * 5, 50) * (0.5 + Math.random()));
  }
}
