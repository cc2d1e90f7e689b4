// awsx's private cache directory ($XDG_CACHE_HOME/awsx, else ~/.cache/awsx): what makes the
// picker start fast (a V8 code cache, the profile summaries). Everything here is best
// effort: a cache that is missing, unsafe or broken is ignored, never an error, and files are
// only read from a 0700 dir of ours and written atomically as 0600 files in it.
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';

/** Far above any cache file we write (the picker's code cache is about 1 MB). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

export function cacheDirPath(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string | undefined {
  const xdg = env['XDG_CACHE_HOME'];
  const base = xdg !== undefined && isAbsolute(xdg) ? xdg : isAbsolute(home) ? join(home, '.cache') : undefined;
  return base === undefined ? undefined : join(base, 'awsx');
}

function isPrivateDir(path: string): boolean {
  try {
    const st = lstatSync(path);
    return st.isDirectory() && st.uid === process.getuid?.() && (st.mode & 0o077) === 0;
  } catch {
    return false;
  }
}

/** The file's bytes when it is a regular file of ours, 0600 or stricter, in a private dir. */
export function readPrivateFile(dir: string, name: string): Buffer | undefined {
  if (!isPrivateDir(dir)) return undefined;
  let fd: number;
  try {
    // Never through a symlink: the file itself must be ours.
    fd = openSync(join(dir, name), constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
  try {
    // fstat of the descriptor read: the checks are about the very bytes we get.
    const st = fstatSync(fd);
    if (!st.isFile() || st.uid !== process.getuid?.() || (st.mode & 0o077) !== 0 || st.size > MAX_FILE_BYTES) return undefined;
    return readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `name` in the dir (created 0700 when missing; left alone when it is not private)
 * through a 0600 temporary file and a rename, so a reader sees the old file or the whole
 * new one. `stale` names older files of the same kind to remove. Never throws.
 */
export function writePrivateFile(dir: string, name: string, parts: readonly Uint8Array[], stale?: (name: string) => boolean): boolean {
  if (!makeDirs(dir) || !isPrivateDir(dir)) return false;
  const tmp = join(dir, `.${name}.${process.pid}.${Date.now()}.tmp`);
  try {
    // 'wx': never through a file (or symlink) someone else put there.
    const fd = openSync(tmp, 'wx', 0o600);
    try {
      for (const part of parts) for (let off = 0; off < part.length; ) off += writeSync(fd, part, off);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, join(dir, name));
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      // never created
    }
    return false;
  }
  if (stale !== undefined) removeStale(dir, name, stale);
  return true;
}

/**
 * mkdir -p, one level at a time (0700 each). Not mkdirSync's own recursive mode: under a
 * parent where mkdir answers ENOENT for a missing child (XDG_CACHE_HOME under /proc), Node
 * 20's retries it forever.
 */
function makeDirs(dir: string): boolean {
  const missing: string[] = [];
  for (let d = dir; !exists(d); d = dirname(d)) {
    if (dirname(d) === d || missing.length > 64) return false;
    missing.unshift(d);
  }
  try {
    for (const d of missing) mkdirSync(d, { mode: 0o700 });
    return true;
  } catch {
    return false;
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function removeStale(dir: string, keep: string, stale: (name: string) => boolean): void {
  try {
    for (const other of readdirSync(dir)) {
      if (other !== keep && stale(other)) unlinkSync(join(dir, other));
    }
  } catch {
    // another awsx removed it first
  }
}
