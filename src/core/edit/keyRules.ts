// What may be written as a key and a value, checked before anything is edited. Values of
// the keys STS reads are checked against its limits (docs/aws-config.md section 9), so a
// typo is reported now, with its fix, rather than at the first `awsx env`.
import { AwsxError } from '../errors.ts';
import { isPySpace } from '../ini/pyText.ts';
import { checkExternalId, checkMfaSerial, checkRoleArn, checkRoleDuration, checkSessionName, parseHumanDuration } from '../stsLimits.ts';

/** Keys the AWS CLI reads from the credentials file (and, per file, from config). */
export const STATIC_KEYS: ReadonlySet<string> = new Set(['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'aws_security_token']);

/** Never shown in a diff, and never accepted on the command line (argv is world-readable). */
export const SECRET_KEYS: ReadonlySet<string> = new Set(['aws_secret_access_key', 'aws_session_token', 'aws_security_token']);

export const CREDENTIAL_SOURCES = ['Environment', 'Ec2InstanceMetadata', 'EcsContainer'] as const;
export const OUTPUT_FORMATS = ['json', 'text', 'table', 'yaml', 'yaml-stream'] as const;

type Check = (value: string) => string | undefined;

const oneOf = (what: string, allowed: readonly string[]): Check => (v) =>
  allowed.includes(v) ? undefined : `${what} "${v}" is not one of ${allowed.join(', ')} (the AWS CLI compares case-sensitively)`;

const VALUE_CHECKS: Record<string, { check: Check; hint: string }> = {
  role_arn: { check: checkRoleArn, hint: 'copy the ARN from the IAM console (Roles > the role > ARN)' },
  mfa_serial: { check: checkMfaSerial, hint: 'copy the device ARN from IAM (Users > you > Security credentials > MFA)' },
  external_id: { check: checkExternalId, hint: 'use the external ID exactly as the role owner gave it' },
  role_session_name: { check: checkSessionName, hint: 'use letters, digits and +=,.@- only, e.g. your user name' },
  duration_seconds: { check: checkDuration, hint: 'give 900 to 43200 seconds (15 min to 12 h), e.g. --duration 1h' },
  credential_source: { check: oneOf('credential_source', CREDENTIAL_SOURCES), hint: `use one of ${CREDENTIAL_SOURCES.join(', ')}` },
  output: { check: oneOf('output', OUTPUT_FORMATS), hint: `use one of ${OUTPUT_FORMATS.join(', ')}` },
  region: { check: checkRegion, hint: 'use a region code such as us-east-1 or eu-west-1' },
  aws_access_key_id: { check: checkAccessKeyId, hint: 'copy the access key ID (it starts with AKIA) from IAM' },
  max_session_lifetime: { check: checkLifetime, hint: 'give seconds or a duration with units, e.g. 8h, 90m, 1h30m' },
  // awsx's own key (core/config/ecsServer.ts): awsx use serves the container endpoint.
  ecs_server: { check: oneOf('ecs_server', ['true', 'false']), hint: 'use true or false' },
};

// awsx's own key (core/plan/lifetime.ts reads it the same way): any positive duration.
function checkLifetime(v: string): string | undefined {
  const seconds = parseHumanDuration(v);
  return seconds !== undefined && seconds > 0 ? undefined : `max_session_lifetime "${v}" is not a duration`;
}

function checkDuration(v: string): string | undefined {
  if (!/^\d+$/.test(v)) return `duration_seconds "${v}" is not a whole number of seconds (the AWS CLI silently ignores such a value)`;
  return checkRoleDuration(Number(v));
}

function checkRegion(v: string): string | undefined {
  return /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(v) ? undefined : `region "${v}" is not a region code`;
}

function checkAccessKeyId(v: string): string | undefined {
  return /^\w{16,128}$/.test(v) ? undefined : `access key ID "${v}" is not 16 to 128 letters and digits`;
}

export function checkKeyName(profile: string, key: string): void {
  if (!/^[a-z][a-z0-9_]*$/.test(key)) {
    const nested = key.includes('.') ? '; nested keys (s3.max_concurrency) cannot be set one by one yet, edit the file' : '';
    throw new AwsxError('ValidationError', `profile ${profile}: "${key}" is not a config key (letters, digits and _)${nested}`, {
      hint: 'use a key the AWS CLI knows, such as region or role_arn',
    });
  }
}

/** The value would be read back by the AWS CLI exactly as given. */
function checkText(key: string, value: string): string | undefined {
  if (value === '') return `${key} is empty`;
  if (/[\r\n\u2028\u2029]/.test(value)) return `the value of ${key} contains a line break, which a config value cannot hold`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(value)) return `the value of ${key} contains a control character`;
  if (isPySpace(value[0]!) || isPySpace(value[value.length - 1]!)) return `the value of ${key} starts or ends with a space, which the AWS CLI strips`;
  return undefined;
}

export function checkValue(profile: string, key: string, value: string): void {
  const text = checkText(key, value);
  if (text) {
    throw new AwsxError('ValidationError', `profile ${profile}: ${text}`, {
      hint: value === '' ? `to remove the key, use --unset ${key}` : 'give the value on one line without leading or trailing spaces',
    });
  }
  const rule = VALUE_CHECKS[key];
  const problem = rule?.check(value);
  if (rule && problem) throw new AwsxError('ValidationError', `profile ${profile}: ${problem}`, { hint: rule.hint });
}

/** A name both files can hold and read back as the same profile. */
export function checkProfileName(name: string): void {
  let problem: string | undefined;
  if (name === '') problem = 'a profile name cannot be empty';
  else if (name === 'DEFAULT') problem = '"DEFAULT" is the INI defaults section, whose keys every profile inherits, not a profile';
  // eslint-disable-next-line no-control-regex
  else if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(name)) problem = 'a profile name cannot hold control characters or line breaks';
  else if (isPySpace(name[0]!) || isPySpace(name[name.length - 1]!)) problem = 'a profile name cannot start or end with a space';
  if (problem) {
    throw new AwsxError('ValidationError', `profile ${JSON.stringify(name)}: ${problem}`, { hint: 'use letters, digits and -_.@ in profile names' });
  }
}
