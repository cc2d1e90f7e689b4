// What STS accepts (docs/aws-config.md section 9), checked before any call so a bad value
// is reported with its fix instead of an STS ValidationError. Each check returns the
// problem in words, or undefined when the value is fine.

export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'] as const;

const PARTITION = `(?:${PARTITIONS.join('|')})`;
const PARTITION_SET: ReadonlySet<string> = new Set(PARTITIONS);
const ROLE_ARN = /^arn:([a-z-]+):iam::(\d{12}):role\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/;
const MFA_ARN = new RegExp(`^arn:${PARTITION}:iam::\\d{12}:(?:mfa|u2f)/[\\w+=,.@/-]+$`);

export const MIN_DURATION = 900;
export const MAX_ROLE_DURATION = 43200;
export const MAX_CHAINED_DURATION = 3600;
export const MAX_SESSION_TOKEN_DURATION = 129600;

export interface RoleArnParts {
  readonly partition: string;
  readonly accountId: string;
  readonly roleName: string;
}

export function parseRoleArn(arn: string): RoleArnParts | undefined {
  const m = ROLE_ARN.exec(arn);
  if (!m || !PARTITION_SET.has(m[1]!)) return undefined;
  return { partition: m[1]!, accountId: m[2]!, roleName: m[4]! };
}

export function checkRoleArn(arn: string): string | undefined {
  if (arn.length < 20 || arn.length > 2048) return `role ARN must be 20 to 2048 characters (got ${arn.length})`;
  if (!parseRoleArn(arn)) return `"${arn}" is not a role ARN (expected arn:aws:iam::123456789012:role/NAME)`;
  return undefined;
}

/** STS's SerialNumber: 9 to 256 characters, an ARN included. */
export const MAX_MFA_SERIAL = 256;

export function checkMfaSerial(serial: string): string | undefined {
  // The length first: a value of thousands of characters is described, not quoted.
  if (serial.length > MAX_MFA_SERIAL) return `an MFA serial is 9 to ${MAX_MFA_SERIAL} characters (got ${serial.length})`;
  if (serial.startsWith('arn:')) {
    return MFA_ARN.test(serial) ? undefined : `"${serial}" is not an MFA device ARN (expected arn:aws:iam::123456789012:mfa/NAME)`;
  }
  if (serial.length < 9 || !/^[\w+=/:,.@-]*$/.test(serial)) {
    return `"${serial}" is neither an MFA device ARN nor a hardware serial (9 to 256 of letters, digits and +=/:,.@-)`;
  }
  return undefined;
}

export function checkExternalId(id: string): string | undefined {
  if (id.length < 2 || id.length > 1224) return `external ID must be 2 to 1224 characters (got ${id.length})`;
  if (!/^[\w+=,.@:/-]*$/.test(id)) return `external ID "${id}" may hold only letters, digits and +=,.@:/- (no spaces; the config file has no inline comments)`;
  return undefined;
}

export function checkSessionName(name: string): string | undefined {
  if (name.length < 2 || name.length > 64) return `role session name must be 2 to 64 characters (got ${name.length})`;
  if (!/^[\w+=,.@-]*$/.test(name)) return `role session name "${name}" may hold only letters, digits and +=,.@- (no spaces; the config file has no inline comments)`;
  return undefined;
}

export function checkRoleDuration(seconds: number): string | undefined {
  if (!Number.isInteger(seconds) || seconds < MIN_DURATION || seconds > MAX_ROLE_DURATION) {
    return `duration ${seconds}s is outside what STS allows for a role (900 to 43200 seconds)`;
  }
  return undefined;
}

// botocore's validate_region_name: the region becomes part of a host name, so nothing else
// may pass (a DNS label: at most 63 characters).
const REGION_NAME = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;
export const MAX_REGION_NAME = 63;

export function checkRegionName(region: string): string | undefined {
  if (REGION_NAME.test(region)) return undefined;
  // A long value is described, not quoted.
  return region.length > MAX_REGION_NAME ? `region is ${region.length} characters, not a region name (at most ${MAX_REGION_NAME})` : `region ${JSON.stringify(region)} is not a region name`;
}

/**
 * The most awsx hands out per credential field, checked where credentials enter (config
 * keys, the caller's env, a credential_process, STS's answers) so an oversized value is an
 * error for that one request; ipc/protocol.ts bounds the wire with the same numbers. STS's
 * AccessKeyId is 16 to 128 characters and an account ID is 12 digits; STS sets no size for
 * the secret or the session token, so those are awsx's caps, far above what STS issues
 * (a session token is one to two KB).
 */
export const CREDENTIAL_LIMITS = { AccessKeyId: 128, SecretAccessKey: 1024, SessionToken: 8192, AccountId: 64 } as const;

/** GetCallerIdentity's answer (whoami): STS's own bounds, the ARN as a role ARN's. */
export const IDENTITY_LIMITS = { Account: 64, Arn: 2048, UserId: 256 } as const;

/** The first field of `values` longer than its limit, in words (never the value: it may be a secret). */
export function checkLengths<K extends string>(values: Readonly<Partial<Record<K, string | undefined>>>, limits: Readonly<Record<K, number>>): string | undefined {
  for (const key of Object.keys(limits) as K[]) {
    const value = values[key];
    if (value !== undefined && value.length > limits[key]) return `${key} is ${value.length} characters, more than the ${limits[key]} awsx accepts`;
  }
  return undefined;
}

/** AssumeRoleWithWebIdentity's WebIdentityToken. */
export const MIN_WEB_IDENTITY_TOKEN = 4;
export const MAX_WEB_IDENTITY_TOKEN = 20000;

/** Python's int() on a config value, as botocore parses duration_seconds: '0900' is 900, '1h' is not a number. */
export function parsePyInt(text: string): number | undefined {
  const m = /^\s*([+-]?)(\d+(?:_\d+)*)\s*$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[2]!.replace(/_/g, ''));
  return m[1] === '-' ? -n : n;
}

/** A duration typed by a person: 3600, 3600s, 90m, 1h, 1h30m. */
export function parseHumanDuration(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!m || text === '') return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}
