// A source key STS called invalid (InvalidClientTokenId: deleted or unknown;
// SignatureDoesNotMatch: a wrong secret) is remembered for a minute (issue 16.5): the
// requests after it get the same error at once instead of asking STS again, which would
// only say the same, so a tool retrying in a loop (an SDK, a prompt hook) makes no storm of
// refused signed calls. Remembered per key, secret and endpoint, as hashes: a rotated key
// or a fixed secret in the config is another entry, so it is tried at once; `awsx forget`
// (any form) and `awsx lock` clear the lot.
import { createHash } from 'node:crypto';
import type { Credentials } from '../credentials.ts';
import type { StsApi, StsTarget } from '../sts/api.ts';
import { isStsError, StsError } from '../sts/errors.ts';

export const REMEMBER_REFUSED_MS = 60_000;

interface Refusal {
  readonly error: StsError;
  readonly at: number;
}

export class RefusedKeys {
  readonly #now: () => number;
  readonly #refused = new Map<string, Refusal>();

  constructor(now: () => number) {
    this.#now = now;
  }

  /** The same STS, with every signed call checked against the keys it refused. */
  wrap(sts: StsApi): StsApi {
    return {
      assumeRole: (input, signer, target) => this.#guard(signer, target, () => sts.assumeRole(input, signer, target)),
      getSessionToken: (input, signer, target) => this.#guard(signer, target, () => sts.getSessionToken(input, signer, target)),
      getFederationToken: (input, signer, target) => this.#guard(signer, target, () => sts.getFederationToken(input, signer, target)),
      getCallerIdentity: (signer, target) => this.#guard(signer, target, () => sts.getCallerIdentity(signer, target)),
      assumeRoleWithWebIdentity: (input, target) => sts.assumeRoleWithWebIdentity(input, target),
    };
  }

  clear(): void {
    this.#refused.clear();
  }

  async #guard<T>(signer: Credentials, target: StsTarget, call: () => Promise<T>): Promise<T> {
    const key = createHash('sha256').update(JSON.stringify([signer.accessKeyId, signer.secretAccessKey, target.endpoint ?? target.region])).digest('hex');
    const known = this.#refused.get(key);
    const ago = known === undefined ? Infinity : this.#now() - known.at;
    if (known !== undefined && ago < REMEMBER_REFUSED_MS) throw remembered(known.error, ago);
    this.#refused.delete(key);
    try {
      return await call();
    } catch (e) {
      if (isStsError(e) && e.reason === 'invalid-source') this.#refused.set(key, { error: e, at: this.#now() });
      throw e;
    }
  }
}

function remembered(e: StsError, agoMs: number): StsError {
  const ago = Math.max(0, Math.round(agoMs / 1000));
  const left = Math.max(1, Math.ceil((REMEMBER_REFUSED_MS - agoMs) / 1000));
  return new StsError(`${e.message}; STS said so ${ago} s ago, so awsx does not ask it again with this key for ${left} s (or until \`awsx forget\`)`, e.hint ?? '', e.stsCode, e.reason, e.transient);
}
