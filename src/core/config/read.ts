// Reads one config or credentials file with the checks botocore lacks: a missing file is
// empty (as in the CLI), but a directory, an unreadable, huge, binary or non-UTF-8 file is
// a clear error instead of a crash or a silent "no profiles". Its owner and mode are noted
// for the planner, which refuses commands and endpoints from a file others can write.
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { AwsxError, isAwsxError } from '../errors.ts';
import type { IniDocument } from '../ini/document.ts';
import { parseIni, type ParseOptions } from '../ini/parse.ts';
import { untrustedFile, type UntrustedFile } from './fileTrust.ts';

/** Far above any real config (10,000 profiles is about 2 MB). */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

export interface ConfigFile {
  readonly doc: IniDocument;
  /** Set when others could have written it (fileTrust.ts); a missing file is trusted. */
  readonly untrusted: UntrustedFile | undefined;
}

export function readIniFile(path: string, options: ParseOptions = {}): IniDocument {
  return readConfigFile(path, options).doc;
}

/** Reads one file through one descriptor, so the mode and owner checked are those of the bytes read. */
export function readConfigFile(path: string, options: ParseOptions = {}): ConfigFile {
  let fd: number;
  try {
    // Without blocking: the daemon reads the file a caller's AWS_CONFIG_FILE names, and a
    // FIFO or a terminal there must not stall it (a regular file reads the same either way).
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { doc: parseIni('', path), untrusted: undefined };
    throw fileError(path, e);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) {
      throw new AwsxError('FileError', `${path} is a directory, not a file`, {
        hint: 'point AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE at a file, or remove the directory',
      });
    }
    if (st.size > MAX_CONFIG_BYTES) throw tooLarge(path, `${Math.round(st.size / 1024 / 1024)} MB`);
    let bytes: Buffer;
    try {
      // A pipe or a device has no size to check first (/dev/null is a common "no config"; /dev/zero never ends).
      bytes = st.isFile() ? readFileSync(fd) : readAtMost(fd, path);
    } catch (e) {
      throw isAwsxError(e) ? e : fileError(path, e);
    }
    return { doc: parseIni(decode(bytes, path), path, options), untrusted: untrustedFile(path, st) };
  } finally {
    closeSync(fd);
  }
}

function readAtMost(fd: number, path: string): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.alloc(64 * 1024);
    const n = readSync(fd, chunk);
    if (n === 0) return Buffer.concat(chunks, total);
    total += n;
    if (total > MAX_CONFIG_BYTES) throw tooLarge(path, 'more than 16 MB');
    chunks.push(chunk.subarray(0, n));
  }
}

function tooLarge(path: string, size: string): AwsxError {
  return new AwsxError('FileError', `${path} is ${size}, too large for a config file (limit 16 MB)`, {
    hint: 'check that the variable points at the right file',
  });
}

function decode(bytes: Buffer, path: string): string {
  if (bytes.includes(0)) {
    throw new AwsxError('ConfigParseError', `${path} is a binary file (it contains NUL bytes)`, {
      hint: 'check that the variable points at the right file; an AWS config file is plain text',
    });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new AwsxError('ConfigParseError', `${path} is not valid UTF-8 text`, {
      hint: 'save the file as UTF-8',
    });
  }
}

function fileError(path: string, e: unknown): AwsxError {
  const code = (e as NodeJS.ErrnoException).code;
  const hint =
    code === 'EACCES' || code === 'EPERM'
      ? `make it readable by you: chmod u+r ${path}`
      : 'check the path and its permissions';
  return new AwsxError('FileError', `cannot read ${path}: ${code ?? String(e)}`, { hint, cause: e });
}
