// Every failed STS call becomes one StsError whose message starts with the call and its
// subject and whose hint names the fix: the troubleshooting table of the STS errors
// (IAM user guide, "Troubleshooting IAM roles" and "Troubleshooting temporary credentials").
import { AwsxError } from '../errors.ts';
import { classifyFailure, isTransient, type Failure } from './classify.ts';

/** What went wrong, for callers that branch (never resend a rejected code; mark bad source keys). */
export type StsFailureReason =
  | 'access-denied'
  | 'mfa-rejected'
  | 'duration-too-long'
  | 'chaining-limit'
  | 'invalid-source'
  | 'expired-source'
  | 'invalid-token'
  | 'clock-skew'
  | 'region-disabled'
  | 'invalid-request'
  | 'throttled'
  | 'unreachable'
  | 'server'
  | 'bad-response';

export class StsError extends AwsxError {
  /** STS's error code, the Node error code of a network failure, or 'Timeout'. */
  readonly stsCode: string;
  readonly reason: StsFailureReason;
  /** A later call may succeed without any change (throttling, 5xx, network). */
  readonly transient: boolean;

  constructor(message: string, hint: string, stsCode: string, reason: StsFailureReason, transient: boolean) {
    super('StsError', message, { hint });
    this.stsCode = stsCode;
    this.reason = reason;
    this.transient = transient;
  }
}

export function isStsError(e: unknown): e is StsError {
  return e instanceof StsError;
}

export interface CallContext {
  /** The call and what it is about, e.g. `AssumeRole arn:aws:iam::222222222222:role/x`. */
  readonly subject: string;
  readonly action: 'AssumeRole' | 'GetSessionToken' | 'AssumeRoleWithWebIdentity' | 'GetCallerIdentity' | 'GetFederationToken';
  /** For messages: without user info or query. */
  readonly endpoint: string;
  readonly region: string;
  readonly withMfa: boolean;
  readonly signerIsTemporary: boolean;
  readonly attempts: number;
  readonly elapsedMs: number;
  readonly attemptTimeoutMs: number;
  /** Values that must never appear in a message (secret, session token, MFA code, web identity token). */
  readonly secrets: readonly string[];
}

interface Words {
  readonly reason: StsFailureReason;
  readonly what: string;
  readonly hint: string;
}

const STS_TEXT_MAX = 300;

export function toStsError(err: unknown, ctx: CallContext): StsError {
  const failure = classifyFailure(err);
  const words = describe(failure, ctx);
  // STS's own words help with the cases no rule knows; they are kept to one short line.
  const detail = failure.kind === 'rejected' || failure.kind === 'server' ? ` (${failure.code}: ${oneLine(failure.message)})` : '';
  const message = redact(`${ctx.subject}: ${words.what}${detail}`, ctx.secrets);
  return new StsError(message, words.hint, failure.code, words.reason, isTransient(failure));
}

function describe(f: Failure, ctx: CallContext): Words {
  const tries = `${ctx.attempts} ${ctx.attempts === 1 ? 'attempt' : 'attempts'} in ${(ctx.elapsedMs / 1000).toFixed(1)} s`;
  switch (f.kind) {
    case 'throttle':
      return { reason: 'throttled', what: `throttled by STS (${tries})`, hint: 'STS is limiting the call rate for this account: wait a minute and try again, and look for tools calling STS in a loop' };
    case 'server':
      return { reason: 'server', what: `STS failed on its side${f.status === undefined ? '' : ` with HTTP ${f.status}`} (${tries})`, hint: 'a problem on the AWS side or in a proxy in between: try again in a few minutes' };
    case 'network':
    case 'timeout':
      return { reason: 'unreachable', what: `STS unreachable at ${ctx.endpoint}: ${networkDetail(f, ctx)} (${tries})`, hint: 'check the network, proxy or AWS_ENDPOINT_URL_STS (and endpoint_url in the profile)' };
    case 'unknown':
      return { reason: 'bad-response', what: `unexpected answer from ${ctx.endpoint}: ${f.code}`, hint: 'check that AWS_ENDPOINT_URL_STS or the profile\'s endpoint_url points at STS' };
    case 'rejected':
      return describeRejection(f, ctx);
  }
}

function networkDetail(f: Failure, ctx: CallContext): string {
  if (f.kind === 'timeout') return `no answer within ${(ctx.attemptTimeoutMs / 1000).toFixed(1)} s`;
  const known: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ENOTFOUND: 'host name not found',
    EAI_AGAIN: 'host name lookup failed',
    ETIMEDOUT: 'connection timed out',
  };
  return known[f.code] ?? f.code;
}

const SIGNATURE_EXPIRED = /signature expired|signature not yet current/i;
const MFA_FAILED = /MultiFactorAuthentication failed/i;
const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException']);

function describeRejection(f: Failure, ctx: CallContext): Words {
  const { code, message } = f;
  const roleCall = ctx.action === 'AssumeRole';
  if (code === 'RequestExpired' || code === 'RequestTimeTooSkewed' || (code === 'SignatureDoesNotMatch' && SIGNATURE_EXPIRED.test(message))) {
    return { reason: 'clock-skew', what: "rejected: this machine's clock is off", hint: 'check the system clock (NTP): `timedatectl status` should say "System clock synchronized: yes"' };
  }
  if (ACCESS_DENIED.has(code) && MFA_FAILED.test(message)) {
    return { reason: 'mfa-rejected', what: 'MFA code rejected (wrong, or already used)', hint: 'wait for the next code and try again: each code works once' };
  }
  if (ACCESS_DENIED.has(code) && roleCall) return roleAccessDenied(message, ctx);
  if (ACCESS_DENIED.has(code) && ctx.action === 'GetSessionToken') {
    return /session credentials/i.test(message)
      ? { reason: 'access-denied', what: 'access denied: GetSessionToken needs long-term keys', hint: 'give the profile IAM user keys (or a source_profile with them) to open an MFA session' }
      : { reason: 'access-denied', what: 'access denied', hint: 'the source keys may not call GetSessionToken: check for an explicit deny in their IAM policies' };
  }
  if (ACCESS_DENIED.has(code) && ctx.action === 'GetFederationToken') {
    return /session credentials|temporary/i.test(message)
      ? { reason: 'access-denied', what: 'access denied: GetFederationToken needs long-term keys', hint: 'open the console with a profile that has IAM user keys, or with a role profile' }
      : { reason: 'access-denied', what: 'access denied', hint: 'the keys may not call sts:GetFederationToken: allow it in their IAM policy, or open the console with a role profile' };
  }
  if (ACCESS_DENIED.has(code) && ctx.action === 'AssumeRoleWithWebIdentity') {
    return { reason: 'access-denied', what: 'access denied', hint: "check the role's trust policy allows the token's identity provider, audience and subject" };
  }
  if (code === 'ValidationError' && /MaxSessionDuration/i.test(message)) {
    return { reason: 'duration-too-long', what: "duration_seconds is longer than the role's maximum session duration", hint: "raise the role's maximum session duration in IAM or lower duration_seconds" };
  }
  if (code === 'ValidationError' && /role chaining|1 hour session limit/i.test(message)) {
    return { reason: 'chaining-limit', what: 'duration over the 1-hour limit for chained roles', hint: "a role assumed with another role's credentials lasts at most 1 hour: set duration_seconds to 3600 or less" };
  }
  if (code === 'InvalidClientTokenId') {
    return ctx.signerIsTemporary
      ? { reason: 'invalid-source', what: 'the source session credentials are not valid', hint: 'the source session was revoked or is from another partition: refresh it' }
      : { reason: 'invalid-source', what: 'the source access key is invalid or deleted', hint: 're-create the key in IAM and update aws_access_key_id and aws_secret_access_key' };
  }
  if (code === 'SignatureDoesNotMatch') {
    return { reason: 'invalid-source', what: 'the secret does not match the source access key', hint: 'fix aws_secret_access_key (or re-create the key in IAM)' };
  }
  if (code === 'ExpiredToken' || code === 'ExpiredTokenException') {
    return ctx.action === 'AssumeRoleWithWebIdentity'
      ? { reason: 'expired-source', what: 'the web identity token expired', hint: 'refresh the token in web_identity_token_file' }
      : { reason: 'expired-source', what: 'the source session expired', hint: 'the source session expired: refresh it' };
  }
  if (code === 'InvalidIdentityToken' || code === 'IDPRejectedClaim' || code === 'InvalidIdentityTokenException' || code === 'IDPRejectedClaimException') {
    return { reason: 'invalid-token', what: 'the web identity token was rejected', hint: "check web_identity_token_file holds a current token that the role's identity provider issued" };
  }
  if (code === 'RegionDisabledException') {
    return { reason: 'region-disabled', what: `STS is not activated in ${ctx.region}`, hint: 'activate the region in IAM (Account settings, Security Token Service) or use another region' };
  }
  return { reason: 'invalid-request', what: 'STS rejected the request', hint: "check the profile's role_arn, role_session_name, external_id and duration_seconds" };
}

function roleAccessDenied(message: string, ctx: CallContext): Words {
  const mfa = ctx.withMfa ? '' : "; if the trust policy requires MFA, add mfa_serial to the profile";
  if (/identity-based policy|permissions boundary|service control policy/i.test(message)) {
    return { reason: 'access-denied', what: 'not authorized to perform sts:AssumeRole', hint: 'the source credentials lack permission sts:AssumeRole on that role: allow it in their IAM policy' };
  }
  if (/not authorized to perform: sts:AssumeRole/i.test(message)) {
    return { reason: 'access-denied', what: 'not authorized to perform sts:AssumeRole', hint: `the source credentials lack permission sts:AssumeRole on that role, or the role's trust policy does not include the source account or user${mfa}` };
  }
  return { reason: 'access-denied', what: 'access denied', hint: `check the role's trust policy includes the source account or user${mfa}` };
}

function oneLine(text: string): string {
  const flat = text.replace(/[\s\u2028\u2029]+/g, ' ').trim();
  return flat.length > STS_TEXT_MAX ? `${flat.slice(0, STS_TEXT_MAX)}…` : flat;
}

function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('[redacted]');
  return out;
}
