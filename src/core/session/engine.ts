// The session engine: runs a plan against STS and keeps what it gets. Every step goes
// through one cache (stepCache.ts); a step that needs an MFA code takes the caller's code
// once, or runs the profile's mfa_process, or answers "MFA required" so the caller can
// ask a person. Credentials are checked against the clock at every use.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { stringValue } from '../config/profiles.ts';
import type { Credentials } from '../credentials.ts';
import { keyIdSuffix } from '../credentials.ts';
import { AwsxError } from '../errors.ts';
import { planProfile } from '../plan/plan.ts';
import type { Plan, RoleHop, SourceStep } from '../plan/types.ts';
import type { CredentialProcessRunner, MfaProcessRunner } from '../process/api.ts';
import type { IssuedCredentials, StsApi, StsTarget } from '../sts/api.ts';
import { resolveStsTarget } from '../sts/endpoint.ts';
import { MAX_CHAINED_DURATION } from '../stsLimits.ts';
import { environmentCredentials } from './environmentSource.ts';
import { hopKey, mfaSessionKey, processKey, webIdentityKey } from './keys.ts';
import { isMfaCodeRejected, MfaNeeded, type MfaPrompt } from './mfa.ts';
import { UsedCodes } from './mfaCodes.ts';
import { ADVISORY_MS, MANDATORY_MS, StepCache, type Entry } from './stepCache.ts';
import type { ResolveRequest, ResolveResult, SessionInfo } from './types.ts';

export interface EngineDeps {
  readonly sts: StsApi;
  readonly runCredentialProcess: CredentialProcessRunner;
  readonly runMfaProcess: MfaProcessRunner;
  readonly now?: () => number;
  readonly readFile?: (path: string) => string;
  readonly processTimeoutMs?: number;
  /** How long credential_process output without an Expiration is reused. */
  readonly processCacheMs?: number;
}

/** What one resolve carries from step to step. */
interface Run {
  readonly req: ResolveRequest;
  readonly target: StsTarget;
  code: string | undefined;
  /** The key of the last step that needed a code, for `sessions`. */
  codeKey: string | undefined;
  readonly keys: string[];
}

interface Served {
  readonly identity: string;
  readonly finalKey: string;
  readonly codeKey: string | undefined;
  readonly keys: readonly string[];
  readonly credentials: Credentials;
}

export class SessionEngine {
  readonly #deps: EngineDeps;
  readonly #now: () => number;
  readonly #cache: StepCache;
  readonly #codes: UsedCodes;
  readonly #served = new Map<string, Served>();

  constructor(deps: EngineDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
    this.#cache = new StepCache(this.#now);
    this.#codes = new UsedCodes(this.#now);
  }

  async resolve(req: ResolveRequest): Promise<ResolveResult> {
    const plan = planProfile(req.set, req.profile, req.env);
    const run: Run = { req, target: resolveStsTarget(req.env, req.set, req.profile, plan.region), code: req.mfaCode, codeKey: undefined, keys: [] };
    let credentials: Credentials;
    try {
      credentials = await this.#execute(plan, run);
    } catch (e) {
      if (e instanceof MfaNeeded) return { kind: 'mfa-required', profile: req.profile, serial: e.serial, reason: e.reason };
      throw e;
    }
    const finalKey = run.keys.at(-1);
    if (finalKey !== undefined) {
      const identity = plan.hops.at(-1)?.roleArn ?? (plan.mfaSession ? `MFA session of ${plan.source.profile}` : plan.source.kind);
      this.#served.set(req.profile, { identity, finalKey, codeKey: run.codeKey, keys: run.keys, credentials });
    }
    return { kind: 'credentials', profile: req.profile, credentials, region: stringValue(req.set.profiles.get(req.profile)?.keys, 'region') };
  }

  async #execute(plan: Plan, run: Run): Promise<Credentials> {
    let creds = await this.#source(plan.source, run);
    if (plan.mfaSession) {
      const step = plan.mfaSession;
      const signer = creds;
      const key = mfaSessionKey(signer.accessKeyId, step, run.target);
      const owner = plan.hops[0]?.profile ?? plan.profile;
      creds = await this.#step(run, key, { serial: step.serial, profile: owner }, (code) =>
        this.#deps.sts.getSessionToken({ durationSeconds: step.durationSeconds, serialNumber: step.serial, tokenCode: code }, signer, run.target).then(issued));
    }
    for (const hop of plan.hops) creds = await this.#hop(hop, creds, run);
    return creds;
  }

  #hop(hop: RoleHop, signer: Credentials, run: Run): Promise<Credentials> {
    // Role chaining is limited to 1 h; a source known to be temporary only at run time
    // (credential_process, credential_source) is capped here, the rest by the planner.
    const duration = signer.sessionToken && (hop.durationSeconds ?? 0) > MAX_CHAINED_DURATION ? MAX_CHAINED_DURATION : hop.durationSeconds;
    const key = hopKey(signer.accessKeyId, hop, duration, run.target);
    const mfa = hop.mfaSerial === undefined ? undefined : { serial: hop.mfaSerial, profile: hop.profile };
    return this.#step(run, key, mfa, (code) =>
      this.#deps.sts.assumeRole({
        roleArn: hop.roleArn,
        sessionName: hop.sessionName ?? `awsx-${Math.floor(this.#now() / 1000)}`,
        externalId: hop.externalId,
        durationSeconds: duration,
        serialNumber: hop.mfaSerial,
        tokenCode: code,
      }, signer, run.target).then(issued));
  }

  async #source(source: SourceStep, run: Run): Promise<Credentials> {
    switch (source.kind) {
      case 'static':
        return { accessKeyId: source.accessKeyId, secretAccessKey: source.secretAccessKey, sessionToken: source.sessionToken };
      case 'credential-source':
        if (source.source !== 'Environment') {
          throw new AwsxError('Unsupported', `profile ${source.profile}: credential_source = ${source.source} is not supported by awsx yet`, {
            hint: 'use the AWS CLI for this profile, or credential_source = Environment',
          });
        }
        return environmentCredentials(source.profile, run.req.env);
      case 'process': {
        const ctx = { env: run.req.env, cwd: run.req.cwd, timeoutMs: this.#deps.processTimeoutMs ?? 30_000 };
        return this.#step(run, processKey(source.command, run.req.cwd), undefined, () =>
          this.#deps.runCredentialProcess(source.profile, source.command, ctx).then((c) => ({
            credentials: c,
            expiresAt: c.expiration?.getTime() ?? this.#now() + (this.#deps.processCacheMs ?? 5 * 60_000),
          })));
      }
      case 'web-identity': {
        const token = (this.#deps.readFile ?? ((p: string) => readFileSync(p, 'utf8')))(source.tokenFile);
        const hash = createHash('sha256').update(token).digest('hex');
        const key = webIdentityKey(source.roleArn, source.sessionName, source.tokenFile, hash, run.target);
        return this.#step(run, key, undefined, () =>
          this.#deps.sts.assumeRoleWithWebIdentity({ roleArn: source.roleArn, sessionName: source.sessionName ?? `awsx-${Math.floor(this.#now() / 1000)}`, webIdentityToken: token }, run.target).then(issued));
      }
    }
  }

  /** One cached step: served from the cache while fresh, else fetched once for all callers. */
  async #step(run: Run, key: string, mfa: MfaPrompt | undefined, fetch: (code?: string) => Promise<Entry>): Promise<Credentials> {
    run.keys.push(key);
    if (mfa) run.codeKey = key;
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
        // mandatory window (spec/security.md T9, test 32); never near-expired ones.
        if (cached && left! >= MANDATORY_MS) return cached.credentials;
        throw e;
      }
    }
    const code = await this.#takeCode(run, mfa);
    if (code === undefined) {
      if (cached && left! >= MANDATORY_MS) return cached.credentials;
      throw new MfaNeeded(mfa.serial, 'no-code');
    }
    if (this.#codes.wasUsed(mfa.serial, code)) throw new MfaNeeded(mfa.serial, 'code-reused');
    try {
      return (await this.#cache.run(key, () => {
        this.#codes.markUsed(mfa.serial, code);
        return fetch(code);
      })).credentials;
    } catch (e) {
      if (isMfaCodeRejected(e)) throw new MfaNeeded(mfa.serial, 'code-rejected');
      throw e;
    }
  }

  /** The caller's code, used once; else the profile's mfa_process; else none. */
  async #takeCode(run: Run, mfa: MfaPrompt): Promise<string | undefined> {
    if (run.code !== undefined) {
      const code = run.code;
      run.code = undefined;
      return code;
    }
    const command = stringValue(run.req.set.profiles.get(mfa.profile)?.keys, 'mfa_process');
    if (command === undefined) return undefined;
    return this.#deps.runMfaProcess(mfa.profile, command, { env: run.req.env, cwd: run.req.cwd, timeoutMs: 60_000 });
  }

  sessions(): SessionInfo[] {
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
    this.#served.delete(profile);
    return 1;
  }

  /** Drops every session and MFA session (SIGUSR2, `awsx lock`). */
  clear(): void {
    this.#cache.clear();
    this.#served.clear();
  }
}

/** Expiry on our clock: STS's Expiration less how far STS's clock is ahead of ours. */
function issued(c: IssuedCredentials): Entry {
  return { credentials: c, expiresAt: c.expiration.getTime() - (c.clockSkewMs ?? 0) };
}
