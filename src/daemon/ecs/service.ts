// The container credentials endpoint as the daemon holds it (docs/security.md T7, section J;
// docs/ecs-server.md): the tokens, the listeners, and how a checked token becomes an answer,
// through the same credential wrapper as the socket (credentialCall.ts: the lock, the
// last-good-config note) and the same audit line, which here also names the client's port.
import { isIPv4 } from 'node:net';
import { AwsxError } from '../../core/errors.ts';
import type { Params, Result } from '../../ipc/protocol.ts';
import { credentialCall, engineResolve, refuseWhileLocked, type CredentialDeps } from '../credentialCall.ts';
import type { Logger } from '../log.ts';
import { ecsBody, type EcsBody } from './answer.ts';
import { ownerExe, ownerNow } from './owner.ts';
import type { RateLimit } from './rateLimit.ts';
import { EcsEndpoint, LOOPBACK } from './server.ts';
import { EcsTokens, type EcsToken } from './tokens.ts';

// Far beyond any person's shells and commands; bounds what a runaway script can make us hold.
const MAX_TOKENS = 10_000;

export interface EcsDeps extends CredentialDeps {
  readonly log: Logger;
  readonly rateLimit?: RateLimit;
  readonly onActivity?: () => void;
}

export class EcsService {
  readonly #d: EcsDeps;
  readonly #tokens: EcsTokens;
  readonly #endpoint: EcsEndpoint;
  readonly #urls = new Map<string, string>();

  constructor(d: EcsDeps) {
    this.#d = d;
    this.#tokens = new EcsTokens((t, why) => {
      this.#urls.delete(t.id);
      d.log.info(`container token for ${t.profile} (pid ${t.owner.pid}) revoked: ${why}`);
    });
    this.#endpoint = new EcsEndpoint({
      tokens: this.#tokens,
      serve: (t, peer) => this.#serve(t, peer),
      log: d.log,
      ...(d.rateLimit ? { rateLimit: d.rateLimit } : {}),
      ...(d.onActivity ? { onActivity: d.onActivity } : {}),
    });
  }

  /** Live tokens (the daemon does not idle-exit while any is held). */
  get size(): number {
    return this.#tokens.size;
  }

  /** A token for p.profile, once the daemon serves that profile from its cache now. */
  async register(p: Params<'ecsToken'>): Promise<Result<'ecsToken'>> {
    refuseWhileLocked(this.#d);
    const address = p.listen ?? LOOPBACK;
    if (!isIPv4(address) || address === '0.0.0.0') {
      throw new AwsxError('UsageError', `--listen ${JSON.stringify(address.slice(0, 64))}: not one IPv4 address of this machine`, { hint: 'give one address, e.g. the docker0 bridge 172.17.0.1; never 0.0.0.0' });
    }
    const owner = ownerNow(p.pid);
    if (owner === undefined) throw new AwsxError('ValidationError', `container token: process ${p.pid} is not running`, { hint: 'register the token from the process that will hold it' });
    if (this.#tokens.size >= MAX_TOKENS) {
      this.#tokens.sweep();
      if (this.#tokens.size >= MAX_TOKENS) throw new AwsxError('ValidationError', `container token: ${MAX_TOKENS} tokens are live already`, { hint: 'end some `awsx exec --ecs-server` commands, or awsx forget --all' });
    }
    const env = p.env;
    const cwd = p.cwd;
    // Served now, or never: an MFA code still to type, long-term keys, a missing profile.
    ecsBody(await credentialCall(this.#d, { env, cwd }, (set) => engineResolve(this.#d, set, { profile: p.profile, env, cwd })));
    const { id, token } = this.#tokens.register({ profile: p.profile, owner, command: p.command, env, cwd, address });
    const url = await this.#endpoint.urlFor(address, id).catch((e: unknown) => {
      this.#tokens.revokeToken(token, 'its listener did not start');
      throw e;
    });
    this.#urls.set(id, url);
    this.#d.log.info(`container token for ${p.profile}: held by pid ${p.pid} (${ownerExe(p.pid)}) at ${url}`);
    return { url, token };
  }

  revokeToken(token: string, why: string): number {
    return this.#tokens.revokeToken(token, why);
  }

  /** `awsx forget PROFILE` (or all when undefined), SIGUSR2. */
  revokeProfile(profile: string | undefined, why: string): number {
    return this.#tokens.revokeProfile(profile, why);
  }

  list(): NonNullable<Result<'sessions'>['endpoints']> {
    this.#tokens.sweep();
    return this.#tokens.list().map((t) => ({ profile: t.profile, pid: t.owner.pid, command: t.command, url: this.#urls.get(t.id) ?? '', createdAt: t.createdAt.toISOString() }));
  }

  close(): void {
    this.#tokens.stop();
    this.#endpoint.close();
  }

  async #serve(t: EcsToken, peer: string): Promise<EcsBody> {
    const r = await credentialCall(this.#d, t, (set) => engineResolve(this.#d, set, { profile: t.profile, env: t.env, cwd: t.cwd }));
    const body = ecsBody(r);
    if (r.kind === 'credentials' && r.warning !== undefined) this.#d.log.warn(`profile ${t.profile}: ${r.warning}`);
    // The audit trail (docs/security.md T3, T7): which profile, which client port, whose token.
    this.#d.log.info(`served ${t.profile} to ${peer} over the container endpoint (token of pid ${t.owner.pid} (${ownerExe(t.owner.pid)}))`);
    return body;
  }
}
