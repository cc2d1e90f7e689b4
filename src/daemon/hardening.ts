// The daemon's process hardening and peer check (docs/security.md T1, T3, T4; tests 4, 9):
// no core dumps and non-dumpable, so that same-uid processes cannot ptrace it or read its
// /proc/<pid>/mem and environ; SO_PEERCRED on every accepted connection; the audit trail's
// description of a peer. All through the native addon (core/native.ts); without it the
// runtime dir's 0700 is the access control, as it is on platforms with no addon.
import { readlinkSync } from 'node:fs';
import type { Socket } from 'node:net';
import { nativeAddon, peerOf, type PeerCredentials } from '../core/native.ts';
import { isAwsxError } from '../core/errors.ts';

/** What took effect, for `awsx daemon status` (docs/security.md test 55); `problem` says what did not. */
export interface Hardening {
  readonly nonDumpable: boolean;
  readonly noCoreDumps: boolean;
  /** SO_PEERCRED on every connection (the native addon). */
  readonly peerChecks: boolean;
  readonly problem: string | undefined;
}

/** RLIMIT_CORE = 0 and PR_SET_DUMPABLE = 0, through the native addon. */
export function hardenProcess(): Hardening {
  const native = nativeAddon();
  if (!('addon' in native)) return { nonDumpable: false, noCoreDumps: false, peerChecks: false, problem: `hardening unavailable: ${native.reason}` };
  const done = native.addon.harden();
  const failed = [done.coreLimit ? '' : 'RLIMIT_CORE', done.nonDumpable ? '' : 'PR_SET_DUMPABLE'].filter(Boolean);
  return {
    nonDumpable: done.nonDumpable,
    noCoreDumps: done.coreLimit,
    peerChecks: true,
    problem: failed.length === 0 ? undefined : `hardening incomplete: ${failed.join(' and ')} could not be set`,
  };
}

/** The warning the first answer after start carries when hardening is off (once per daemon). */
export function hardeningWarning(h: Hardening): string | undefined {
  if (h.problem === undefined) return undefined;
  return `${h.problem}: this daemon is ${h.nonDumpable ? '' : 'dumpable (same-uid processes can read its memory), '}${h.peerChecks ? '' : 'without peer uid checks, '}guarded by its 0700 runtime dir; \`awsx daemon status\` shows it, docs/security-model.md says how to build the addon`;
}

export type Admission =
  | { readonly admitted: true; readonly peer: PeerCredentials | undefined }
  | { readonly admitted: false; readonly why: string };

/**
 * Our own uid and root are let in; any other uid is not (ssh-agent's getpeereid check).
 * Root is allowed because it can read our memory and our socket anyway (docs/security.md
 * A6: root is out of scope), and ssh-agent lets it in too. Without the addon every peer is
 * admitted here: the 0700 runtime dir already kept other uids from connecting.
 */
export function admitPeer(socket: Socket): Admission {
  let peer: PeerCredentials | undefined;
  try {
    peer = peerOf(socket);
  } catch (e) {
    return { admitted: false, why: isAwsxError(e) ? e.message : 'peer credentials unreadable' };
  }
  if (peer === undefined || peer.uid === process.getuid?.() || peer.uid === 0) return { admitted: true, peer };
  return { admitted: false, why: `uid mismatch (peer uid ${peer.uid}, pid ${peer.pid})` };
}

/** `pid P (/usr/bin/aws)` for the audit line: the exe is best effort (the peer may be gone). */
export function describePeer(peer: PeerCredentials | undefined): string {
  if (peer === undefined) return 'an unidentified peer (no native addon)';
  let exe = 'exe unknown';
  try {
    exe = readlinkSync(`/proc/${peer.pid}/exe`);
  } catch {
    // exited already, or not ours to read (root)
  }
  return `pid ${peer.pid} (${exe})`;
}
