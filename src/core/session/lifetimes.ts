// max_session_lifetime (docs/security.md T3, test 28): a step obtained longer ago than the
// profile's limit is gone, whatever STS's Expiration says, and so are the sessions obtained
// with it; past its limit a profile loses every step, its MFA session included (the next
// use asks for a code again), and leaves `sessions`. Checked against the clock at every
// resolve and `sessions`; a timer per profile only drops it on time (a suspended laptop
// fires no timer).
import type { ServedSessions } from './served.ts';
import type { StepCache } from './stepCache.ts';

export class Lifetimes {
  readonly #cache: StepCache;
  readonly #served: ServedSessions;
  readonly #now: () => number;
  /** A timer may outlive its profile (forgotten, dropped): it only triggers a check. */
  readonly #timers = new Map<string, NodeJS.Timeout>();

  constructor(cache: StepCache, served: ServedSessions, now: () => number) {
    this.#cache = cache;
    this.#served = served;
    this.#now = now;
  }

  /** Before a step is used under a profile's limit. */
  checkStep(key: string, maxLifetimeMs: number | undefined): void {
    const obtained = this.#cache.look(key)?.obtainedAt;
    if (maxLifetimeMs === undefined || obtained === undefined || this.#now() - obtained < maxLifetimeMs) return;
    this.#cache.delete(key);
    // The sessions obtained with it go too: a role refreshed an hour into an MFA session
    // does not outlive that session's limit.
    for (const [profile, s] of this.#served.entries()) {
      if (s.maxLifetimeMs !== undefined && s.keys.includes(key)) this.#drop(profile, s.keys);
    }
  }

  /** Every served profile past its limit loses all its steps. */
  dropExpired(): void {
    const now = this.#now();
    for (const [profile, s] of this.#served.entries()) {
      if (s.maxLifetimeMs !== undefined && now - this.#oldest(s.keys) >= s.maxLifetimeMs) this.#drop(profile, s.keys);
    }
  }

  /** After a profile was served: drop it on time. */
  schedule(profile: string): void {
    clearTimeout(this.#timers.get(profile));
    this.#timers.delete(profile);
    const s = this.#served.get(profile);
    if (s?.maxLifetimeMs === undefined) return;
    const inMs = Math.max(0, Math.min(this.#oldest(s.keys) + s.maxLifetimeMs - this.#now(), 2 ** 31 - 1));
    const timer = setTimeout(() => this.dropExpired(), inMs + 10);
    timer.unref();
    this.#timers.set(profile, timer);
  }

  #oldest(keys: readonly string[]): number {
    return Math.min(...keys.map((k) => this.#cache.look(k)?.obtainedAt ?? Infinity));
  }

  #drop(profile: string, keys: readonly string[]): void {
    for (const k of keys) this.#cache.delete(k);
    this.#served.drop(profile);
    clearTimeout(this.#timers.get(profile));
    this.#timers.delete(profile);
  }
}
