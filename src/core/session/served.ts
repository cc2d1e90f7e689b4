// The profiles the engine has served, for `awsx sessions` and `awsx forget`: for each, the
// cached steps that made its credentials (keys, in plan order), the one that needed an MFA
// code, and its max_session_lifetime. The credentials themselves stay in the step cache.
import { keyIdSuffix } from '../credentials.ts';
import type { StepCache } from './stepCache.ts';
import type { SessionInfo } from './types.ts';

export interface ServedProfile {
  /** The ARN of the last hop's role, or what the credentials are without a role. */
  readonly identity: string;
  readonly keys: readonly string[];
  /** The key of the last step that needed a code. */
  readonly codeKey: string | undefined;
  readonly maxLifetimeMs: number | undefined;
}

export class ServedSessions {
  readonly #cache: StepCache;
  readonly #byProfile = new Map<string, ServedProfile>();

  constructor(cache: StepCache) {
    this.#cache = cache;
  }

  record(profile: string, served: ServedProfile): void {
    this.#byProfile.set(profile, served);
  }

  get(profile: string): ServedProfile | undefined {
    return this.#byProfile.get(profile);
  }

  entries(): IterableIterator<[string, ServedProfile]> {
    return this.#byProfile.entries();
  }

  /** The profile leaves the list; its steps are the caller's to drop. */
  drop(profile: string): void {
    this.#byProfile.delete(profile);
  }

  list(): SessionInfo[] {
    const out: SessionInfo[] = [];
    for (const [profile, s] of this.#byProfile) {
      const final = this.#cache.look(s.keys.at(-1)!);
      if (!final) continue;
      const codeLeft = s.codeKey === undefined ? Infinity : this.#cache.look(s.codeKey)?.leftMs ?? 0;
      out.push({
        profile,
        identity: s.identity,
        accessKeyIdSuffix: keyIdSuffix(final.credentials.accessKeyId),
        expiration: final.expiresAt === undefined ? undefined : new Date(final.expiresAt),
        // The code step must still be fresh when the final credentials need refreshing.
        needsMfaToRefresh: s.codeKey !== undefined && (s.codeKey === s.keys.at(-1) || codeLeft < final.leftMs),
      });
    }
    return out.sort((a, b) => a.profile.localeCompare(b.profile));
  }

  /** Drops one profile's role sessions (MFA sessions shared with other profiles stay). */
  forget(profile: string): number {
    const s = this.#byProfile.get(profile);
    if (!s) return 0;
    const finalKey = s.keys.at(-1);
    for (const key of s.keys) if (key !== s.codeKey || s.codeKey === finalKey) this.#cache.delete(key);
    this.drop(profile);
    return 1;
  }

  /** Drops every profile and every step with it (SIGUSR2, `awsx lock`); returns how many profiles. */
  clear(): number {
    const n = this.#byProfile.size;
    this.#cache.clear();
    this.#byProfile.clear();
    return n;
  }
}
