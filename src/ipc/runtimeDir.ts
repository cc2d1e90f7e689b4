// Where the daemon's socket and lock live, and the checks that make the directory the access
// control (docs/security.md T1, T2, Appendix A "Socket"): Node cannot read SO_PEERCRED, so
// a 0700 directory owned by us, verified with lstat by both daemon and client, is what keeps
// other uids out. Sync fs calls on purpose: one or two syscalls on the CLI's start path,
// with nothing to overlap them with.

import { chmodSync, lstatSync, mkdirSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, relative, sep } from 'node:path';
import { AwsxError } from '../core/errors.ts';

// sun_path is 108 bytes on Linux and 104 on macOS/BSD, including the terminating NUL.
export const SOCKET_PATH_MAX = process.platform === 'linux' ? 107 : 103;

export function socketPath(dir: string): string {
  const path = join(dir, 'awsx.sock');
  assertSocketPathFits(path);
  return path;
}

// Held by the live daemon for single-instance (Appendix A, "Single instance"; see core/pidLock.ts).
export function lockPath(dir: string): string {
  return join(dir, 'awsxd.lock');
}

// Held by the CLI that is starting the daemon, so 20 cold CLIs spawn one (Appendix A, "Autostart").
export function spawnLockPath(dir: string): string {
  return join(dir, 'spawn.lock');
}

// Present while awsx is locked: the salted passphrase hash, so a daemon started after this
// one stopped (SIGTERM, a crash) starts locked too (daemon/lockMarker.ts).
export function lockedMarkerPath(dir: string): string {
  return join(dir, 'locked.json');
}

// The autostarted daemon's log (0600; never a secret).
export function logPath(dir: string): string {
  return join(dir, 'daemon.log');
}

export function assertSocketPathFits(path: string): void {
  const bytes = Buffer.byteLength(path);
  if (bytes > SOCKET_PATH_MAX) {
    throw new AwsxError('FileError', `socket path ${path}: ${bytes} bytes, over the ${SOCKET_PATH_MAX}-byte Unix socket limit`, {
      hint: 'set AWSX_RUNTIME_DIR to a shorter absolute path',
    });
  }
}

// AWSX_RUNTIME_DIR, else $XDG_RUNTIME_DIR/awsx, else ~/.awsx/run (ssh-agent's choice too).
// XDG_RUNTIME_DIR counts only if it is absolute (the XDG spec says to ignore relative
// values) and is a real directory of ours that nobody else can write to: otherwise
// another user could rename our subdirectory away and plant their own.
export function resolveRuntimeDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const explicit = env['AWSX_RUNTIME_DIR'];
  if (explicit !== undefined && explicit !== '') {
    if (!isAbsolute(explicit)) {
      throw new AwsxError('UsageError', `AWSX_RUNTIME_DIR ${explicit}: not an absolute path`, {
        hint: 'set AWSX_RUNTIME_DIR to an absolute path, or unset it',
      });
    }
    return explicit;
  }
  const xdg = env['XDG_RUNTIME_DIR'];
  if (xdg !== undefined && isAbsolute(xdg) && isOwnPrivateParent(xdg)) return join(xdg, 'awsx');
  return join(home, '.awsx', 'run');
}

function isOwnPrivateParent(dir: string): boolean {
  const st = lstatOrUndefined(dir);
  return st !== undefined && st.isDirectory() && st.uid === currentUid() && (st.mode & 0o022) === 0;
}

// Creates the dir (and missing parents, for ~/.awsx/run) as 0700, then verifies it. An
// existing unsafe dir is refused, never repaired: someone else may have made it so (gpg).
export function ensureRuntimeDir(path: string): void {
  // Verify first: recursive mkdir would silently accept an existing symlink or dir.
  if (verifyRuntimeDir(path) === 'ok') return;
  try {
    const created = mkdirSync(path, { recursive: true, mode: 0o700 });
    // The umask may have stripped bits from the dirs we just made: set exactly 0700, on
    // ours only (an existing parent such as $HOME is left as it is).
    if (created !== undefined) {
      let dir = created;
      chmodSync(dir, 0o700);
      for (const part of relative(created, path).split(sep).filter(Boolean)) {
        dir = join(dir, part);
        chmodSync(dir, 0o700);
      }
    }
  } catch (cause) {
    throw fileError(path, `cannot create it (${codeOf(cause)})`, 'check the permissions of its parent directory, or set AWSX_RUNTIME_DIR', cause);
  }
  // Someone may have raced us to the path between the two checks.
  if (verifyRuntimeDir(path) === 'missing') {
    throw fileError(path, 'vanished right after it was created', 'check for another process removing it');
  }
}

// The checks without creating anything, for the client before it connects (and sends an
// MFA code). 'missing' lets the client autostart the daemon; anything unsafe throws.
export function verifyRuntimeDir(path: string): 'ok' | 'missing' {
  requireAbsolute(path);
  const st = lstatOrThrow(path);
  if (st === undefined) return 'missing';
  const unsafe = (reason: string, hint: string): AwsxError =>
    new AwsxError('FileError', `unsafe runtime dir ${path}: ${reason}`, { hint });
  if (st.isSymbolicLink()) {
    throw unsafe('it is a symlink', `remove the symlink ${path}; awsx creates a private directory there`);
  }
  if (!st.isDirectory()) throw unsafe('it is not a directory', `remove ${path}, or set AWSX_RUNTIME_DIR to another path`);
  const uid = currentUid();
  if (st.uid !== uid) {
    throw unsafe(`owned by uid ${st.uid}, not ${uid}`, `remove ${path} (as its owner or root), or set AWSX_RUNTIME_DIR to a directory you own`);
  }
  if ((st.mode & 0o077) !== 0) {
    const mode = (st.mode & 0o777).toString(8).padStart(3, '0');
    throw unsafe(`mode ${mode} gives group or others access`, `chmod 700 ${path}`);
  }
  return 'ok';
}

function requireAbsolute(path: string): void {
  if (!isAbsolute(path)) {
    throw new AwsxError('UsageError', `runtime dir ${path}: not an absolute path`, {
      hint: 'set AWSX_RUNTIME_DIR to an absolute path, or unset it',
    });
  }
}

function currentUid(): number {
  if (typeof process.getuid !== 'function') {
    throw new AwsxError('Unsupported', 'runtime dir: this platform has no Unix uids', {
      hint: 'run awsx on Linux or macOS',
    });
  }
  return process.getuid();
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function lstatOrThrow(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (cause) {
    if (codeOf(cause) === 'ENOENT') return undefined;
    throw fileError(path, `cannot inspect it (${codeOf(cause)})`, 'check the permissions of its parent directories, or set AWSX_RUNTIME_DIR', cause);
  }
}

function fileError(path: string, reason: string, hint: string, cause?: unknown): AwsxError {
  return new AwsxError('FileError', `runtime dir ${path}: ${reason}`, { hint, cause });
}

function codeOf(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : 'unknown error';
}
