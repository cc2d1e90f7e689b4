// `credential_process` (docs/aws-config.md section 6): run the command, then hold its stdout
// to the Version 1 JSON contract. Failures use botocore's wording where it has one, after
// the profile; nothing of stdout is ever quoted, since it may hold a secret.
import type { Credentials } from '../credentials.ts';
import { checkLengths, CREDENTIAL_LIMITS } from '../stsLimits.ts';
import type { CredentialProcessRunner } from './api.ts';
import { parseIsoTime } from './isoTime.ts';
import { processError, runConfigured } from './runConfigured.ts';

export interface CredentialProcessOptions {
  /** Epoch ms; expired credentials are refused. */
  readonly now?: () => number;
}

const CONTRACT = 'it must print {"Version": 1, "AccessKeyId": ..., "SecretAccessKey": ...} on stdout (and anything else on stderr)';

export function createCredentialProcessRunner(options: CredentialProcessOptions = {}): CredentialProcessRunner {
  const now = options.now ?? Date.now;
  return async (profile, command, ctx) => {
    const stdout = await runConfigured(profile, 'credential_process', command, ctx);
    return parseCredentialOutput(profile, stdout, now());
  };
}

export const runCredentialProcess: CredentialProcessRunner = createCredentialProcessRunner();

export function parseCredentialOutput(profile: string, stdout: string, nowMs: number): Credentials {
  const fail = (what: string, hint = CONTRACT) => processError(profile, 'credential_process', what, hint);
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    throw fail(stdout.trim() === '' ? 'printed nothing' : 'did not print JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw fail('did not print a JSON object');
  const out = parsed as Record<string, unknown>;

  // JSON has one number type: 1 and 1.0 are both the integer 1, "1" is not.
  if (out['Version'] !== 1) {
    const shown = 'Version' in out ? describeValue(out['Version']) : '<Version key not provided>';
    throw fail(`returned Unsupported version '${shown}' for credential process provider, supported versions: 1`, 'print "Version": 1, a number');
  }
  for (const key of ['AccessKeyId', 'SecretAccessKey'] as const) {
    const v = out[key];
    if (v === undefined) throw fail(`returned Missing required key in response: '${key}'`);
    if (typeof v !== 'string' || v === '') throw fail(`returned '${key}' that is not a non-empty string`);
  }
  const sessionToken = optionalString(out, 'SessionToken', fail);
  const accountId = optionalString(out, 'AccountId', fail);
  const expiration = optionalExpiration(out, nowMs, fail);
  const accessKeyId = out['AccessKeyId'] as string;
  const secretAccessKey = out['SecretAccessKey'] as string;
  const tooLong = checkLengths({ AccessKeyId: accessKeyId, SecretAccessKey: secretAccessKey, SessionToken: sessionToken, AccountId: accountId }, CREDENTIAL_LIMITS);
  if (tooLong !== undefined) throw fail(`returned values too long to be credentials: ${tooLong}`, 'it must print the credentials as STS or IAM gave them');
  return { accessKeyId, secretAccessKey, sessionToken, expiration, accountId };
}

type Fail = (what: string, hint?: string) => Error;

function optionalString(out: Record<string, unknown>, key: string, fail: Fail): string | undefined {
  const v = out[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw fail(`returned '${key}' that is not a string`);
  return v === '' ? undefined : v;
}

function optionalExpiration(out: Record<string, unknown>, nowMs: number, fail: Fail): Date | undefined {
  const v = out['Expiration'];
  if (v === undefined || v === null) return undefined;
  const ms = typeof v === 'string' ? parseIsoTime(v) : undefined;
  if (ms === undefined) throw fail("returned an 'Expiration' that is not an ISO 8601 time with a zone", 'print it like "2030-01-01T00:00:00Z"');
  const expiration = new Date(ms);
  if (ms <= nowMs) {
    throw fail(
      `returned credentials that expired at ${expiration.toISOString()}`,
      "it handed out stale credentials: clear the command's cache, or check this machine's clock",
    );
  }
  return expiration;
}

// The spec quotes the value ('1' for "1"); only short, plain values are shown, since a
// misbehaving command could put anything there.
function describeValue(v: unknown): string {
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  if (typeof v === 'string' && /^[\w.+-]{0,16}$/.test(v)) return v;
  return typeof v === 'string' ? `a string of ${v.length} characters` : `a JSON ${Array.isArray(v) ? 'array' : 'object'}`;
}
