// Each STS failure's message (subject first, one line) and hint (the fix), from errors shaped
// as @aws-sdk/client-sts throws them. sdkSts.test.ts checks the same through the real SDK.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAwsxError } from '../../../src/core/errors.ts';
import { StsError, toStsError, type CallContext } from '../../../src/core/sts/errors.ts';

const ROLE = 'arn:aws:iam::222222222222:role/deploy';
const service = (name: string, status: number, message: string) =>
  Object.assign(new Error(message), { name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status } });
const network = (code: string, name = 'Error') => Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { name, code });

const ctx = (over: Partial<CallContext> = {}): CallContext => ({
  subject: `AssumeRole ${ROLE}`,
  action: 'AssumeRole',
  endpoint: 'https://sts.eu-west-1.amazonaws.com',
  region: 'eu-west-1',
  withMfa: false,
  signerIsTemporary: false,
  attempts: 1,
  elapsedMs: 120,
  attemptTimeoutMs: 5000,
  secrets: [],
  ...over,
});

interface Row {
  readonly name: string;
  readonly err: unknown;
  readonly ctx?: Partial<CallContext>;
  readonly reason: string;
  readonly message: RegExp;
  readonly hint: RegExp;
}

const NOT_AUTHORIZED = `User: arn:aws:iam::111111111111:user/alice is not authorized to perform: sts:AssumeRole on resource: ${ROLE}`;
const rows: Row[] = [
  { name: 'access denied by the trust policy', err: service('AccessDenied', 403, 'Access denied'), reason: 'access-denied', message: /^AssumeRole arn:aws:iam::222222222222:role\/deploy: access denied \(AccessDenied: Access denied\)$/, hint: /^check the role's trust policy includes the source account or user; if the trust policy requires MFA, add mfa_serial to the profile$/ },
  { name: 'access denied with MFA sent: no MFA advice', err: service('AccessDenied', 403, 'Access denied'), ctx: { withMfa: true }, reason: 'access-denied', message: /: access denied/, hint: /^check the role's trust policy includes the source account or user$/ },
  { name: 'not authorized to perform sts:AssumeRole', err: service('AccessDenied', 403, NOT_AUTHORIZED), reason: 'access-denied', message: /^AssumeRole arn:\S+: not authorized to perform sts:AssumeRole \(AccessDenied: User: arn:aws:iam::111111111111:user\/alice is not authorized/, hint: /^the source credentials lack permission sts:AssumeRole on that role, or the role's trust policy does not include the source account or user; if the trust policy requires MFA, add mfa_serial/ },
  { name: 'no identity-based policy allows it', err: service('AccessDenied', 403, `${NOT_AUTHORIZED} because no identity-based policy allows the sts:AssumeRole action`), reason: 'access-denied', message: /: not authorized to perform sts:AssumeRole/, hint: /^the source credentials lack permission sts:AssumeRole on that role: allow it in their IAM policy$/ },
  { name: 'MFA code rejected', err: service('AccessDenied', 403, 'MultiFactorAuthentication failed with invalid MFA one time pass code.'), ctx: { withMfa: true }, reason: 'mfa-rejected', message: /^AssumeRole arn:\S+: MFA code rejected \(wrong, or already used\) \(AccessDenied: MultiFactorAuthentication failed with invalid MFA one time pass code\.\)$/, hint: /^wait for the next code and try again/ },
  { name: 'MFA code rejected on GetSessionToken', err: service('AccessDenied', 403, 'MultiFactorAuthentication failed with invalid MFA one time pass code.'), ctx: { action: 'GetSessionToken', subject: 'GetSessionToken for key …0001 with MFA arn:aws:iam::111111111111:mfa/alice', withMfa: true }, reason: 'mfa-rejected', message: /^GetSessionToken for key …0001 with MFA arn:aws:iam::111111111111:mfa\/alice: MFA code rejected/, hint: /wait for the next code/ },
  { name: 'GetSessionToken with session credentials', err: service('AccessDenied', 403, 'Cannot call GetSessionToken with session credentials'), ctx: { action: 'GetSessionToken', subject: 'GetSessionToken for key …0001' }, reason: 'access-denied', message: /GetSessionToken needs long-term keys/, hint: /IAM user keys/ },
  { name: 'duration over MaxSessionDuration', err: service('ValidationError', 400, 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.'), reason: 'duration-too-long', message: /: duration_seconds is longer than the role's maximum session duration \(ValidationError: /, hint: /^raise the role's maximum session duration in IAM or lower duration_seconds$/ },
  { name: 'the 1-hour chaining limit', err: service('ValidationError', 400, 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.'), reason: 'chaining-limit', message: /: duration over the 1-hour limit for chained roles/, hint: /at most 1 hour: set duration_seconds to 3600 or less/ },
  { name: 'another ValidationError', err: service('ValidationError', 400, "1 validation error detected: Value 'x y' at 'roleSessionName' failed to satisfy constraint"), reason: 'invalid-request', message: /: STS rejected the request \(ValidationError: 1 validation error/, hint: /role_session_name/ },
  { name: 'invalid or deleted key', err: service('InvalidClientTokenId', 403, 'The security token included in the request is invalid.'), reason: 'invalid-source', message: /: the source access key is invalid or deleted/, hint: /^re-create the key in IAM and update aws_access_key_id and aws_secret_access_key$/ },
  { name: 'invalid session token', err: service('InvalidClientTokenId', 403, 'The security token included in the request is invalid.'), ctx: { signerIsTemporary: true }, reason: 'invalid-source', message: /: the source session credentials are not valid/, hint: /refresh it/ },
  { name: 'wrong secret', err: service('SignatureDoesNotMatch', 403, 'The request signature we calculated does not match the signature you provided.'), reason: 'invalid-source', message: /: the secret does not match the source access key/, hint: /^fix aws_secret_access_key/ },
  { name: 'expired source session', err: service('ExpiredToken', 400, 'The security token included in the request is expired'), reason: 'expired-source', message: /: the source session expired \(ExpiredToken: /, hint: /^the source session expired: refresh it$/ },
  { name: 'ExpiredTokenException too', err: service('ExpiredTokenException', 400, 'expired'), reason: 'expired-source', message: /: the source session expired/, hint: /refresh it/ },
  { name: 'expired web identity token', err: service('ExpiredTokenException', 400, 'Token expired: current date/time 1700000000 must be before the expiration date/time 1690000000'), ctx: { action: 'AssumeRoleWithWebIdentity', subject: `AssumeRoleWithWebIdentity ${ROLE}` }, reason: 'expired-source', message: /^AssumeRoleWithWebIdentity arn:\S+: the web identity token expired/, hint: /web_identity_token_file/ },
  { name: 'rejected web identity token', err: service('InvalidIdentityToken', 400, 'Incorrect token audience'), ctx: { action: 'AssumeRoleWithWebIdentity', subject: `AssumeRoleWithWebIdentity ${ROLE}` }, reason: 'invalid-token', message: /: the web identity token was rejected/, hint: /web_identity_token_file/ },
  { name: 'clock skew: signature expired', err: service('SignatureDoesNotMatch', 403, 'Signature expired: 20240101T000000Z is now earlier than 20240101T001500Z (20240101T002000Z - 5 min.)'), reason: 'clock-skew', message: /: rejected: this machine's clock is off/, hint: /^check the system clock \(NTP\)/ },
  { name: 'clock skew: RequestExpired', err: service('RequestExpired', 400, 'Request has expired.'), reason: 'clock-skew', message: /clock is off/, hint: /NTP/ },
  { name: 'clock skew: RequestTimeTooSkewed', err: service('RequestTimeTooSkewed', 403, 'The difference between the request time and the current time is too large.'), reason: 'clock-skew', message: /clock is off/, hint: /NTP/ },
  { name: 'region disabled', err: service('RegionDisabledException', 403, 'STS is not activated in this region for account:222222222222.'), reason: 'region-disabled', message: /: STS is not activated in eu-west-1/, hint: /activate the region in IAM/ },
  { name: 'throttled after retries', err: service('Throttling', 400, 'Rate exceeded'), ctx: { attempts: 8, elapsedMs: 14_200 }, reason: 'throttled', message: /^AssumeRole arn:\S+: throttled by STS \(8 attempts in 14\.2 s\)$/, hint: /wait a minute and try again/ },
  { name: 'server error after retries', err: service('InternalFailure', 500, 'An internal error occurred.'), ctx: { attempts: 3 }, reason: 'server', message: /: STS failed on its side with HTTP 500 \(3 attempts in 0\.1 s\) \(InternalFailure: An internal error occurred\.\)$/, hint: /try again in a few minutes/ },
  { name: 'unreachable: refused', err: network('ECONNREFUSED'), ctx: { attempts: 4, endpoint: 'http://127.0.0.1:1' }, reason: 'unreachable', message: /^AssumeRole arn:\S+: STS unreachable at http:\/\/127\.0\.0\.1:1: connection refused \(4 attempts in 0\.1 s\)$/, hint: /^check the network, proxy or AWS_ENDPOINT_URL_STS/ },
  { name: 'unreachable: reset', err: network('ECONNRESET', 'TimeoutError'), reason: 'unreachable', message: /STS unreachable at \S+: connection reset/, hint: /AWS_ENDPOINT_URL_STS/ },
  { name: 'unreachable: unknown host', err: network('ENOTFOUND'), reason: 'unreachable', message: /STS unreachable at \S+: host name not found/, hint: /AWS_ENDPOINT_URL_STS/ },
  { name: 'unreachable: per-attempt timeout', err: Object.assign(new Error('Request aborted'), { name: 'AbortError' }), ctx: { attemptTimeoutMs: 250, attempts: 2 }, reason: 'unreachable', message: /STS unreachable at \S+: no answer within 0\.3 s \(2 attempts/, hint: /AWS_ENDPOINT_URL_STS/ },
  { name: 'not STS at all', err: Object.assign(new Error('@aws-sdk XML parse error'), { $metadata: { httpStatusCode: 200 } }), reason: 'bad-response', message: /: unexpected answer from https:\/\/sts\.eu-west-1\.amazonaws\.com/, hint: /points at STS/ },
];

for (const row of rows) {
  test(`error: ${row.name} (security 34)`, () => {
    const e = toStsError(row.err, ctx(row.ctx));
    assert.ok(e instanceof StsError && isAwsxError(e));
    assert.equal(e.code, 'StsError');
    assert.equal(e.reason, row.reason);
    assert.match(e.message, row.message);
    assert.match(e.hint ?? '', row.hint);
    assert.doesNotMatch(e.message, /[\r\n]/);
  });
}

test('stsCode is STS code, the network code, or Timeout; transient only for what a retry may fix (security 34)', () => {
  assert.deepEqual(pick(toStsError(service('AccessDenied', 403, 'x'), ctx())), { stsCode: 'AccessDenied', transient: false });
  assert.deepEqual(pick(toStsError(service('Throttling', 400, 'x'), ctx())), { stsCode: 'Throttling', transient: true });
  assert.deepEqual(pick(toStsError(network('ECONNREFUSED'), ctx())), { stsCode: 'ECONNREFUSED', transient: true });
  assert.deepEqual(pick(toStsError(Object.assign(new Error('a'), { name: 'AbortError' }), ctx())), { stsCode: 'Timeout', transient: true });
});
const pick = (e: StsError) => ({ stsCode: e.stsCode, transient: e.transient });

test('STS text is kept to one short line, and known secrets never appear', () => {
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  const text = `line one\r\nline two \u2028 ${secret} 123456 ${'x'.repeat(400)}\u001b]52;c;aGk=\u0007`;
  const e = toStsError(service('ValidationError', 400, text), ctx({ secrets: [secret, '123456'] }));
  assert.doesNotMatch(e.message, /[\r\n\u2028]/);
  assert.ok(!e.message.includes(secret) && !e.message.includes('123456'));
  assert.match(e.message, /line one line two \[redacted\] \[redacted\] x+…\)$/);
  assert.ok(e.message.length < 450);
});
