// A step that needs an MFA code, through the step cache: fresh or in-flight credentials
// are served as for any step; when a refresh is due the code is the caller's (used once),
// else mfa_process's, else a person's through the one prompt per device (mfaGate.ts).
// Still-valid credentials are served rather than asking, down to the mandatory window.
import { stringValue } from '../config/profiles.ts';
import type { MfaProcessRunner } from '../process/api.ts';
import { isMfaCodeRejected, MfaNeeded, type MfaPrompt } from './mfa.ts';
import { UsedCodes } from './mfaCodes.ts';
import { CANCEL_BACKOFF_MS, MfaGate, promptCancelled } from './mfaGate.ts';
import type { Entry, Fetch, Served, StepCache } from './stepCache.ts';
import type { ResolveRequest } from './types.ts';

/** One resolve as the MFA steps see it. */
export interface MfaCaller {
  readonly req: ResolveRequest;
  /** The caller's code, taken by the first step that needs one: a code is used once. */
  takeCode(): string | undefined;
}

export class MfaSteps {
  readonly #cache: StepCache;
  readonly #runMfaProcess: MfaProcessRunner;
  readonly #codes: UsedCodes;
  readonly #gate: MfaGate;

  constructor(cache: StepCache, now: () => number, runMfaProcess: MfaProcessRunner) {
    this.#cache = cache;
    this.#runMfaProcess = runMfaProcess;
    this.#codes = new UsedCodes(now);
    this.#gate = new MfaGate(now);
  }

  get(caller: MfaCaller, key: string, mfa: MfaPrompt, fetch: Fetch, force: boolean): Promise<Served> {
    // Marked used as it is sent, inside the one flight: a retry can never replay it.
    const send: Fetch = (code) => {
      this.#codes.markUsed(mfa.serial, code!);
      return fetch(code);
    };
    return this.#cache.get(key, send, { force, refresh: (stillValid, fetchOnce) => this.#refresh(caller, key, mfa, fetch, stillValid, fetchOnce) });
  }

  async #refresh(caller: MfaCaller, key: string, mfa: MfaPrompt, fetch: Fetch, usable: Served | undefined, fetchOnce: Fetch): Promise<Served> {
    const { req } = caller;
    const given = caller.takeCode();
    if (given !== undefined) return this.#withCode(req, mfa, given, fetchOnce);
    if (req.mfaPrompt === 'cancel') {
      this.#gate.cancel(mfa.serial);
      throw promptCancelled(req.profile, mfa.serial, CANCEL_BACKOFF_MS);
    }
    const command = stringValue(req.set.profiles.get(mfa.profile)?.keys, 'mfa_process');
    if (command === undefined && (usable || req.mfaPrompt !== 'ask')) {
      if (usable) return usable;
      throw new MfaNeeded(mfa.serial, 'no-code');
    }
    const claim = this.#gate.claim(mfa.serial);
    if (claim.kind === 'refused' || (claim.kind === 'wait' && (await claim.outcome) === 'cancelled')) {
      if (usable) return usable;
      throw promptCancelled(req.profile, mfa.serial, claim.kind === 'refused' ? claim.retryInMs : CANCEL_BACKOFF_MS);
    }
    // The holder's code was used: its session may be the one this step needs, so look again.
    if (claim.kind === 'wait') return this.get(caller, key, mfa, fetch, false);
    this.#gate.releaseOn(mfa.serial, req.callerGone);
    if (command === undefined) throw new MfaNeeded(mfa.serial, 'no-code');
    let code: string;
    try {
      code = await this.#runMfaProcess(mfa.profile, command, { env: req.env, cwd: req.cwd, timeoutMs: 60_000 });
    } catch (e) {
      this.#gate.cancel(mfa.serial); // a failed mfa_process is a declined prompt: no storm of reruns
      throw e;
    }
    return this.#withCode(req, mfa, code, fetchOnce);
  }

  /** The holder asks its person again: its time starts over, and ends if it goes away. */
  #askAgain(req: ResolveRequest, serial: string): void {
    this.#gate.renew(serial);
    this.#gate.releaseOn(serial, req.callerGone);
  }

  async #withCode(req: ResolveRequest, mfa: MfaPrompt, code: string, fetchOnce: Fetch): Promise<Entry> {
    if (this.#codes.wasUsed(mfa.serial, code)) {
      this.#askAgain(req, mfa.serial);
      throw new MfaNeeded(mfa.serial, 'code-reused');
    }
    try {
      const entry = await fetchOnce(code);
      this.#gate.settle(mfa.serial);
      return entry;
    } catch (e) {
      // A refused code: the holder asks its person again, and the waiters keep waiting.
      if (isMfaCodeRejected(e)) {
        this.#askAgain(req, mfa.serial);
        throw new MfaNeeded(mfa.serial, 'code-rejected');
      }
      this.#gate.settle(mfa.serial);
      throw e;
    }
  }
}
