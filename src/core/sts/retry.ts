// Retries for transient STS failures (spec/security.md T11): capped exponential backoff with
// full jitter ("Exponential Backoff and Jitter", AWS Architecture Blog), under an overall
// deadline and an attempt limit, so N waiting clients never become N x M calls for long.
import { isRetryableStsError } from './classify.ts';

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
};

/** The pause before attempt `next` (2, 3, ...): uniform in [0, min(cap, base * 2^(next-2))). */
export function backoffMs(next: number, options: Pick<RetryOptions, 'baseMs' | 'capMs' | 'random'>): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** (next - 2));
  return Math.floor(options.random() * ceiling);
}

/**
 * Runs `fn` until it succeeds, fails with an error `isRetryable` rejects, or the attempts or
 * the deadline run out; then throws the last error as it was.
 */
export async function withRetries<T>(fn: (attempt: Attempt) => Promise<T>, overrides: Partial<RetryOptions> = {}): Promise<T> {
  const options = { ...DEFAULT_RETRY, ...overrides };
  const deadline = options.now() + options.deadlineMs;
  for (let number = 1; ; number++) {
    try {
      return await fn({ number, remainingMs: Math.max(0, deadline - options.now()) });
    } catch (err) {
      if (!options.isRetryable(err) || number >= options.maxAttempts) throw err;
      const pause = backoffMs(number + 1, options);
      // Not worth starting an attempt that would have no time left to finish.
      if (options.now() + pause >= deadline) throw err;
      await options.sleep(pause);
    }
  }
}
