// The session engine walks a plan: each step's source (sources/) gets the credentials of
// the step before, and every call goes through one cache and its refresh policy
// (stepCache.ts), a step that needs a code through the MFA gate (mfaStep.ts), and every
// signed call past the keys STS refused a moment ago (refusedKeys.ts). What it served is
// listed for `awsx sessions` (served.ts), and dropped at a profile's max_session_lifetime
// (lifetimes.ts).
import { stringValue } from '../config/profiles.ts';
import type { Credentials } from '../credentials.ts';
import { planProfile } from '../plan/plan.ts';
import type { Plan } from '../plan/types.ts';
import type { MfaProcessRunner } from '../process/api.ts';
import { resolveStsTarget } from '../sts/endpoint.ts';
import { Lifetimes } from './lifetimes.ts';
import { MfaNeeded } from './mfa.ts';
import { MfaSteps } from './mfaStep.ts';
import { RefusedKeys } from './refusedKeys.ts';
import { ServedSessions } from './served.ts';
import { SOURCES, sourceFor, stepsOf, type SourceTable } from './sources/registry.ts';
import type { SourceDeps, StepAnswer, StepContext } from './sources/source.ts';
import { expiring } from './sources/stsAnswer.ts';
import { MANDATORY_MS, StepCache, type Served } from './stepCache.ts';
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
  code: string | undefined;
  readonly keys: string[];
  /** The key of the last step that needed a code, for `sessions`. */
  codeKey: string | undefined;
  readonly maxLifetimeMs: number | undefined;
  /** The last cached step's answer; a refresh that failed leaves its warning here. */
  last: Served | undefined;
  warning: string | undefined;
}

export class SessionEngine {
  readonly #deps: EngineDeps;
  readonly #now: () => number;
  readonly #sourceDeps: SourceDeps;
  readonly #sources: SourceTable;
  readonly #cache: StepCache;
  readonly #mfa: MfaSteps;
  readonly #served: ServedSessions;
  readonly #lifetimes: Lifetimes;
  readonly #refused: RefusedKeys;

  constructor(deps: EngineDeps) {
    const now = deps.now ?? Date.now;
    this.#deps = deps;
    this.#now = now;
    this.#refused = new RefusedKeys(now);
    this.#sourceDeps = { ...deps, now, sts: this.#refused.wrap(deps.sts) };
    this.#sources = deps.sources ?? SOURCES;
    this.#cache = new StepCache(now);
    this.#mfa = new MfaSteps(this.#cache, now, deps.runMfaProcess);
    this.#served = new ServedSessions(this.#cache);
    this.#lifetimes = new Lifetimes(this.#cache, this.#served, now);
  }

  async resolve(req: ResolveRequest): Promise<ResolveResult> {
    return this.resolvePlan(planProfile(req.set, req.profile, req.env), req);
  }

  /** Runs a plan made for req.profile (resolve's second half: a test may plan a kind of its own). */
  async resolvePlan(plan: Plan, req: ResolveRequest): Promise<ResolveResult> {
    const maxLifetimeMs = plan.maxSessionLifetime === undefined ? undefined : plan.maxSessionLifetime.seconds * 1000;
    const run: Run = { req, code: req.mfaCode, keys: [], codeKey: undefined, maxLifetimeMs, last: undefined, warning: undefined };
    const ctx = { deps: this.#sourceDeps, req, target: resolveStsTarget(req.env, req.set, req.profile, plan.region) };
    this.#lifetimes.dropExpired();
    let credentials: Credentials | undefined;
    try {
      for (const step of stepsOf(plan)) {
        const answer = await sourceFor(this.#sources, step)(step, { ...ctx, signer: credentials } satisfies StepContext);
        credentials = answer.kind === 'credentials' ? answer.credentials : await this.#step(run, answer);
      }
    } catch (e) {
      if (e instanceof MfaNeeded) return { kind: 'mfa-required', profile: req.profile, serial: e.serial, reason: e.reason };
      throw e;
    }
    if (run.last) {
      refuseExpiring(req.profile, credentials!, run.last, this.#now());
      this.#served.record(req.profile, { identity: identityOf(plan), keys: run.keys, codeKey: run.codeKey, maxLifetimeMs });
      this.#lifetimes.schedule(req.profile);
    }
    const region = stringValue(req.set.profiles.get(req.profile)?.keys, 'region');
    return { kind: 'credentials', profile: req.profile, credentials: credentials!, region, ...(run.warning === undefined ? {} : { warning: run.warning }) };
  }

  /** One cached step: the refresh policy is the cache's, the code the MFA gate's. */
  async #step(run: Run, { key, mfa, fetch }: Extract<StepAnswer, { kind: 'call' }>): Promise<Credentials> {
    run.keys.push(key);
    if (mfa) run.codeKey = key;
    this.#lifetimes.checkStep(key, run.maxLifetimeMs);
    const force = run.req.forceRefresh === true;
    const caller = {
      req: run.req,
      takeCode: () => {
        const code = run.code;
        run.code = undefined;
        return code;
      },
    };
    const served = mfa ? await this.#mfa.get(caller, key, mfa, fetch, force) : await this.#cache.get(key, fetch, { force });
    if (served.warning !== undefined) {
      run.warning = served.warning;
      this.#deps.warn?.(`profile ${run.req.profile}: ${served.warning}`);
    }
    run.last = served;
    return served.credentials;
  }

  sessions(): SessionInfo[] {
    this.#lifetimes.dropExpired();
    return this.#served.list();
  }

  /** Drops one profile's role sessions (MFA sessions shared with other profiles stay), or everything. */
  forget(profile?: string): number {
    this.#refused.clear();
    return profile === undefined ? this.#served.clear() : this.#served.forget(profile);
  }

  /** Drops every session and MFA session (SIGUSR2, `awsx lock`), and the keys STS refused. */
  clear(): void {
    this.#refused.clear();
    this.#served.clear();
  }
}

/**
 * The last guard of test 29 (docs/security.md T9): what a credential_process gave may be
 * inside the mandatory window, which the SDKs refuse, so say why instead. STS's answers
 * are checked as they arrive (sources/stsAnswer.ts), and cached ones are refreshed before.
 */
function refuseExpiring(profile: string, credentials: Credentials, final: Served, now: number): void {
  if (credentials.expiration === undefined || final.expiresAt === undefined) return;
  const left = final.expiresAt - now;
  if (left < MANDATORY_MS) throw expiring(profile, left);
}

function identityOf(plan: Plan): string {
  return plan.hops.at(-1)?.roleArn ?? (plan.mfaSession ? `MFA session of ${plan.source.profile}` : plan.source.kind);
}
