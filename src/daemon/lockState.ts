// `awsx lock` / `awsx unlock` (docs/security.md T3, T17, test 27; ssh-add -x / -X): while
// locked, no credential leaves the daemon. A passphrase, if given, is kept only as a salted
// scrypt hash and compared in constant time. Unlock attempts are answered one at a time, a
// wrong one after 0.1 s per failure in a row (at most 2 s), so guessing stays slow even
// with many connections at once. The lock outlives the daemon through a marker in the
// runtime dir (lockMarker.ts): a new daemon starts with the record it finds there.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { LockRecord } from './lockMarker.ts';

export const FAILURE_DELAY_STEP_MS = 100;
export const FAILURE_DELAY_CAP_MS = 2_000;

export type UnlockOutcome = 'unlocked' | 'not-locked' | 'passphrase-required' | 'wrong-passphrase';

interface Held {
  readonly salt: Buffer;
  /** Undefined: locked without a passphrase. A promise, so the lock holds from the first instant. */
  readonly hash: Promise<Buffer> | undefined;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function failureDelayMs(failuresInARow: number): number {
  return Math.min(FAILURE_DELAY_CAP_MS, FAILURE_DELAY_STEP_MS * failuresInARow);
}

export class LockState {
  readonly #sleep: (ms: number) => Promise<void>;
  #held: Held | undefined;
  #failures = 0;
  #queue: Promise<unknown> = Promise.resolve();

  /** `initial`: the lock a previous daemon left (lockMarker.ts); 'unreadable' locks without a passphrase. */
  constructor(sleep: (ms: number) => Promise<void> = sleepFor, initial?: LockRecord | 'unreadable') {
    this.#sleep = sleep;
    if (initial === 'unreadable') this.#held = { salt: randomBytes(16), hash: undefined };
    else if (initial !== undefined) this.#held = { salt: initial.salt, hash: initial.hash === undefined ? undefined : Promise.resolve(initial.hash) };
  }

  isLocked(): boolean {
    return this.#held !== undefined;
  }

  hasPassphrase(): boolean {
    return this.#held?.hash !== undefined;
  }

  /** Locks at once; false when already locked (the passphrase is not replaced, as in ssh-agent). */
  lock(passphrase: string | undefined): boolean {
    if (this.#held) return false;
    const salt = randomBytes(16);
    this.#held = { salt, hash: passphrase === undefined ? undefined : hashOf(passphrase, salt) };
    this.#held.hash?.catch(() => undefined); // awaited by unlock; never an unhandled rejection
    this.#failures = 0;
    return true;
  }

  unlock(passphrase: string | undefined): Promise<UnlockOutcome> {
    const attempt = this.#queue.then(() => this.#attempt(passphrase));
    this.#queue = attempt.catch(() => undefined);
    return attempt;
  }

  /** What to keep on disk while locked: the salt and the passphrase's hash, once computed. */
  async record(): Promise<LockRecord | undefined> {
    const held = this.#held;
    return held === undefined ? undefined : { salt: held.salt, hash: held.hash === undefined ? undefined : await held.hash };
  }

  /** Consecutive wrong passphrases since the lock or the last success. */
  get failures(): number {
    return this.#failures;
  }

  async #attempt(passphrase: string | undefined): Promise<UnlockOutcome> {
    const held = this.#held;
    if (!held) return 'not-locked';
    if (held.hash === undefined) return this.#open();
    // Asking whether a passphrase is needed is not a guess.
    if (passphrase === undefined) return 'passphrase-required';
    const [expected, given] = await Promise.all([held.hash, hashOf(passphrase, held.salt)]);
    if (timingSafeEqual(expected, given)) return this.#open();
    this.#failures += 1;
    await this.#sleep(failureDelayMs(this.#failures));
    return 'wrong-passphrase';
  }

  #open(): UnlockOutcome {
    this.#held = undefined;
    this.#failures = 0;
    return 'unlocked';
  }
}

function hashOf(passphrase: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(passphrase.normalize('NFC'), salt, 32, (err, key) => (err ? reject(err) : resolve(key))));
}
