// The container-credentials answer, as botocore's ContainerProvider, the JS SDK's fromHttp /
// fromContainerMetadata and the AWS CLI read it: 200 with AccessKeyId, SecretAccessKey, Token
// and Expiration (RFC 3339, UTC, `Z`) as application/json; any refusal or failure a 4xx whose
// body is {"Code", "Message"} (the JS SDK attaches both to its error; botocore shows the body).
import type { ServerResponse } from 'node:http';
import { AwsxError } from '../../core/errors.ts';
import { inert } from '../../core/sanitize.ts';
import type { Result } from '../../ipc/protocol.ts';

export interface EcsBody {
  readonly AccessKeyId: string;
  readonly SecretAccessKey: string;
  readonly Token: string;
  readonly Expiration: string;
  readonly AccountId?: string;
}

/** A resolve answer as the body; anything the SDKs would refuse is an error that says why. */
export function ecsBody(r: Result<'resolve'>): EcsBody {
  if (r.kind === 'mfa-required') {
    throw new AwsxError('MfaRequired', `profile ${r.profile}: refreshing the session needs an MFA code for ${r.serial}`, {
      hint: `run \`awsx use ${r.profile}\` (or pick it with \`awsx\`) in a terminal and type the code; the endpoint then serves the new session`,
    });
  }
  const c = r.credentials;
  // Both SDKs require Token and Expiration: long-term keys cannot be served this way.
  if (c.sessionToken === undefined || c.expiration === undefined) {
    throw new AwsxError('Unsupported', `profile ${r.profile}: long-term keys, which the container endpoint cannot serve (the SDKs require a session token and an expiration)`, {
      hint: `give the profile a role_arn or mfa_serial, or run \`awsx exec ${r.profile}\` without --ecs-server`,
    });
  }
  return {
    AccessKeyId: c.accessKeyId,
    SecretAccessKey: c.secretAccessKey,
    Token: c.sessionToken,
    // Truncated, never rounded up: no reader may believe the session lives longer than it does.
    Expiration: new Date(c.expiration).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    ...(c.accountId ? { AccountId: c.accountId } : {}),
  };
}

export function sendJson(res: ServerResponse, status: number, body: object, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...extra,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, code: string, message: string, extra: Record<string, string> = {}): void {
  sendJson(res, status, { Code: code, Message: inert(message) }, extra);
}

/** A failed credential call: 403 while locked, else 400; the message and hint are awsx's own, free of secrets. */
export function sendFailure(res: ServerResponse, err: AwsxError): void {
  const status = err.code === 'Locked' ? 403 : 400;
  sendError(res, status, err.code, err.hint ? `${err.message} (fix: ${err.hint})` : err.message);
}
