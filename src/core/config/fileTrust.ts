// Whether a config file may make awsx run a command or send signed requests somewhere else
// (docs/security.md T14, test 26; ssh's StrictModes): not when another user owns it or
// when group or others may write it, since they could have put a credential_process or an
// endpoint there. Root's files are trusted (root can do anything anyway).
import { quotePosix } from '../quotePosix.ts';

export interface UntrustedFile {
  readonly path: string;
  /** Why, in words: "it is writable by group and others (mode 0666)". */
  readonly why: string;
  /** The exact command that fixes it. */
  readonly fix: string;
}

export interface FileOwnership {
  readonly mode: number;
  readonly uid: number;
}

export function untrustedFile(path: string, st: FileOwnership, myUid: number | undefined = process.getuid?.()): UntrustedFile | undefined {
  if (myUid === undefined) return undefined; // no uids (Windows): nothing to compare
  const quoted = shellWord(path);
  if (st.uid !== myUid && st.uid !== 0) {
    return { path, why: `it is owned by uid ${st.uid}, not by you (uid ${myUid})`, fix: `sudo chown ${myUid} ${quoted} && chmod go-w ${quoted}` };
  }
  const writable = st.mode & 0o022;
  if (writable === 0) return undefined;
  const who = writable === 0o022 ? 'group and others' : writable === 0o020 ? 'group' : 'others';
  const mode = (st.mode & 0o7777).toString(8).padStart(4, '0');
  return { path, why: `it is writable by ${who} (mode ${mode})`, fix: `chmod go-w ${quoted}` };
}

/** A path as one POSIX shell word, for a hint a person pastes: bare when nothing in it is special. */
function shellWord(path: string): string {
  return /^[\w@%+=:,./~-]+$/.test(path) ? path : quotePosix(path);
}
