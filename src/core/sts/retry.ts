// Retries for transient STS failures (docs/security.md T11): capped exponential backoff with
// full jitter ("Exponential Backoff and Jitter", AWS Architecture Blog), under an overall
// deadline and an attempt limit, so N waiting clients never become N x M calls for long.
// An endpoint that refuses connections or cannot be routed to gets a few quick attempts
// instead (docs/security.md test 36: "STS unreachable" within about a second), while
// throttling, 5xx, resets and timeouts keep the full backoff.
import { classifyFailure, isRetryableStsError, isUnreachableStsError } from './classify.ts';

export interface RetryOptions {
  /** The whole call, attempts and pauses together, ends by then. */
  readonly deadlineMs: number;
  readonly baseMs: number;
  readonly capMs: number;
  readonly maxAttempts: number;
  /** In [0, 1). */
  readonly random: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** A monotonic clock in ms. */
  readonly now: () => number;
  /** Which errors are worth another attempt; by default STS's transient ones (classify.ts). */
  readonly isRetryable: (err: unknown) => boolean;
  /** Errors that mean nothing answers at all (refused, no route): retried only briefly. */
  readonly isUnreachable: (err: unknown) => boolean;
  /** Attempts in all when the last failure was unreachable. */
  readonly unreachableAttempts: number;
  /** The longest pause after an unreachable failure. */
  readonly unreachableCapMs: number;
}

export interface Attempt {
  /** 1-based. */
  readonly number: number;
  /** Time left before the deadline: an attempt should not wait longer. */
  readonly remainingMs: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  deadlineMs: 15_000,
  baseMs: 200,
  capMs: 3_000,
  // 0.2 + 0.4 + 0.8 + 1.6 + 3 x 3 s of pauses at most: inside the 15 s deadline.
  maxAttempts: 8,
  random: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => performance.now(),
  isRetryable: isRetryableStsError,
  isUnreachable: isUnreachableStsError,
  // Two quick retries ride out a proxy or VPN that is restarting: at most 0.2 s of pauses.
  unreachableAttempts: 3,
  unreachableCapMs: 100,
};

/** The pause before attempt `next` (2, 3, ...): uniform in [0, min(cap, base * 2^(next-2))). */
export function backoffMs(next: number, options: Pick<RetryOptions, 'baseMs' | 'capMs' | 'random'>): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** (next - 2));
  return Math.floor(options.random() * ceiling);
}

/**
 * Runs `fn` until it succeeds, fails with an error `isRetryable` rejects, or the attempts or
 * the deadline run out; then throws the last error as it was (or, when a timeout ended it,
 * the last answer STS gave).
 */
export async function withRetries<T>(fn: (attempt: Attempt) => Promise<T>, overrides: Partial<RetryOptions> = {}): Promise<T> {
  const options = { ...DEFAULT_RETRY, ...overrides };
  const deadline = options.now() + options.deadlineMs;
  // The last answer STS gave (a throttle, a 5xx): when the final attempt is only cut short by
  // the deadline, that answer, not "unreachable", says why the call failed.
  let answered: unknown;
  const last = (err: unknown): unknown => (answered !== undefined && classifyFailure(err).kind === 'timeout' ? answered : err);
  for (let number = 1; ; number++) {
    try {
      return await fn({ number, remainingMs: Math.max(0, deadline - options.now()) });
    } catch (err) {
      if (classifyFailure(err).status !== undefined) answered = err;
      const unreachable = options.isUnreachable(err);
      const limit = unreachable ? Math.min(options.maxAttempts, options.unreachableAttempts) : options.maxAttempts;
      if (!options.isRetryable(err) || number >= limit) throw last(err);
      const pause = unreachable ? Math.min(backoffMs(number + 1, options), options.unreachableCapMs) : backoffMs(number + 1, options);
      // Not worth starting an attempt that would have no time left to finish.
      if (options.now() + pause >= deadline) throw last(err);
      await options.sleep(pause);
    }
  }
}
