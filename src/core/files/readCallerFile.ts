// Reads a file a profile names (web_identity_token_file) on behalf of the shell that asked.
// The daemon has one thread and many callers, so what the path turns out to be must not
// stall it or end it: the file is opened without blocking (a FIFO, a tty or /dev/zero
// would otherwise wait for a writer or never end), through the thread pool (a hung network
// mount holds a pool thread, not the daemon), must be a regular file, and is read only up
// to a cap. Every failure is an AwsxError naming the profile, the key, the path and the fix.
//
// A relative path is relative to the caller's working directory, as botocore reads it from
// its own; `~` is not expanded (docs/aws-config.md section 5). Symlinks are followed as
// botocore follows them: EKS's projected token is a symlink (O_NOFOLLOW would refuse it),
// and the path comes from the user's own config, checked for trust by the planner.
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { AwsxError } from '../errors.ts';

export interface CallerFile {
  readonly profile: string;
  /** The config key that names the file, for the message. */
  readonly key: string;
  readonly path: string;
  /** The caller's working directory; undefined when the request did not say. */
  readonly cwd: string | undefined;
  /** Larger files are refused. */
  readonly maxBytes: number;
}

export type CallerFileReader = (file: CallerFile) => Promise<string>;

// O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer. O_NOCTTY: a
// terminal device never becomes the daemon's controlling terminal.
const FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY;

export const readCallerFile: CallerFileReader = async (file) => {
  const path = absolutePath(file);
  let handle: FileHandle;
  try {
    handle = await open(path, FLAGS);
  } catch (e) {
    throw openError(file, path, e);
  }
  try {
    const st = await handle.stat();
    if (st.isDirectory()) throw fileError(file, path, 'is a directory, not a file', `point ${file.key} at the token file itself`);
    if (!st.isFile()) throw fileError(file, path, 'is not a regular file (a pipe, a device or a socket)', `point ${file.key} at a regular file; awsx does not read from pipes or devices`);
    if (st.size > file.maxBytes) throw tooLarge(file, path);
    // One byte past the cap tells a file that grew since the stat (or a /proc file, whose
    // size reads 0) from one that fits.
    const buffer = Buffer.alloc(file.maxBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > file.maxBytes) throw tooLarge(file, path);
    }
    return buffer.toString('utf8', 0, length);
  } catch (e) {
    if (e instanceof AwsxError) throw e;
    throw openError(file, path, e);
  } finally {
    await handle.close().catch(() => undefined);
  }
};

function absolutePath(file: CallerFile): string {
  if (isAbsolute(file.path)) return file.path;
  if (file.cwd === undefined || !isAbsolute(file.cwd)) {
    throw fileError(file, file.path, 'is a relative path, and the request did not say which directory it is relative to', `give ${file.key} an absolute path`);
  }
  return resolve(file.cwd, file.path);
}

function openError(file: CallerFile, path: string, e: unknown): AwsxError {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return fileError(file, path, 'does not exist', whereHint(file));
    case 'EACCES':
    case 'EPERM':
      return fileError(file, path, 'cannot be read: permission denied', `make it readable by you (chmod u+r ${path}) and check the directories above it`);
    case 'EISDIR':
      return fileError(file, path, 'is a directory, not a file', `point ${file.key} at the token file itself`);
    case 'ELOOP':
      return fileError(file, path, 'is a loop of symbolic links', `point ${file.key} at the token file itself`);
    default:
      return fileError(file, path, `cannot be read (${code ?? 'an unexpected error'})`, `check the path and its permissions`, e);
  }
}

function whereHint(file: CallerFile): string {
  if (isAbsolute(file.path)) return `check ${file.key}, or create the file`;
  const tilde = file.path.startsWith('~') ? '; ~ is not expanded (as in the AWS CLI): write the full path' : '';
  return `a relative ${file.key} is read from the directory awsx runs in (${file.cwd})${tilde}; give an absolute path, or run awsx where the file is`;
}

function tooLarge(file: CallerFile, path: string): AwsxError {
  return fileError(file, path, `is larger than ${file.maxBytes} bytes`, `check that ${file.key} names the right file`);
}

function fileError(file: CallerFile, path: string, what: string, hint: string, cause?: unknown): AwsxError {
  return new AwsxError('FileError', `profile ${file.profile}: ${file.key} ${path} ${what}`, { hint, ...(cause === undefined ? {} : { cause }) });
}
