// Reads one config or credentials file with the checks botocore lacks: a missing file is
// empty (as in the CLI), but a directory, an unreadable, huge, binary or non-UTF-8 file is
// a clear error instead of a crash or a silent "no profiles".
import { readFileSync, statSync } from 'node:fs';
import { AwsxError } from '../errors.ts';
import type { IniDocument } from '../ini/document.ts';
import { parseIni } from '../ini/parse.ts';

/** Far above any real config (10,000 profiles is about 2 MB). */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

export function readIniFile(path: string): IniDocument {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) {
      throw new AwsxError('FileError', `${path} is a directory, not a file`, {
        hint: 'point AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE at a file, or remove the directory',
      });
    }
    size = st.size;
  } catch (e) {
    if (e instanceof AwsxError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return parseIni('', path);
    throw fileError(path, e);
  }
  if (size > MAX_CONFIG_BYTES) {
    throw new AwsxError('FileError', `${path} is ${Math.round(size / 1024 / 1024)} MB, too large for a config file (limit 16 MB)`, {
      hint: 'check that the variable points at the right file',
    });
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw fileError(path, e);
  }
  return parseIni(decode(bytes, path), path);
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
