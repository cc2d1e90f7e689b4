// The profile model per (config, credentials) file pair, re-read whenever either file
// changes. Each request names its own files (the caller's AWS_CONFIG_FILE and
// AWS_SHARED_CREDENTIALS_FILE), so the cache is keyed by both paths, and an entry is
// valid while both files' inode, size, mtime and ctime (ns) are what they were when read.
// The stamp is taken before reading: a write racing the read changes it, so the next
// request reads again, and a stale model is never kept.
import { statSync } from 'node:fs';
import { loadProfiles } from '../core/config/load.ts';
import { configPaths } from '../core/config/paths.ts';
import type { ProfileSet } from '../core/config/profiles.ts';

type Env = Readonly<Record<string, string | undefined>>;

// Few shells use distinct files; this bounds memory if a caller cycles through many.
const MAX_ENTRIES = 16;

export class ConfigCache {
  readonly #entries = new Map<string, { readonly stamp: string; readonly set: ProfileSet }>();

  load(env: Env, home: string): ProfileSet {
    const paths = configPaths(env, home);
    const key = `${paths.config}\0${paths.credentials}`;
    const stamp = `${stampOf(paths.config)}|${stampOf(paths.credentials)}`;
    const hit = this.#entries.get(key);
    if (hit !== undefined && hit.stamp === stamp) return hit.set;
    // A parse error propagates to this request (with its line number) and evicts nothing
    // else; the old model is not served for files the user has since changed.
    this.#entries.delete(key);
    const set = loadProfiles(env, home);
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, { stamp, set });
    return set;
  }

  /** SIGHUP: read everything again on the next request. */
  clear(): void {
    this.#entries.clear();
  }
}

function stampOf(path: string): string {
  try {
    const st = statSync(path, { bigint: true });
    return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
  } catch (e) {
    return `absent:${(e as NodeJS.ErrnoException).code ?? ''}`;
  }
}
