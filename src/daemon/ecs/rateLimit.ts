// A token bucket per client address for the container endpoint (docs/security.md test 45):
// a real SDK fetches once per session, so a client that asks thousands of times a second is
// guessing or broken, and gets 429 before its token is even looked at. Loopback offers a
// whole /8 of source addresses, so the table is capped: past the cap, clients share one bucket.
export interface RateLimit {
  /** Requests a second, sustained. */
  readonly perSecond: number;
  /** Requests at once after a quiet spell. */
  readonly burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 200, burst: 400 };
const MAX_CLIENTS = 1024;
const SHARED = '';

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  readonly #limit: RateLimit;
  readonly #buckets = new Map<string, Bucket>();
  readonly #now: () => number;
  #prunedAt = -Infinity;

  constructor(limit: RateLimit = DEFAULT_RATE_LIMIT, now: () => number = () => performance.now()) {
    this.#limit = limit;
    this.#now = now;
  }

  /** Takes one request's worth from the client's bucket; false when it is empty. */
  allow(client: string): boolean {
    const now = this.#now();
    const bucket = this.#bucket(client, now);
    bucket.tokens = Math.min(this.#limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.#limit.perSecond);
    bucket.at = now;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  #bucket(client: string, now: number): Bucket {
    let key = client;
    if (!this.#buckets.has(key) && this.#buckets.size >= MAX_CLIENTS) {
      // At most once a second: a client cycling source addresses must not make each request walk the table.
      if (now - this.#prunedAt >= 1000) this.#forgetRefilled(now);
      if (this.#buckets.size >= MAX_CLIENTS) key = SHARED;
    }
    let b = this.#buckets.get(key);
    if (b === undefined) this.#buckets.set(key, (b = { tokens: this.#limit.burst, at: now }));
    return b;
  }

  // A bucket that would be full again is the same as no bucket.
  #forgetRefilled(now: number): void {
    this.#prunedAt = now;
    for (const [key, b] of this.#buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.#limit.perSecond >= this.#limit.burst) this.#buckets.delete(key);
    }
  }
}
