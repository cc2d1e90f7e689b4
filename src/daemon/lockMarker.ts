// The lock, kept on disk while awsx is locked (docs/security.md test 53): `awsx lock` must
// not be undone by stopping the daemon (SIGTERM, a crash, an upgrade), so the runtime dir
// holds a marker with the salt and the scrypt hash of the passphrase, never the
// passphrase; a daemon that starts and finds it starts locked. Written atomically, 0600,
// in the 0700 runtime dir; removed by `awsx unlock`.
//
// A different runtime dir is a different agent (as a different SSH_AUTH_SOCK is a different
// ssh-agent): its lock is its own. Nothing here stops a process of the same uid, which can
// delete this file or read ~/.aws/credentials itself (docs/security-model.md).
import { readFileSync, unlinkSync } from 'node:fs';
import { writeAtomic } from '../core/config/atomicWrite.ts';
import { lockedMarkerPath } from '../ipc/runtimeDir.ts';

export interface LockRecord {
  readonly salt: Buffer;
  /** undefined: locked without a passphrase. */
  readonly hash: Buffer | undefined;
}

/** The record, undefined when not locked, or 'unreadable' (then the daemon stays locked). */
export function readLockMarker(dir: string): LockRecord | 'unreadable' | undefined {
  let text: string;
  try {
    text = readFileSync(lockedMarkerPath(dir), 'utf8');
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : 'unreadable';
  }
  try {
    const v = JSON.parse(text) as { version?: unknown; salt?: unknown; hash?: unknown };
    if (v.version !== 1 || typeof v.salt !== 'string' || (v.hash !== null && typeof v.hash !== 'string')) return 'unreadable';
    const salt = Buffer.from(v.salt, 'base64');
    const hash = v.hash === null ? undefined : Buffer.from(v.hash, 'base64');
    if (salt.length !== 16 || (hash !== undefined && hash.length !== 32)) return 'unreadable';
    return { salt, hash };
  } catch {
    return 'unreadable';
  }
}

export function writeLockMarker(dir: string, record: LockRecord): void {
  const text = JSON.stringify({ version: 1, salt: record.salt.toString('base64'), hash: record.hash?.toString('base64') ?? null, lockedAt: new Date().toISOString() });
  writeAtomic(lockedMarkerPath(dir), `${text}\n`, { mode: 0o600, uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 }, undefined);
}

export function removeLockMarker(dir: string): void {
  try {
    unlinkSync(lockedMarkerPath(dir));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}
