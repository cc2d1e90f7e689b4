// The container endpoint's tokens (docs/security.md T7, tests 44-46): one per `awsx exec
// --ecs-server` or shell, scoped to one profile, valid until its owner process exits or it
// is revoked (`awsx clear`, `awsx forget`, SIGUSR2). Only a SHA-256 digest of each token is
// kept; a presented token is hashed and compared with timingSafeEqual, so the time taken
// does not depend on where it first differs. Each token has a public id (its URL path), so
// a request finds its one candidate without comparing against the others.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { WireEnv } from '../../ipc/protocol.ts';
import { isOwnerAlive, type Owner } from './owner.ts';

/** 256 bits (docs/security.md T7); base64url, so it is a valid header value as it is. */
const TOKEN_BYTES = 32;
const ID_BYTES = 16;
/** How often exited owners are looked for; a request checks its own owner at once anyway. */
export const OWNER_POLL_MS = 1_000;

export interface EcsToken {
  readonly id: string;
  readonly profile: string;
  readonly owner: Owner;
  /** The owner's command line, for `awsx sessions` (argv is public anyway). */
  readonly command: string;
  /** The registering caller's truth, as a resolve carries it (config files, region, endpoint). */
  readonly env: WireEnv;
  readonly cwd: string | undefined;
  /** The address the token's URL names: 127.0.0.1, or a --listen address. */
  readonly address: string;
  readonly createdAt: Date;
}

interface Held extends EcsToken {
  readonly digest: Buffer;
}

export type NewToken = Omit<EcsToken, 'id' | 'createdAt'>;

export class EcsTokens {
  readonly #byId = new Map<string, Held>();
  readonly #onRevoke: (t: EcsToken, why: string) => void;
  readonly #isAlive: (o: Owner) => boolean;
  #timer: NodeJS.Timeout | undefined;

  constructor(onRevoke: (t: EcsToken, why: string) => void, isAlive: (o: Owner) => boolean = isOwnerAlive) {
    this.#onRevoke = onRevoke;
    this.#isAlive = isAlive;
  }

  get size(): number {
    return this.#byId.size;
  }

  register(t: NewToken): { readonly id: string; readonly token: string } {
    const id = randomBytes(ID_BYTES).toString('base64url');
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    this.#byId.set(id, { ...t, id, createdAt: new Date(), digest: digestOf(token) });
    this.#timer ??= setInterval(() => this.sweep(), OWNER_POLL_MS).unref();
    return { id, token };
  }

  /** The token with this id if `presented` is its token and its owner still runs. */
  check(id: string, presented: string | undefined): EcsToken | undefined {
    // Hashed whether or not the id exists, so an unknown id costs what a wrong token does.
    const given = digestOf(presented ?? '');
    const held = this.#byId.get(id);
    if (held === undefined || !timingSafeEqual(given, held.digest)) return undefined;
    if (!this.#isAlive(held.owner)) {
      this.#revoke(held, `its process ${held.owner.pid} exited`);
      return undefined;
    }
    return held;
  }

  /** Revokes the token whose value is `token`; 1 if there was one. */
  revokeToken(token: string, why: string): number {
    const given = digestOf(token);
    for (const held of this.#byId.values()) {
      if (timingSafeEqual(given, held.digest)) return this.#revoke(held, why);
    }
    return 0;
  }

  /** Every token of `profile`, or every token when undefined. */
  revokeProfile(profile: string | undefined, why: string): number {
    let n = 0;
    for (const held of [...this.#byId.values()]) if (profile === undefined || held.profile === profile) n += this.#revoke(held, why);
    return n;
  }

  list(): EcsToken[] {
    return [...this.#byId.values()].map(({ digest: _digest, ...t }) => t);
  }

  /** Drops the tokens whose owner exited. */
  sweep(): void {
    for (const held of [...this.#byId.values()]) if (!this.#isAlive(held.owner)) this.#revoke(held, `its process ${held.owner.pid} exited`);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#byId.clear();
  }

  #revoke(held: Held, why: string): number {
    if (!this.#byId.delete(held.id)) return 0;
    if (this.#byId.size === 0) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
    const { digest: _digest, ...t } = held;
    this.#onRevoke(t, why);
    return 1;
  }
}

function digestOf(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
