// A plan is pure data: how one profile's credentials are obtained, step by step, in the
// order they run. The planner makes it from the config; the session engine executes it.
import type { KeyOrigin } from '../config/profiles.ts';

export type CredentialSource = 'Environment' | 'Ec2InstanceMetadata' | 'EcsContainer';

/** Where the first credentials come from. */
export type SourceStep =
  | {
      readonly kind: 'static';
      readonly profile: string;
      readonly origin: KeyOrigin;
      readonly accessKeyId: string;
      readonly secretAccessKey: string;
      readonly sessionToken: string | undefined;
    }
  | { readonly kind: 'process'; readonly profile: string; readonly command: string; readonly origin: KeyOrigin }
  | { readonly kind: 'credential-source'; readonly profile: string; readonly source: CredentialSource }
  | {
      readonly kind: 'web-identity';
      readonly profile: string;
      readonly roleArn: string;
      readonly tokenFile: string;
      readonly sessionName: string | undefined;
    };

/** GetSessionToken with an MFA code, signed by the source's long-term keys (spec section 13). */
export interface MfaSessionStep {
  readonly serial: string;
  /** Undefined: STS's default (12 h; 1 h for a root user). */
  readonly durationSeconds: number | undefined;
}

/** One AssumeRole. */
export interface RoleHop {
  readonly profile: string;
  readonly roleArn: string;
  /** Undefined: a generated name. */
  readonly sessionName: string | undefined;
  readonly externalId: string | undefined;
  /** Undefined: not sent, so STS's default (1 h) applies. */
  readonly durationSeconds: number | undefined;
  /** Set when a chained hop's duration was capped at 3600 s; the configured value. */
  readonly durationCappedFrom: number | undefined;
  /** Set when the MFA code is sent with this AssumeRole. */
  readonly mfaSerial: string | undefined;
}

/** max_session_lifetime: sessions are dropped this long after they were obtained (lifetime.ts). */
export interface SessionLifetime {
  readonly seconds: number;
  /** Where it was set: `profile NAME` or `[awsx]`. */
  readonly setBy: string;
}

export interface Plan {
  readonly profile: string;
  readonly source: SourceStep;
  readonly mfaSession: MfaSessionStep | undefined;
  readonly hops: readonly RoleHop[];
  /** The STS client region: AWS_DEFAULT_REGION, else the selected profile's region. */
  readonly region: string | undefined;
  /** Why the plan differs from what the config says literally (caps, ignored values). */
  readonly notes: readonly string[];
  readonly maxSessionLifetime?: SessionLifetime | undefined;
}
