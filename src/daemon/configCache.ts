// The profile model per (config, credentials) file pair, re-read whenever either file
// changes. Each request names its own files (the caller's AWS_CONFIG_FILE and
// AWS_SHARED_CREDENTIALS_FILE), so the cache is keyed by both paths, and an entry is
// valid while both files' inode, size, mtime and ctime (ns) are what they were when read.
// The stamp is taken before reading: a write racing the read changes it, so the next
// request reads again, and a stale model is never kept.
//
// The last good config is kept (docs/security.md T14, test 24): when files that parsed
// before stop parsing (a save half done, a typo), requests are served from the version
// that parsed, the error is logged once per version of the files, and every answer carries
// a warning the CLI prints on stderr, so the person learns about the broken file at once.
// Files never read successfully have no good version: their error goes to the request.
import { statSync } from 'node:fs';
import { isAwsxError } from '../core/errors.ts';
import { loadProfiles } from '../core/config/load.ts';
import { configPaths } from '../core/config/paths.ts';
import type { ProfileSet } from '../core/config/profiles.ts';
import type { Logger } from './log.ts';

type Env = Readonly<Record<string, string | undefined>>;

// Few shells use distinct files; this bounds memory if a caller cycles through many.
const MAX_ENTRIES = 16;

interface Entry {
  /** The stamp of the files `set` was read from; '' after SIGHUP (read again). */
  readonly stamp: string;
  /** The last model that parsed. */
  readonly set: ProfileSet;
  readonly readAt: Date;
  /** Set while the files on disk do not parse: their stamp, and the error in words. */
  readonly broken?: { readonly stamp: string; readonly problem: string } | undefined;
}

export class ConfigCache {
  readonly #entries = new Map<string, Entry>();
  readonly #log: Pick<Logger, 'info' | 'error'> | undefined;

  constructor(log?: Pick<Logger, 'info' | 'error'>) {
    this.#log = log;
  }

  /** `cwd`: the caller's working directory, which relative AWS_CONFIG_FILE and
   *  AWS_SHARED_CREDENTIALS_FILE are read from (issue 16.2). */
  load(env: Env, home: string, cwd?: string): ProfileSet {
    const paths = configPaths(env, home, cwd);
    const key = keyOf(paths);
    const stamp = `${stampOf(paths.config)}|${stampOf(paths.credentials)}`;
    const hit = this.#entries.get(key);
    if (hit !== undefined && (hit.stamp === stamp || hit.broken?.stamp === stamp)) return hit.set;
    let set: ProfileSet;
    try {
      set = loadProfiles(env, home, cwd);
    } catch (e) {
      // Only a file problem (parse, size, binary, unreadable) falls back; a bug is a bug.
      if (hit === undefined || !isAwsxError(e) || (e.code !== 'ConfigParseError' && e.code !== 'FileError')) {
        this.#entries.delete(key);
        throw e;
      }
      const problem = `${e.message}${e.hint ? ` (fix: ${e.hint})` : ''}`;
      this.#log?.error(`config error: ${problem}; serving the last version that parsed, read at ${hit.readAt.toISOString()}`);
      this.#entries.set(key, { ...hit, broken: { stamp, problem } });
      return hit.set;
    }
    if (hit?.broken) this.#log?.info(`config ${paths.config}: parses again`);
    if (hit === undefined && this.#entries.size >= MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, { stamp, set, readAt: new Date() });
    return set;
  }

  /** Set when the caller's files do not parse and an older version is being served. */
  staleWarning(env: Env, home: string, cwd?: string): string | undefined {
    const entry = this.#entries.get(keyOf(configPaths(env, home, cwd)));
    if (entry?.broken === undefined) return undefined;
    return `${entry.broken.problem}; until it is fixed, awsx uses the version it read at ${entry.readAt.toISOString()}`;
  }

  /** SIGHUP: read every file again on the next request, keeping each last good version. */
  clear(): void {
    for (const [key, entry] of this.#entries) this.#entries.set(key, { ...entry, stamp: '', broken: undefined });
  }
}

function keyOf(paths: { readonly config: string; readonly credentials: string }): string {
  return `${paths.config}\0${paths.credentials}`;
}

function stampOf(path: string): string {
  try {
    const st = statSync(path, { bigint: true });
    return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
  } catch (e) {
    return `absent:${(e as NodeJS.ErrnoException).code ?? ''}`;
  }
}
