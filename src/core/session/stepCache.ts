// The one wrapper for caching, single-flight and expiry windows. Each STS step's result is
// kept under a key built from everything that changes it; concurrent requests for the same
// key share one call. Expiry is checked against the clock at every use, never by timers,
// so a laptop that slept through an expiry never gets stale credentials.
import type { Credentials } from '../credentials.ts';

/** botocore's advisory refresh window: refresh when less than this is left. */
export const ADVISORY_MS = 15 * 60_000;
/** botocore's mandatory window: below this, cached credentials are not handed out. */
export const MANDATORY_MS = 10 * 60_000;

export interface Entry {
  readonly credentials: Credentials;
  /** Epoch ms; undefined for credentials that do not expire. */
  readonly expiresAt: number | undefined;
}

export class StepCache {
  readonly #now: () => number;
  readonly #entries = new Map<string, Entry>();
  /** When each entry was fetched, on the same clock: for max_session_lifetime. */
  readonly #obtained = new Map<string, number>();
  readonly #inflight = new Map<string, Promise<Entry>>();

  constructor(now: () => number) {
    this.#now = now;
  }

  /** Milliseconds the entry has left (Infinity when it does not expire), or undefined. */
  remaining(key: string): number | undefined {
    const e = this.#entries.get(key);
    if (!e) return undefined;
    return e.expiresAt === undefined ? Infinity : e.expiresAt - this.#now();
  }

  /** When the entry was fetched (epoch ms), or undefined. */
  obtainedAt(key: string): number | undefined {
    return this.#obtained.get(key);
  }

  peek(key: string): Entry | undefined {
    return this.#entries.get(key);
  }

  pending(key: string): Promise<Entry> | undefined {
    return this.#inflight.get(key);
  }

  /** Runs fetch once for all concurrent callers of key and keeps its result. */
  run(key: string, fetch: () => Promise<Entry>): Promise<Entry> {
    const existing = this.#inflight.get(key);
    if (existing) return existing;
    const p = fetch().then(
      (entry) => {
        this.#entries.set(key, entry);
        this.#obtained.set(key, this.#now());
        return entry;
      },
    ).finally(() => this.#inflight.delete(key));
    this.#inflight.set(key, p);
    return p;
  }

  delete(key: string): void {
    this.#entries.delete(key);
    this.#obtained.delete(key);
  }

  clear(): void {
    this.#entries.clear();
    this.#obtained.clear();
  }
}
