// STS as the session engine sees it: five calls, each given where to send it and what to
// sign with. The real implementation (sdkSts.ts) uses @aws-sdk/client-sts; tests of the
// engine's edges may pass a fake. Every failure is an StsError (errors.ts: an AwsxError with
// code 'StsError', `stsCode`, `reason` and `transient`), its message naming the fix.
import type { Credentials } from '../credentials.ts';

export interface StsTarget {
  /** The region to sign for. */
  readonly region: string;
  /** The endpoint URL (resolveStsTarget always sets one); undefined: the regional endpoint (regionalStsEndpoint). */
  readonly endpoint: string | undefined;
}

export interface AssumeRoleInput {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly externalId?: string | undefined;
  readonly durationSeconds?: number | undefined;
  readonly serialNumber?: string | undefined;
  readonly tokenCode?: string | undefined;
}

export interface GetSessionTokenInput {
  readonly durationSeconds?: number | undefined;
  readonly serialNumber?: string | undefined;
  readonly tokenCode?: string | undefined;
}

/** GetFederationToken: long-term IAM user keys only; no MFA can go with it. */
export interface FederationTokenInput {
  /** 2 to 32 characters of [\w+=,.@-]. */
  readonly name: string;
  /** The session policy: a federated user has no permissions without one. */
  readonly policy: string;
  readonly durationSeconds?: number | undefined;
}

export interface WebIdentityInput {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly webIdentityToken: string;
}

export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
  readonly userId: string;
}

/** Issued credentials always carry an expiration and a session token. */
export type IssuedCredentials = Credentials & {
  readonly expiration: Date;
  readonly sessionToken: string;
  /**
   * STS's clock minus ours when it answered (its Date header; 0 when within the header's
   * few seconds of noise), so the true lifetime left is `expiration - (Date.now() +
   * clockSkewMs)`; undefined when unknown.
   */
  readonly clockSkewMs?: number | undefined;
};

export interface StsApi {
  assumeRole(input: AssumeRoleInput, signer: Credentials, target: StsTarget): Promise<IssuedCredentials>;
  getSessionToken(input: GetSessionTokenInput, signer: Credentials, target: StsTarget): Promise<IssuedCredentials>;
  assumeRoleWithWebIdentity(input: WebIdentityInput, target: StsTarget): Promise<IssuedCredentials>;
  getCallerIdentity(signer: Credentials, target: StsTarget): Promise<CallerIdentity>;
  getFederationToken(input: FederationTokenInput, signer: Credentials, target: StsTarget): Promise<IssuedCredentials>;
}
