// One daemon per runtime dir (docs/security.md T13, Appendix A "Single instance"; tests 19-20).
// Node has no flock, so the instance lock is a pid file (core/pidLock.ts) held while the
// daemon lives. It is stale when its pid is dead or, on Linux, when /proc/<pid>/cmdline is
// not an awsx daemon's (a reused pid): the daemon sets process.title to DAEMON_TITLE before
// taking the lock, and Linux shows the title as the cmdline. Under the lock, a left-over
// socket is probed with connect and unlinked only when nothing answers (ECONNREFUSED),
// never when it is live, and never when it is not a socket of ours.
import { lstatSync, readFileSync, unlinkSync, type Stats } from 'node:fs';
import net from 'node:net';
import { AwsxError } from '../core/errors.ts';
import { isPidAlive, releaseIfOurs, tryAcquire, type LockHolder } from '../core/pidLock.ts';
import { ensureRuntimeDir, lockPath, socketPath } from '../ipc/runtimeDir.ts';

export const DAEMON_TITLE = 'awsx-daemon';

export interface Instance {
  readonly socketPath: string;
  /** False once something else has replaced or removed our socket. */
  ownsSocket(): boolean;
  /** Unlinks the socket only if it is still ours, then the lock. */
  release(): void;
}

export type Claim = { readonly kind: 'claimed'; readonly instance: Instance } | { readonly kind: 'already-running'; readonly pid: number | undefined };

export async function claimInstance(dir: string, listen: (path: string) => Promise<void>): Promise<Claim> {
  ensureRuntimeDir(dir);
  const lockFile = lockPath(dir);
  const lock = tryAcquire(lockFile, isDaemonAlive);
  if (!lock.acquired) return { kind: 'already-running', pid: lock.holder?.pid };
  const path = socketPath(dir);
  try {
    if ((await probe(path)) === 'live') {
      lock.release();
      return { kind: 'already-running', pid: undefined };
    }
    await listen(path);
  } catch (e) {
    lock.release();
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') return { kind: 'already-running', pid: undefined };
    throw e;
  }
  const mine = identity(path);
  const ownsSocket = (): boolean => mine !== undefined && identity(path) === mine;
  return {
    kind: 'claimed',
    instance: {
      socketPath: path,
      ownsSocket,
      release: () => {
        if (ownsSocket()) unlinkQuiet(path);
        releaseIfOurs(lockFile);
      },
    },
  };
}

/** The lock holder is a live awsx daemon. Where /proc cannot tell, a live pid counts. */
export function isDaemonAlive(holder: LockHolder): boolean {
  // Our own pid in the lock before we took it: left by an earlier process with this pid.
  if (holder.pid === process.pid || !isPidAlive(holder.pid)) return false;
  if (process.platform !== 'linux') return true;
  try {
    return readFileSync(`/proc/${holder.pid}/cmdline`, 'utf8').includes(DAEMON_TITLE);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

// 'free' after removing a stale socket; 'live' when a daemon answers on it.
async function probe(path: string): Promise<'free' | 'live'> {
  const st = statOrUndefined(path);
  if (st === undefined) return 'free';
  if (!st.isSocket() || st.uid !== process.getuid?.()) {
    throw new AwsxError('FileError', `runtime dir: ${path} is not a socket of ours`, { hint: `remove ${path} and start the daemon again` });
  }
  const outcome = await new Promise<'live' | 'refused' | 'other'>((resolve) => {
    const s = net.createConnection({ path });
    s.once('connect', () => {
      s.destroy();
      resolve('live');
    });
    s.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED' ? 'refused' : 'other'));
  });
  if (outcome === 'live') return 'live';
  if (outcome === 'other') throw new AwsxError('FileError', `runtime dir: cannot probe ${path}`, { hint: `remove ${path} and start the daemon again` });
  unlinkQuiet(path);
  return 'free';
}

// An unlinked inode number is soon reused, so the socket is known by its inode, type and
// change time (ns) together.
function identity(path: string): string | undefined {
  try {
    const st = lstatSync(path, { bigint: true });
    return st.isSocket() ? `${st.dev}:${st.ino}:${st.ctimeNs}` : undefined;
  } catch {
    return undefined;
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function unlinkQuiet(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
