// A lock file holding its owner's pid, for the daemon's single instance and the client's
// spawn lock. Node has no flock (which the kernel would release on SIGKILL), so:
// - taking it is atomic: the pid is written to a private temp file (O_CREAT|O_EXCL|O_NOFOLLOW,
//   0600), then link()ed to the lock path; link fails with EEXIST if anything is there, and
//   a reader never sees a half-written file (the classic dotlock);
// - a lock whose owner is gone (the caller's isHolderAlive says so: a dead pid, a pid reused
//   by another program) is stale. Breaking it happens under a second, short-lived lock
//   (`.break`), and only after re-reading that the same stale pid is still there, so two
//   processes breaking at once can never delete a lock a third one just took.
import { closeSync, linkSync, lstatSync, openSync, readFileSync, unlinkSync, writeSync, constants } from 'node:fs';

export interface LockHolder {
  readonly pid: number;
  /** When the lock file was written (its mtime). */
  readonly sinceMs: number;
}

/**
 * Whether the holder still holds the lock. The caller decides, including for a holder with
 * this process's own pid: a daemon starting up takes that for a leftover of an earlier
 * process with the same pid; a file writer takes it for another writer in this process.
 */
export type HolderCheck = (holder: LockHolder) => boolean;

export type LockAttempt =
  | { readonly acquired: true; release(): void }
  | { readonly acquired: false; readonly holder: LockHolder | undefined };

// A breaker holds `.break` for a few syscalls; one older than this was killed mid-break.
const BREAKER_STALE_MS = 5_000;
const ATTEMPTS = 3;

export function tryAcquire(path: string, isHolderAlive: HolderCheck): LockAttempt {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (linkNew(path)) return { acquired: true, release: () => releaseIfOurs(path) };
    const holder = readHolder(path);
    if (holder === 'gone') continue; // released between our link and our read
    if (holder !== 'garbage' && isHolderAlive(holder)) return { acquired: false, holder };
    if (!breakStale(path, holder)) return { acquired: false, holder: holder === 'garbage' ? undefined : holder };
  }
  return { acquired: false, holder: undefined };
}

/** The pid in the lock file now, if any. */
export function readLockHolder(path: string): LockHolder | undefined {
  const h = readHolder(path);
  return h === 'gone' || h === 'garbage' ? undefined : h;
}

export function releaseIfOurs(path: string): void {
  const h = readHolder(path);
  if (h !== 'gone' && h !== 'garbage' && h.pid === process.pid) unlinkQuiet(path);
}

function linkNew(path: string): boolean {
  // Unique enough to avoid collisions; O_EXCL makes a collision an error, never a share.
  const temp = `${path}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const fd = openSync(temp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | constants.O_NOFOLLOW, 0o600);
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    unlinkQuiet(temp);
  }
}

function readHolder(path: string): LockHolder | 'gone' | 'garbage' {
  let text: string;
  let sinceMs: number;
  try {
    // O_NOFOLLOW: a symlink planted at the lock path is never followed (spec T2).
    const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      text = readFileSync(fd, 'utf8');
    } finally {
      closeSync(fd);
    }
    sinceMs = lstatSync(path).mtimeMs;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    return 'garbage';
  }
  const pid = /^(\d{1,10})\n?$/.exec(text)?.[1];
  return pid === undefined || Number(pid) < 1 ? 'garbage' : { pid: Number(pid), sinceMs };
}

// Returns true when the caller should try again (the stale lock is gone or being broken).
function breakStale(path: string, seen: LockHolder | 'garbage'): boolean {
  const breaker = `${path}.break`;
  if (!linkNew(breaker)) {
    const b = readHolder(breaker);
    if (b !== 'gone' && (b === 'garbage' || Date.now() - b.sinceMs > BREAKER_STALE_MS)) unlinkQuiet(breaker);
    return false;
  }
  try {
    const now = readHolder(path);
    const same = now === 'garbage' ? seen === 'garbage' : now !== 'gone' && seen !== 'garbage' && now.pid === seen.pid && now.sinceMs === seen.sinceMs;
    if (same) unlinkQuiet(path);
    return true;
  } finally {
    unlinkQuiet(breaker);
  }
}

function unlinkQuiet(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** kill(pid, 0): ESRCH means gone; EPERM means alive under another uid. */
export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
