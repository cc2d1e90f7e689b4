// A credential source: one kind of plan step turned into credentials. Each kind is one file
// in this folder behind this one function type, as aws-vault's providers and the SDK's
// fromX functions are, and one line of the table in registry.ts. A source gets what it
// needs injected (the deps, the caller's request, where STS is, the credentials of the step
// before it) and answers either credentials at hand (keys from a file or the environment:
// nothing to cache) or a call, which the engine caches under `key` and refreshes by one
// policy (stepCache.ts), asking for an MFA code first when `mfa` is set (mfaGate.ts).
import type { Credentials } from '../../credentials.ts';
import type { CallerFileReader } from '../../files/readCallerFile.ts';
import type { CredentialProcessRunner } from '../../process/api.ts';
import type { StsApi, StsTarget } from '../../sts/api.ts';
import type { MfaPrompt } from '../mfa.ts';
import type { Entry } from '../stepCache.ts';
import type { ResolveRequest } from '../types.ts';

export interface SourceDeps {
  readonly sts: StsApi;
  readonly runCredentialProcess: CredentialProcessRunner;
  readonly now: () => number;
  /** Files a profile names, read for the caller (files/readCallerFile.ts; tests may replace it). */
  readonly readCallerFile?: CallerFileReader | undefined;
  readonly processTimeoutMs?: number | undefined;
  /** How long credential_process output without an Expiration is reused. */
  readonly processCacheMs?: number | undefined;
  /** Things worth a line in the daemon's log: a clock far off STS's. */
  readonly warn?: ((message: string) => void) | undefined;
}

export interface StepContext {
  readonly deps: SourceDeps;
  readonly req: ResolveRequest;
  readonly target: StsTarget;
  /** The credentials the step before produced; undefined for the first step. */
  readonly signer: Credentials | undefined;
}

export type StepAnswer =
  | { readonly kind: 'credentials'; readonly credentials: Credentials }
  | {
      readonly kind: 'call';
      /** Everything that changes the result, and no secret (keys.ts). */
      readonly key: string;
      /** Set when the call needs a code from this MFA device. */
      readonly mfa?: MfaPrompt | undefined;
      readonly fetch: (code?: string) => Promise<Entry>;
    };

export type Source<S> = (step: S, ctx: StepContext) => StepAnswer | Promise<StepAnswer>;

/** The signer of a step that is never first (the plan always starts with a source). */
export function signerOf(ctx: StepContext): Credentials {
  if (ctx.signer === undefined) throw new Error('a plan step that needs a signer came first');
  return ctx.signer;
}
