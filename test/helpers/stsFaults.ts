// What the STS proxy injects, and the real-STS rules moto does not enforce.
import { createHash } from 'node:crypto';

/** The parts of an STS Query request that rules look at. */
export interface StsRequest {
  readonly action: string;
  readonly params: Readonly<Record<string, string>>;
  /** From the SigV4 `Credential=AKID/...` scope; undefined for an unsigned request. */
  readonly accessKeyId: string | undefined;
}

export type Fault =
  | { readonly kind: 'throttle' }
  | { readonly kind: 'serverError'; readonly status?: 500 | 503 }
  | { readonly kind: 'delay'; readonly ms: number }
  | { readonly kind: 'reset' }
  | { readonly kind: 'accessDenied'; readonly message: string }
  | { readonly kind: 'custom'; readonly status: number; readonly code: string; readonly message: string }
  /** moto answers, then its <Expiration> is rewritten to now + seconds (docs/security.md test 29). */
  | { readonly kind: 'expiresIn'; readonly seconds: number }
  /** moto answers, then its Date header is moved by ms: STS's clock off ours ("skewed_date", test 31). */
  | { readonly kind: 'skewedDate'; readonly ms: number }
  /** moto answers, then the text of one element is padded to `length` characters: a broken or hostile endpoint (issue 17.3). */
  | { readonly kind: 'oversized'; readonly element: 'AccessKeyId' | 'SecretAccessKey' | 'SessionToken' | 'Account' | 'Arn' | 'UserId'; readonly length: number };

export type FaultKind = Fault['kind'];

/** An error answer the proxy makes up instead of asking moto. */
export interface StsError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

export const MFA_DENIED: StsError = {
  status: 403,
  code: 'AccessDenied',
  message: 'MultiFactorAuthentication failed with invalid MFA one time pass code.',
};

// Real STS caps a role-chained session at 1 h (IAM user guide, "Role chaining").
export const CHAINING_LIMIT: StsError = {
  status: 400,
  code: 'ValidationError',
  message: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
};

export function faultError(fault: Fault): StsError | undefined {
  switch (fault.kind) {
    case 'throttle':
      return { status: 400, code: 'Throttling', message: 'Rate exceeded' };
    case 'serverError':
      return fault.status === 503
        ? { status: 503, code: 'ServiceUnavailable', message: 'Service is unavailable. Please try again later.' }
        : { status: 500, code: 'InternalFailure', message: 'An internal error occurred. Please try again.' };
    case 'accessDenied':
      return { status: 403, code: 'AccessDenied', message: fault.message };
    case 'custom':
      return { status: fault.status, code: fault.code, message: fault.message };
    case 'delay':
    case 'reset':
    case 'expiresIn':
    case 'skewedDate':
    case 'oversized':
      return undefined;
  }
}

/** A successful answer from moto as the proxy relays it. */
export interface RelayedAnswer {
  readonly rawHeaders: string[];
  readonly body: Buffer;
}

/** The faults that change moto's successful answer instead of replacing it. */
export function rewriteAnswer(fault: Fault | undefined, answer: RelayedAnswer, now = Date.now()): RelayedAnswer {
  if (fault?.kind === 'expiresIn') {
    const expiration = new Date(now + fault.seconds * 1000).toISOString();
    const body = Buffer.from(answer.body.toString().replace(/<Expiration>[^<]*<\/Expiration>/, `<Expiration>${expiration}</Expiration>`));
    return { rawHeaders: withHeader(answer.rawHeaders, 'content-length', String(body.length)), body };
  }
  if (fault?.kind === 'oversized') {
    const element = new RegExp(`<${fault.element}>([^<]*)</${fault.element}>`);
    const body = Buffer.from(answer.body.toString().replace(element, (_, text: string) => `<${fault.element}>${text.padEnd(fault.length, 'x')}</${fault.element}>`));
    return { rawHeaders: withHeader(answer.rawHeaders, 'content-length', String(body.length)), body };
  }
  if (fault?.kind === 'skewedDate') {
    return { rawHeaders: withHeader(answer.rawHeaders, 'date', new Date(now + fault.ms).toUTCString()), body: answer.body };
  }
  return answer;
}

function withHeader(raw: readonly string[], name: string, value: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) if (raw[i]!.toLowerCase() !== name) out.push(raw[i]!, raw[i + 1]!);
  return [...out, name, value];
}

/** The awsQuery error body real STS sends; the SDK turns `Code` into the error's `name`. */
export function errorXml(err: StsError, requestId: string): string {
  const type = err.status >= 500 ? 'Receiver' : 'Sender';
  return (
    '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">' +
    `<Error><Type>${type}</Type><Code>${escapeXml(err.code)}</Code><Message>${escapeXml(err.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}

function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function hashTokenCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

/** A fault for the next `remaining` calls that `when` accepts. */
export interface FaultRule {
  remaining: number;
  readonly fault: Fault;
  readonly when: (req: StsRequest) => boolean;
}

/** Takes the first rule that applies to `req`, using up one of its calls. */
export function takeFault(rules: FaultRule[], req: StsRequest): Fault | undefined {
  const i = rules.findIndex((r) => r.remaining > 0 && r.when(req));
  const rule = rules[i];
  if (!rule) return undefined;
  rule.remaining -= 1;
  if (rule.remaining <= 0) rules.splice(i, 1);
  return rule.fault;
}

/** The behaviours of real STS that the proxy adds on top of moto. */
export interface StsPolicy {
  rejectedCodeHashes: Set<string>;
  rejectReusedCodes: boolean;
  enforceChainingLimit: boolean;
  /** Hashes of (serial, code) pairs STS accepted or is about to: a code is good once per device. */
  readonly usedCodes: Set<string>;
  /** Access keys issued by an AssumeRole*: signing with one of them is role chaining. */
  readonly roleKeys: Set<string>;
  /** Access keys issued by GetSessionToken/GetFederationToken: temporary but not role sessions. */
  readonly sessionKeys: Set<string>;
}

export function newPolicy(): StsPolicy {
  return {
    rejectedCodeHashes: new Set(),
    rejectReusedCodes: false,
    enforceChainingLimit: false,
    usedCodes: new Set(),
    roleKeys: new Set(),
    sessionKeys: new Set(),
  };
}

export function mfaUseKey(req: StsRequest): string | undefined {
  const code = req.params['TokenCode'];
  if (code === undefined) return undefined;
  return hashTokenCode(`${req.params['SerialNumber'] ?? ''}\n${code}`);
}

/** Why real STS would refuse `req` where moto would not; undefined to forward it. */
export function policyDenial(policy: StsPolicy, req: StsRequest): StsError | undefined {
  const code = req.params['TokenCode'];
  if (code !== undefined && policy.rejectedCodeHashes.has(hashTokenCode(code))) return MFA_DENIED;
  const useKey = mfaUseKey(req);
  if (policy.rejectReusedCodes && useKey !== undefined && policy.usedCodes.has(useKey)) return MFA_DENIED;
  if (policy.enforceChainingLimit && isChainedOverOneHour(policy, req)) return CHAINING_LIMIT;
  return undefined;
}

function isChainedOverOneHour(policy: StsPolicy, req: StsRequest): boolean {
  if (req.action !== 'AssumeRole') return false;
  const duration = Number(req.params['DurationSeconds'] ?? '3600');
  return duration > 3600 && isRoleSessionKey(policy, req.accessKeyId);
}

// Keys seen being issued are classified exactly; any other ASIA key is taken to
// be a role session, as temporary keys from outside the proxy usually are.
function isRoleSessionKey(policy: StsPolicy, akid: string | undefined): boolean {
  if (akid === undefined) return false;
  if (policy.roleKeys.has(akid)) return true;
  return akid.startsWith('ASIA') && !policy.sessionKeys.has(akid);
}
