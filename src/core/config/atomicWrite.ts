// Replacing a file so that a reader, or a crash at any instant, sees either the whole old
// file or the whole new one: write a temp file in the same directory, fsync it, rename it
// over the target, fsync the directory. The previous content is kept as `<file>.bak`,
// written the same way before the target is replaced.
import { closeSync, constants, fchmodSync, fchownSync, fsyncSync, openSync, readdirSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { AwsxError } from '../errors.ts';
import { isPidAlive } from '../pidLock.ts';

export interface FileOwner {
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
}

export interface AtomicWriteOptions {
  /** Test hook: create this file, then stop forever between the temp file and the rename. */
  readonly holdBeforeRename?: string | undefined;
}

const CREATE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

function tempName(target: string): string {
  return join(dirname(target), `.${basename(target)}.awsx-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
}

function writeTemp(target: string, data: string, owner: FileOwner): string {
  const tmp = tempName(target);
  const fd = openSync(tmp, CREATE, 0o600);
  try {
    // The mode is set explicitly: the umask must not widen or narrow what the file had.
    fchmodSync(fd, owner.mode);
    if (process.getuid?.() === 0) fchownSync(fd, owner.uid, owner.gid);
    const bytes = Buffer.from(data, 'utf8');
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    unlinkSync(tmp);
    throw e;
  }
  closeSync(fd);
  return tmp;
}

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function hold(signalFile: string): never {
  writeFileSync(signalFile, String(process.pid));
  const cell = new Int32Array(new SharedArrayBuffer(4));
  for (;;) Atomics.wait(cell, 0, 0, 60_000);
}

/** Writes `text` to `target`; `previous` (its current text and owner) becomes `<target>.bak`. */
export function writeAtomic(target: string, text: string, owner: FileOwner, previous: string | undefined, options: AtomicWriteOptions = {}): void {
  try {
    if (previous !== undefined) renameSync(writeTemp(`${target}.bak`, previous, owner), `${target}.bak`);
    const tmp = writeTemp(target, text, owner);
    if (options.holdBeforeRename) hold(options.holdBeforeRename);
    renameSync(tmp, target);
    fsyncDir(dirname(target));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AwsxError('FileError', `cannot write ${target}: ${code ?? String(e)}; the file is unchanged`, {
      hint: code === 'ENOSPC' ? 'free some disk space' : `check that you can write to ${dirname(target)}`, cause: e,
    });
  }
}

/** Removes temp files left by writers that were killed mid-write (their pid is dead). */
export function sweepStaleTemps(target: string): void {
  const base = basename(target).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^\\.${base}(?:\\.bak)?\\.awsx-(\\d+)-[0-9a-f]+\\.tmp$`);
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return;
  }
  for (const name of names) {
    const m = pattern.exec(name);
    if (m && !isPidAlive(Number(m[1]))) {
      try {
        unlinkSync(join(dirname(target), name));
      } catch {
        // Someone else swept it first.
      }
    }
  }
}
