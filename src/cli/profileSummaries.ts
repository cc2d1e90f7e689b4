// The picker's profiles: every profile's summary, sorted by name. Parsing 10,000 profiles
// costs a cold process about 150-250 ms, most of the picker's start, so the bundled picker
// keeps the summaries in the private cache (privateCache.ts), keyed by the SHA-256 of
// both files' bytes and paths and of the awsx build that summarized them: any edit, another
// AWS_CONFIG_FILE or another awsx reads the files again. A miss or a broken cache costs one
// parse, as without a cache; an unreadable or broken config file is never cached, so its
// error is reported as before.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { loadProfiles } from '../core/config/load.ts';
import { configPaths } from '../core/config/paths.ts';
import { summarizeProfile, type ProfileKind, type ProfileSummary } from '../core/config/summary.ts';
import { readPrivateFile, writePrivateFile } from './privateCache.ts';

export const SUMMARY_CACHE_FILE = 'profile-summaries.cache';
const FORMAT = 2;

/** The summary fields in the order of a cached row. */
const FIELDS = ['name', 'kind', 'roleArn', 'accountId', 'roleName', 'source', 'region', 'mfaSerial', 'description'] as const;
const KINDS: ReadonlySet<string> = new Set<ProfileKind>(['assume-role', 'web-identity', 'sso', 'static', 'login', 'process', 'none']);

export interface SummaryCache {
  readonly dir: string;
  /** Who summarized: the bundle's hash (a summary from other code is never reused). */
  readonly version: string;
}

export interface Summaries {
  readonly profiles: ProfileSummary[];
  /** Whether the list came from the cache. */
  readonly cached: boolean;
  /** Stores a freshly read list for the next start (nothing when it came from the cache). */
  save(): void;
}

/** Every profile, by name (code units, not localeCompare: 10,000 names sort in milliseconds). */
export function readSummaries(cache?: SummaryCache, env: NodeJS.ProcessEnv = process.env): Summaries {
  const key = cache === undefined ? undefined : cacheKey(cache.version, env);
  const hit = key === undefined ? undefined : parseSummaries(readPrivateFile(cache!.dir, SUMMARY_CACHE_FILE), key);
  if (hit !== undefined) return { profiles: hit, cached: true, save: () => undefined };
  const profiles = [...loadProfiles(env, homedir()).profiles.values()].map(summarizeProfile).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    profiles,
    cached: false,
    save() {
      // Only when the files still hold the bytes the key was made of (not edited meanwhile).
      if (cache === undefined || key === undefined || cacheKey(cache.version, env) !== key) return;
      const text = serializeSummaries(profiles, key);
      if (text !== undefined) writePrivateFile(cache.dir, SUMMARY_CACHE_FILE, [Buffer.from(text)]);
    },
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** undefined when a file cannot be read (the parser then reports why). */
export function cacheKey(version: string, env: NodeJS.ProcessEnv): string | undefined {
  const paths = configPaths(env, homedir());
  const hash = createHash('sha256').update(`awsx profile summaries ${FORMAT}\0${version}\0`);
  for (const path of [paths.config, paths.credentials]) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return undefined;
      bytes = Buffer.alloc(0);
      hash.update('absent');
    }
    hash.update(`\0${path}\0${bytes.length}\0`).update(bytes);
  }
  return hash.digest('hex');
}

// The file: one line of JSON ({format, key, count, sha256 of the rest}), then every row's
// fields joined by NUL (no config file holds a NUL: read.ts refuses them), each row led by a
// mask of the fields it has. Splitting one string is several times faster than JSON.parse
// of the same rows.
const SEPARATOR = '\0';
const ROW = FIELDS.length + 1;

/** undefined when a value holds the separator (then nothing is cached). */
export function serializeSummaries(profiles: readonly ProfileSummary[], key: string): string | undefined {
  const parts: string[] = [];
  for (const p of profiles) {
    let mask = 0;
    const values = FIELDS.map((f, i) => {
      const v = p[f];
      if (v !== undefined) mask |= 1 << i;
      return v ?? '';
    });
    if (values.some((v) => v.includes(SEPARATOR))) return undefined;
    parts.push(String(mask), ...values);
  }
  const body = parts.join(SEPARATOR);
  return `${JSON.stringify({ format: FORMAT, key, count: profiles.length, sha256: sha256(body) })}\n${body}`;
}

/** The cached list when it is for `key` and well formed; undefined otherwise. */
export function parseSummaries(bytes: Buffer | undefined, key: string): ProfileSummary[] | undefined {
  if (bytes === undefined) return undefined;
  const text = bytes.toString('utf8');
  const nl = text.indexOf('\n');
  let header: unknown;
  try {
    header = JSON.parse(text.slice(0, nl));
  } catch {
    return undefined;
  }
  const { format, key: found, count, sha256: sum } = (header ?? {}) as { format?: unknown; key?: unknown; count?: unknown; sha256?: unknown };
  if (nl === -1 || format !== FORMAT || found !== key || typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) return undefined;
  const body = text.slice(nl + 1);
  if (sum !== sha256(body)) return undefined;
  if (count === 0) return body === '' ? [] : undefined;
  const fields = body.split(SEPARATOR);
  if (fields.length !== count * ROW) return undefined;
  const out = new Array<ProfileSummary>(count);
  for (let r = 0, i = 0; r < count; r++, i += ROW) {
    const mask = Number(fields[i]);
    const kind = fields[i + 2]!;
    // name and kind are always there; the mask has a bit per field.
    if (!Number.isInteger(mask) || (mask & 3) !== 3 || mask >= 1 << FIELDS.length || !KINDS.has(kind)) return undefined;
    const at = (f: number): string | undefined => ((mask & (1 << f)) === 0 ? undefined : fields[i + 1 + f]);
    out[r] = {
      name: fields[i + 1]!, kind: kind as ProfileKind, roleArn: at(2), accountId: at(3), roleName: at(4),
      source: at(5), region: at(6), mfaSerial: at(7), description: at(8),
    };
  }
  return out;
}
