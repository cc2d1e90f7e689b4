// One outstanding MFA prompt per device (docs/security.md T10, test 38; DESIGN.md "MFA
// without storms"): the first caller that will ask a person holds the device's prompt and
// the others wait for its outcome instead of asking too (aws-vault #779). A cancel fails
// the waiters at once and refuses new prompts for the device for a while, so a tool that
// retries in a loop cannot raise a prompt storm (ByteNess #91). A holder that goes away
// (Ctrl-C, a closed terminal: its connection closes) lets go at once, without a backoff:
// the person's next try is asked at once.
import { AwsxError } from '../errors.ts';

/** A holder that never answers (killed, walked away) lets go after this long. */
export const PROMPT_HOLD_MS = 60_000;
/** After a cancel, callers that would ask a person are refused for this long. */
export const CANCEL_BACKOFF_MS = 10_000;

/** How a held prompt ended: answered (or failed otherwise: waiters look again), or cancelled. */
export type PromptOutcome = 'settled' | 'cancelled';

export type PromptClaim =
  /** Ask the person: this caller holds the device's prompt until it settles or cancels. */
  | { readonly kind: 'hold' }
  /** Another caller is asking: wait for its outcome, then look again. */
  | { readonly kind: 'wait'; readonly outcome: Promise<PromptOutcome> }
  /** A prompt for the device was cancelled moments ago. */
  | { readonly kind: 'refused'; readonly retryInMs: number };

interface Held {
  readonly outcome: Promise<PromptOutcome>;
  readonly end: (o: PromptOutcome) => void;
  timer: NodeJS.Timeout;
}

export class MfaGate {
  readonly #now: () => number;
  readonly #held = new Map<string, Held>();
  readonly #cancelledAt = new Map<string, number>();

  constructor(now: () => number) {
    this.#now = now;
  }

  claim(serial: string): PromptClaim {
    const left = this.#refusedFor(serial);
    if (left > 0) return { kind: 'refused', retryInMs: left };
    const held = this.#held.get(serial);
    if (held) return { kind: 'wait', outcome: held.outcome };
    let end: (o: PromptOutcome) => void = () => undefined;
    const outcome = new Promise<PromptOutcome>((resolve) => (end = resolve));
    const entry: Held = { outcome, end, timer: this.#expiry(serial) };
    this.#held.set(serial, entry);
    return { kind: 'hold' };
  }

  /** The holder asks again (its code was refused or reused): its time starts over. */
  renew(serial: string): void {
    const held = this.#held.get(serial);
    if (!held) return;
    clearTimeout(held.timer);
    held.timer = this.#expiry(serial);
  }

  /**
   * The holder's claim ends when it goes away (its connection closes), unless it ended
   * before: a later holder's claim is not this caller's to end.
   */
  releaseOn(serial: string, gone: AbortSignal | undefined): void {
    const held = this.#held.get(serial);
    if (!held || !gone) return;
    const release = (): void => {
      if (this.#held.get(serial) === held) this.#end(serial, 'settled');
    };
    if (gone.aborted) return release();
    gone.addEventListener('abort', release, { once: true });
    void held.outcome.then(() => gone.removeEventListener('abort', release));
  }

  /** A code was used (whatever STS said of the rest): the waiters look again. */
  settle(serial: string): void {
    this.#end(serial, 'settled');
  }

  /** The person declined: the waiters fail, and nobody is asked for a while. */
  cancel(serial: string): void {
    this.#cancelledAt.set(serial, this.#now());
    this.#end(serial, 'cancelled');
  }

  #refusedFor(serial: string): number {
    const at = this.#cancelledAt.get(serial);
    if (at === undefined) return 0;
    const left = at + CANCEL_BACKOFF_MS - this.#now();
    if (left <= 0) this.#cancelledAt.delete(serial);
    return left;
  }

  #end(serial: string, outcome: PromptOutcome): void {
    const held = this.#held.get(serial);
    if (!held) return;
    this.#held.delete(serial);
    clearTimeout(held.timer);
    held.end(outcome);
  }

  // A real timer, not the injected clock: it only bounds how long waiters wait.
  #expiry(serial: string): NodeJS.Timeout {
    const timer = setTimeout(() => this.#end(serial, 'settled'), PROMPT_HOLD_MS);
    timer.unref();
    return timer;
  }
}

export function promptCancelled(profile: string, serial: string, retryInMs: number): AwsxError {
  return new AwsxError('MfaRequired', `profile ${profile}: the MFA prompt for ${serial} was cancelled; awsx asks again in ${Math.max(1, Math.ceil(retryInMs / 1000))} s`, {
    hint: `to go on now, run \`awsx env ${profile} --mfa-code CODE\` with the current code`,
  });
}
