// MFA codes are single-use (docs/security.md T10): a code is remembered per device for 90 s
// after it was sent, and never sent again, so a retry can never replay it.
import { createHash } from 'node:crypto';

const REMEMBER_MS = 90_000;

export class UsedCodes {
  readonly #now: () => number;
  /** hash(serial, code) -> when it was sent. Hashes, so no code stays in memory. */
  readonly #sent = new Map<string, number>();

  constructor(now: () => number) {
    this.#now = now;
  }

  #key(serial: string, code: string): string {
    return createHash('sha256').update(`${serial}\u0000${code}`).digest('hex');
  }

  wasUsed(serial: string, code: string): boolean {
    this.#forgetOld();
    return this.#sent.has(this.#key(serial, code));
  }

  markUsed(serial: string, code: string): void {
    this.#sent.set(this.#key(serial, code), this.#now());
  }

  #forgetOld(): void {
    const cutoff = this.#now() - REMEMBER_MS;
    for (const [k, at] of this.#sent) if (at < cutoff) this.#sent.delete(k);
  }
}
