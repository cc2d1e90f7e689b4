// The session engine: runs a plan against STS and keeps what it gets. Every step goes
// through one cache (stepCache.ts); a step that needs an MFA code takes the caller's code
// once, or runs the profile's mfa_process, or answers "MFA required" so the caller can
// ask a person. Credentials are checked against the clock at every use, and so is a
// profile's max_session_lifetime: past it, the sessions that serve the profile are dropped
// at the next look (a resolve or `sessions`), whatever STS's Expiration says.
import { stringValue } from '../config/profiles.ts';
import type { Credentials } from '../credentials.ts';
import { keyIdSuffix } from '../credentials.ts';
import { AwsxError } from '../errors.ts';
import { planProfile } from '../plan/plan.ts';
import type { Plan } from '../plan/types.ts';
import type { MfaProcessRunner } from '../process/api.ts';
import type { StsTarget } from '../sts/api.ts';
import { resolveStsTarget } from '../sts/endpoint.ts';
import { isMfaCodeRejected, MfaNeeded, type MfaPrompt } from './mfa.ts';
import { UsedCodes } from './mfaCodes.ts';
import { CANCEL_BACKOFF_MS, MfaGate, promptCancelled } from './mfaGate.ts';
import { SOURCES, sourceFor, stepsOf, type SourceTable } from './sources/registry.ts';
import type { SourceDeps } from './sources/source.ts';
import { expiring } from './sources/stsAnswer.ts';
import { ADVISORY_MS, MANDATORY_MS, StepCache, type Entry } from './stepCache.ts';
import type { ResolveRequest, ResolveResult, SessionInfo } from './types.ts';

export interface EngineDeps extends Omit<SourceDeps, 'now'> {
  readonly runMfaProcess: MfaProcessRunner;
  readonly now?: () => number;
  /** The source of each kind of plan step (sources/registry.ts); a test may add a kind. */
  readonly sources?: SourceTable;
}

/** What one resolve carries from step to step. */
interface Run {
  readonly req: ResolveRequest;
  readonly target: StsTarget;
  code: string | undefined;
  /** The key of the last step that needed a code, for `sessions`. */
  codeKey: string | undefined;
  readonly keys: string[];
  /** max_session_lifetime: steps obtained longer ago than this are dropped, not served. */
  readonly maxLifetimeMs: number | undefined;
  /** Why what is served is not quite what was asked for (a refresh failed). */
  warning: string | undefined;
}

interface Served {
  readonly identity: string;
  readonly finalKey: string;
  readonly codeKey: string | undefined;
  readonly keys: readonly string[];
  readonly credentials: Credentials;
  readonly maxLifetimeMs: number | undefined;
}

export class SessionEngine {
  readonly #deps: EngineDeps;
  readonly #now: () => number;
  readonly #sourceDeps: SourceDeps;
  readonly #sources: SourceTable;
  readonly #cache: StepCache;
  readonly #codes: UsedCodes;
  readonly #gate: MfaGate;
  readonly #served = new Map<string, Served>();
  /** Per profile with a max lifetime: a timer that drops it on time. A hint only: every
   *  serve and `sessions` check the clock themselves (a suspended laptop fires no timer). */
  readonly #lifetimeTimers = new Map<string, NodeJS.Timeout>();

  constructor(deps: EngineDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
    this.#sourceDeps = { ...deps, now: this.#now };
    this.#sources = deps.sources ?? SOURCES;
    this.#cache = new StepCache(this.#now);
    this.#codes = new UsedCodes(this.#now);
    this.#gate = new MfaGate(this.#now);
  }

  async resolve(req: ResolveRequest): Promise<ResolveResult> {
    return this.resolvePlan(planProfile(req.set, req.profile, req.env), req);
  }

  /** Runs a plan made for req.profile (resolve's second half: a test may plan a kind of its own). */
  async resolvePlan(plan: Plan, req: ResolveRequest): Promise<ResolveResult> {
    const maxLifetimeMs = plan.maxSessionLifetime === undefined ? undefined : plan.maxSessionLifetime.seconds * 1000;
    const run: Run = { req, target: resolveStsTarget(req.env, req.set, req.profile, plan.region), code: req.mfaCode, codeKey: undefined, keys: [], maxLifetimeMs, warning: undefined };
    this.#dropOverLifetime();
    let credentials: Credentials;
    try {
      credentials = await this.#execute(plan, run);
    } catch (e) {
      if (e instanceof MfaNeeded) return { kind: 'mfa-required', profile: req.profile, serial: e.serial, reason: e.reason };
      throw e;
    }
    const finalKey = run.keys.at(-1);
    if (finalKey !== undefined) {
      this.#refuseExpiring(req.profile, finalKey, credentials);
      const identity = plan.hops.at(-1)?.roleArn ?? (plan.mfaSession ? `MFA session of ${plan.source.profile}` : plan.source.kind);
      this.#served.set(req.profile, { identity, finalKey, codeKey: run.codeKey, keys: run.keys, credentials, maxLifetimeMs });
      this.#hintLifetime(req.profile);
    }
    const region = stringValue(req.set.profiles.get(req.profile)?.keys, 'region');
    return { kind: 'credentials', profile: req.profile, credentials, region, ...(run.warning === undefined ? {} : { warning: run.warning }) };
  }

  /**
   * The last guard of test 29 (docs/security.md T9): what a credential_process gave may be
   * inside the mandatory window, which the SDKs refuse, so say why instead. STS's answers
   * are checked as they arrive (#issued), and cached ones are refreshed before that.
   */
  #refuseExpiring(profile: string, finalKey: string, credentials: Credentials): void {
    if (credentials.expiration === undefined) return;
    const left = this.#cache.remaining(finalKey) ?? 0;
    if (left < MANDATORY_MS) throw expiring(profile, left);
  }

  /** Walks the plan: each step's source gets the credentials of the step before. */
  async #execute(plan: Plan, run: Run): Promise<Credentials> {
    let creds: Credentials | undefined;
    for (const step of stepsOf(plan)) {
      const answer = await sourceFor(this.#sources, step)(step, { deps: this.#sourceDeps, req: run.req, target: run.target, signer: creds });
      creds = answer.kind === 'credentials' ? answer.credentials : await this.#step(run, answer.key, answer.mfa, answer.fetch);
    }
    return creds!;
  }

  /** One cached step: served from the cache while fresh, else fetched once for all callers. */
  async #step(run: Run, key: string, mfa: MfaPrompt | undefined, fetch: (code?: string) => Promise<Entry>): Promise<Credentials> {
    run.keys.push(key);
    if (mfa) run.codeKey = key;
    this.#dropIfOverLifetime(key, run.maxLifetimeMs);
    const left = this.#cache.remaining(key);
    const cached = this.#cache.peek(key);
    if (cached && left! >= ADVISORY_MS && !run.req.forceRefresh) return cached.credentials;
    const pending = this.#cache.pending(key);
    if (pending) return (await pending).credentials;
    if (!mfa) {
      try {
        return (await this.#cache.run(key, () => fetch())).credentials;
      } catch (e) {
        // Keep serving still-valid credentials while a refresh fails, down to the
        // mandatory window (docs/security.md T9, test 32); never near-expired ones.
        if (cached && left! >= MANDATORY_MS) {
          run.warning = `refreshing the session failed (${e instanceof AwsxError ? e.message : 'an unexpected error'}); serving it with ${Math.floor(left! / 60_000)} min left`;
          this.#deps.warn?.(`profile ${run.req.profile}: ${run.warning}`);
          return cached.credentials;
        }
        throw e;
      }
    }
    return this.#mfaStep(run, key, mfa, fetch, cached, left);
  }

  /**
   * A step that needs a code: the caller's (used once), else mfa_process's, else a person's
   * through the one prompt per device (mfaGate.ts). Still-valid credentials are served
   * rather than asking, down to the mandatory window.
   */
  async #mfaStep(run: Run, key: string, mfa: MfaPrompt, fetch: (code: string) => Promise<Entry>, cached: Entry | undefined, left: number | undefined): Promise<Credentials> {
    const given = run.code;
    run.code = undefined;
    if (given !== undefined) return this.#withCode(key, mfa, given, fetch);
    if (run.req.mfaPrompt === 'cancel') {
      this.#gate.cancel(mfa.serial);
      throw promptCancelled(run.req.profile, mfa.serial, CANCEL_BACKOFF_MS);
    }
    const usable = cached && left! >= MANDATORY_MS ? cached : undefined;
    const command = stringValue(run.req.set.profiles.get(mfa.profile)?.keys, 'mfa_process');
    if (command === undefined && (usable || run.req.mfaPrompt !== 'ask')) {
      if (usable) return usable.credentials;
      throw new MfaNeeded(mfa.serial, 'no-code');
    }
    const claim = this.#gate.claim(mfa.serial);
    if (claim.kind === 'refused' || (claim.kind === 'wait' && (await claim.outcome) === 'cancelled')) {
      if (usable) return usable.credentials;
      throw promptCancelled(run.req.profile, mfa.serial, claim.kind === 'refused' ? claim.retryInMs : CANCEL_BACKOFF_MS);
    }
    if (claim.kind === 'wait') {
      // The holder's code was used: its session may be the one this step needs.
      const fresh = this.#cache.peek(key);
      if (fresh && (this.#cache.remaining(key) ?? 0) >= ADVISORY_MS) return fresh.credentials;
      return this.#mfaStep(run, key, mfa, fetch, fresh, this.#cache.remaining(key));
    }
    if (command === undefined) throw new MfaNeeded(mfa.serial, 'no-code');
    let code: string;
    try {
      code = await this.#deps.runMfaProcess(mfa.profile, command, { env: run.req.env, cwd: run.req.cwd, timeoutMs: 60_000 });
    } catch (e) {
      this.#gate.cancel(mfa.serial); // a failed mfa_process is a declined prompt: no storm of reruns
      throw e;
    }
    return this.#withCode(key, mfa, code, fetch);
  }

  async #withCode(key: string, mfa: MfaPrompt, code: string, fetch: (code: string) => Promise<Entry>): Promise<Credentials> {
    if (this.#codes.wasUsed(mfa.serial, code)) {
      this.#gate.renew(mfa.serial);
      throw new MfaNeeded(mfa.serial, 'code-reused');
    }
    try {
      const entry = await this.#cache.run(key, () => {
        this.#codes.markUsed(mfa.serial, code);
        return fetch(code);
      });
      this.#gate.settle(mfa.serial);
      return entry.credentials;
    } catch (e) {
      // A refused code: the holder asks its person again, and the waiters keep waiting.
      if (isMfaCodeRejected(e)) {
        this.#gate.renew(mfa.serial);
        throw new MfaNeeded(mfa.serial, 'code-rejected');
      }
      this.#gate.settle(mfa.serial);
      throw e;
    }
  }

  sessions(): SessionInfo[] {
    this.#dropOverLifetime();
    const out: SessionInfo[] = [];
    for (const [profile, s] of this.#served) {
      const entry = this.#cache.peek(s.finalKey);
      if (!entry) continue;
      const finalLeft = this.#cache.remaining(s.finalKey) ?? 0;
      const codeLeft = s.codeKey === undefined ? Infinity : this.#cache.remaining(s.codeKey) ?? 0;
      out.push({
        profile,
        identity: s.identity,
        accessKeyIdSuffix: keyIdSuffix(entry.credentials.accessKeyId),
        expiration: entry.expiresAt === undefined ? undefined : new Date(entry.expiresAt),
        // The code step must still be fresh when the final credentials need refreshing.
        needsMfaToRefresh: s.codeKey !== undefined && (s.codeKey === s.finalKey || codeLeft < finalLeft),
      });
    }
    return out.sort((a, b) => a.profile.localeCompare(b.profile));
  }

  /** Drops one profile's role sessions (MFA sessions shared with other profiles stay), or everything. */
  forget(profile?: string): number {
    if (profile === undefined) {
      const n = this.#served.size;
      this.clear();
      return n;
    }
    const s = this.#served.get(profile);
    if (!s) return 0;
    for (const key of s.keys) if (key !== s.codeKey || s.codeKey === s.finalKey) this.#cache.delete(key);
    this.#dropServed(profile);
    return 1;
  }

  /** Drops every session and MFA session (SIGUSR2, `awsx lock`). */
  clear(): void {
    this.#cache.clear();
    for (const profile of [...this.#served.keys()]) this.#dropServed(profile);
  }

  /** A step obtained longer ago than the profile's max_session_lifetime is gone, whatever STS said. */
  #dropIfOverLifetime(key: string, maxLifetimeMs: number | undefined): void {
    const obtained = this.#cache.obtainedAt(key);
    if (maxLifetimeMs === undefined || obtained === undefined || this.#now() - obtained < maxLifetimeMs) return;
    this.#cache.delete(key);
    // The sessions obtained with it go too: a role refreshed an hour into an MFA session
    // does not outlive that session's limit.
    for (const [profile, s] of this.#served) {
      if (s.maxLifetimeMs === undefined || !s.keys.includes(key)) continue;
      for (const k of s.keys) this.#cache.delete(k);
      this.#dropServed(profile);
    }
  }

  /**
   * Every served profile past its max_session_lifetime loses all its sessions, its MFA
   * session included (the next use asks for a code again), and leaves `sessions`.
   */
  #dropOverLifetime(): void {
    const now = this.#now();
    for (const [profile, s] of this.#served) {
      if (s.maxLifetimeMs === undefined) continue;
      const oldest = Math.min(...s.keys.map((k) => this.#cache.obtainedAt(k) ?? Infinity));
      if (now - oldest < s.maxLifetimeMs) continue;
      for (const key of s.keys) this.#cache.delete(key);
      this.#dropServed(profile);
    }
  }

  #hintLifetime(profile: string): void {
    const s = this.#served.get(profile);
    clearTimeout(this.#lifetimeTimers.get(profile));
    this.#lifetimeTimers.delete(profile);
    if (s?.maxLifetimeMs === undefined) return;
    const oldest = Math.min(...s.keys.map((k) => this.#cache.obtainedAt(k) ?? Infinity));
    const inMs = Math.max(0, Math.min(oldest + s.maxLifetimeMs - this.#now(), 2 ** 31 - 1));
    const timer = setTimeout(() => this.#dropOverLifetime(), inMs + 10);
    timer.unref();
    this.#lifetimeTimers.set(profile, timer);
  }

  #dropServed(profile: string): void {
    clearTimeout(this.#lifetimeTimers.get(profile));
    this.#lifetimeTimers.delete(profile);
    this.#served.delete(profile);
  }
}
