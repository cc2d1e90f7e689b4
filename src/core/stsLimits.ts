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

export function checkMfaSerial(serial: string): string | undefined {
  if (serial.startsWith('arn:')) {
    return MFA_ARN.test(serial) ? undefined : `"${serial}" is not an MFA device ARN (expected arn:aws:iam::123456789012:mfa/NAME)`;
  }
  if (serial.length < 9 || serial.length > 256 || !/^[\w+=/:,.@-]*$/.test(serial)) {
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
