// The session engine's public shape: what the daemon asks, and what it gets back.
import type { ProfileSet } from '../config/profiles.ts';
import type { Credentials } from '../credentials.ts';

export type Env = Readonly<Record<string, string | undefined>>;

export interface ResolveRequest {
  /** The profile model read with the caller's AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE. */
  readonly set: ProfileSet;
  readonly profile: string;
  /**
   * The caller's environment: AWS_ACCESS_KEY_ID & co. for credential_source = Environment,
   * AWS_DEFAULT_REGION, the endpoint variables, and the env a credential_process runs with.
   */
  readonly env: Env;
  readonly cwd?: string | undefined;
  /** A code typed by a person for the device the last answer asked about. Used once. */
  readonly mfaCode?: string | undefined;
  /**
   * How this caller takes part in the one MFA prompt per device (mfaGate.ts): 'ask' may
   * hold the prompt or wait for the one held; 'cancel' ends it. Undefined: neither.
   */
  readonly mfaPrompt?: 'ask' | 'cancel' | undefined;
  /** Aborted when the caller goes away: an MFA prompt it holds is let go at once (mfaGate.ts). */
  readonly callerGone?: AbortSignal | undefined;
  /** Skip the cache and refresh every step that can be refreshed (`awsx sessions --refresh`). */
  readonly forceRefresh?: boolean | undefined;
}

export type ResolveResult =
  | {
      readonly kind: 'credentials';
      readonly profile: string;
      readonly credentials: Credentials;
      /** The region to export: AWS_DEFAULT_REGION of the caller, else the profile's region. */
      readonly region: string | undefined;
      /** Served, but the person should know: a refresh failed and a still-valid session was served. */
      readonly warning?: string | undefined;
    }
  | {
      readonly kind: 'mfa-required';
      readonly profile: string;
      /** The MFA device a code is needed for. */
      readonly serial: string;
      /** Why: no code given, or the last one was refused or already used. */
      readonly reason: 'no-code' | 'code-rejected' | 'code-reused';
    };

/** What `awsx sessions` shows: one row per profile the engine has served. */
export interface SessionInfo {
  readonly profile: string;
  /** The ARN of the last hop's role, or the source kind for a profile without a role. */
  readonly identity: string;
  readonly accessKeyIdSuffix: string;
  readonly expiration: Date | undefined;
  /** True when the next refresh cannot happen without a person typing a code. */
  readonly needsMfaToRefresh: boolean;
}
