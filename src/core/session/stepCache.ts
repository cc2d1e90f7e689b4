// The one wrapper for caching, single-flight and the refresh policy (smithy's `memoize` is
// the model). Each step's result is kept under a key built from everything that changes it
// (keys.ts); `get` answers: fresh -> the cached credentials; a fetch in flight -> shared;
// due for refresh -> fetched, and when that fails while the cached ones are still valid,
// those are served with a warning, down to the mandatory window; past it -> the error.
// Expiry is checked against the clock at every use, never by timers, so a laptop that
// slept through an expiry never gets stale credentials.
import type { Credentials } from '../credentials.ts';
import { AwsxError } from '../errors.ts';

/** botocore's advisory refresh window: refresh when less than this is left. */
export const ADVISORY_MS = 15 * 60_000;
/** botocore's mandatory window: below this, cached credentials are not handed out. */
export const MANDATORY_MS = 10 * 60_000;

/**
 * The advisory window of a session that lived `lifetimeMs` when it was obtained (issue
 * 18.10). Taken as is, botocore's 15 min would make a 900 s session (duration_seconds =
 * 900, the least STS gives; a 15-minute credential_process) due from its first second, so
 * it was fetched again at every use; botocore itself never reuses one (docs/aws-config.md
 * 4.5), but awsx serves many callers. A session can be handed out from when it is obtained
 * until the mandatory window, which stays whole: tools are never given less than 10 min
 * (the SDKs refresh below it, and test 29 promises it). awsx serves the first half of that
 * span from the cache and refreshes in the second half, where a failed refresh still
 * serves it with a warning (test 32). So a 900 s session is refreshed after 2.5 min
 * instead of at every use; from a 20 min lifetime up, this is botocore's 15 min.
 */
export function advisoryWindowMs(lifetimeMs: number): number {
  return Math.min(ADVISORY_MS, MANDATORY_MS + (lifetimeMs - MANDATORY_MS) / 2);
}

export interface Entry {
  readonly credentials: Credentials;
  /** Epoch ms; undefined for credentials that do not expire. */
  readonly expiresAt: number | undefined;
}

/** What `get` serves, and why it is not a fresh answer when a refresh failed. */
export interface Served extends Entry {
  readonly warning?: string | undefined;
}

/** What `look` shows of an entry: for `awsx sessions` and max_session_lifetime. */
export interface Held extends Entry {
  /** Milliseconds left (Infinity when it does not expire). */
  readonly leftMs: number;
  /** When it was fetched, on the cache's clock. */
  readonly obtainedAt: number;
  /** Below this much left it is due for refresh (advisoryWindowMs). */
  readonly advisoryMs: number;
}

/** Fetches the step's credentials; `code` is the MFA code for a step that needs one. */
export type Fetch = (code?: string) => Promise<Entry>;

/**
 * A refresh that may need a person (an MFA step): given the entry still valid enough to
 * serve (undefined when there is none) and `fetchOnce` (one call for all callers of the
 * key), it fetches or serves that entry. It replaces the default: fetch, and on failure
 * serve the still-valid entry with a warning.
 */
export type Refresh = (stillValid: Served | undefined, fetchOnce: Fetch) => Promise<Served>;

export interface GetOptions {
  /** Fetch even when the entry is fresh (`awsx sessions --refresh`). */
  readonly force?: boolean | undefined;
  readonly refresh?: Refresh | undefined;
}

interface Kept extends Entry {
  readonly obtainedAt: number;
}

export class StepCache {
  readonly #now: () => number;
  readonly #entries = new Map<string, Kept>();
  readonly #inflight = new Map<string, Promise<Entry>>();

  constructor(now: () => number) {
    this.#now = now;
  }

  async get(key: string, fetch: Fetch, options: GetOptions = {}): Promise<Served> {
    const held = this.look(key);
    if (held && held.leftMs >= held.advisoryMs && !options.force) return held;
    const pending = this.#inflight.get(key);
    if (pending) return pending;
    const stillValid = held && held.leftMs >= MANDATORY_MS ? held : undefined;
    const fetchOnce: Fetch = (code) => this.#share(key, () => fetch(code));
    if (options.refresh) return options.refresh(stillValid, fetchOnce);
    try {
      return await fetchOnce();
    } catch (e) {
      // Keep serving still-valid credentials while a refresh fails, down to the mandatory
      // window (docs/security.md T9, test 32); never near-expired ones.
      if (!stillValid) throw e;
      const why = e instanceof AwsxError ? e.message : 'an unexpected error';
      return { ...stillValid, warning: `refreshing the session failed (${why}); serving it with ${Math.floor(stillValid.leftMs / 60_000)} min left` };
    }
  }

  /** The entry under key as it stands now, or undefined. */
  look(key: string): Held | undefined {
    const e = this.#entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt === undefined) return { ...e, leftMs: Infinity, advisoryMs: 0 };
    return { ...e, leftMs: e.expiresAt - this.#now(), advisoryMs: advisoryWindowMs(e.expiresAt - e.obtainedAt) };
  }

  /** Runs fetch once for all concurrent callers of key and keeps its result. */
  #share(key: string, fetch: () => Promise<Entry>): Promise<Entry> {
    const existing = this.#inflight.get(key);
    if (existing) return existing;
    const p = fetch().then((entry) => {
      this.#entries.set(key, { ...entry, obtainedAt: this.#now() });
      return entry;
    }).finally(() => this.#inflight.delete(key));
    this.#inflight.set(key, p);
    return p;
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}
