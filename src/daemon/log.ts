// The daemon's log: stderr in the foreground (`awsx daemon run`), else daemon.log in the
// runtime dir, 0600. Callers pass only text awsx composed (profile names, key-id suffixes,
// error codes): never a secret, an MFA code or a raw peer frame (docs/security.md T4, test 11).
// Names come from peers and config files, so every control character of a message, newline
// and tab included, is escaped here, where the line is written: one record is one line, and
// no value can forge another (test 52); a value shaped like a key or token is hidden (test 50).
import { closeSync, constants, fstatSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { isAwsxError } from '../core/errors.ts';
import { inertLine } from '../core/sanitize.ts';
import { hideSecretShapes } from '../core/secretShapes.ts';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
  close(): void;
}

// Keep one previous file; a long-lived daemon logs little (starts, errors, signals).
const ROTATE_BYTES = 1024 * 1024;

export function stderrLogger(debug: boolean): Logger {
  return makeLogger((line) => process.stderr.write(line), () => undefined, debug);
}

export function fileLogger(path: string, debug: boolean): Logger {
  rotateIfLarge(path);
  // O_NOFOLLOW and the owner check: a symlink or someone else's file is never written to.
  const fd = openSync(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o600);
  const st = fstatSync(fd);
  if (!st.isFile() || st.uid !== process.getuid?.() || (st.mode & 0o077) !== 0) {
    closeSync(fd);
    throw new Error(`daemon log ${path}: not a private regular file of ours`);
  }
  let open = true;
  return makeLogger(
    (line) => {
      if (open) writeSync(fd, line);
    },
    () => {
      if (open) closeSync(fd);
      open = false;
    },
    debug,
  );
}

function makeLogger(write: (line: string) => void, close: () => void, debug: boolean): Logger {
  const emit = (level: string, message: string): void => {
    try {
      write(`${new Date().toISOString()} ${level} [${process.pid}] ${inertLine(hideSecretShapes(message))}\n`);
    } catch {
      // A full disk must not take the daemon down.
    }
  };
  return {
    info: (m) => emit('info', m),
    warn: (m) => emit('warn', m),
    error: (m) => emit('error', m),
    debug: (m) => (debug ? emit('debug', m) : undefined),
    close,
  };
}

function rotateIfLarge(path: string): void {
  try {
    if (statSync(path).size > ROTATE_BYTES) renameSync(path, `${path}.1`);
  } catch {
    // absent: nothing to rotate
  }
}

/** An error for the log: its code and class, plus the stack frames without the message
 *  line, whose text might quote data (a process's output, a response body). */
export function describeForLog(err: unknown): string {
  // awsx composes its own messages and keeps secrets out of them.
  if (isAwsxError(err)) return `${err.code}: ${err.message}`;
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    const frames = (err.stack ?? '').split('\n').slice(1, 6).map((f) => f.trim());
    return [`${err.name}${typeof code === 'string' ? ` (${code})` : ''}`, ...frames].join(' | ');
  }
  return typeof err;
}
