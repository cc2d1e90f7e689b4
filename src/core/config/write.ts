// The file side of an edit: lock every file, re-read it under the lock (so a concurrent
// writer's change is kept, not overwritten), let the caller compute the new text from
// what is there now, and write the files that changed atomically, keeping each file's
// mode and one backup. New files are 0600 in a directory created 0700 (~/.aws).
import { lstatSync, mkdirSync, realpathSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { AwsxError } from '../errors.ts';
import { serialize, type IniDocument } from '../ini/document.ts';
import { sweepStaleTemps, writeAtomic, type AtomicWriteOptions, type FileOwner } from './atomicWrite.ts';
import { acquireLock, type LockOptions } from './lockFile.ts';
import { readIniFile } from './read.ts';

export type UpdateOptions = LockOptions & AtomicWriteOptions;

/** What the caller computes from the files as they are under the lock: each one's new text. */
export type FileEdit = (current: readonly IniDocument[]) => readonly string[];

/** The file to replace: a symlinked ~/.aws/config (dotfiles) is edited where it points, and stays a link. */
function resolveTarget(path: string): string {
  try {
    if (!lstatSync(path).isSymbolicLink()) return path;
  } catch {
    return path;
  }
  try {
    return realpathSync(path);
  } catch (e) {
    throw new AwsxError('FileError', `${path} is a symbolic link to a file that does not exist`, {
      hint: 'create the file it points to, or remove the link', cause: e,
    });
  }
}

function ownerOf(target: string): FileOwner {
  try {
    const st = statSync(target);
    return { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
  } catch {
    return { mode: 0o600, uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 };
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Applies `edit` to the files under their locks; returns which files it changed. */
export async function updateFiles(paths: readonly string[], edit: FileEdit, options: UpdateOptions = {}): Promise<boolean[]> {
  const targets = paths.map(resolveTarget);
  if (new Set(targets).size !== targets.length) {
    throw new AwsxError('UsageError', `${paths.join(' and ')} are the same file`, {
      hint: 'point AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE at two different files',
    });
  }
  for (const t of targets) mkdirSync(dirname(t), { recursive: true, mode: 0o700 });
  // Always in the same (path) order, so two writers of both files cannot wait on each other.
  const releases: (() => void)[] = [];
  try {
    for (const t of [...targets].sort()) releases.push(await acquireLock(t, options));
    // Either may be the credentials file: a parse error names the line, never quotes it.
    const docs = targets.map((t) => readIniFile(t, { secretFile: true }));
    const texts = edit(docs);
    return targets.map((t, i) => {
      const before = serialize(docs[i]!.lines);
      if (texts[i] === before) return false;
      sweepStaleTemps(t);
      writeAtomic(t, texts[i]!, ownerOf(t), exists(t) ? before : undefined, options);
      return true;
    });
  } finally {
    for (const release of releases.reverse()) release();
  }
}
