// The new-profile form's fields and their checks. Each check is the profile editor's own
// (core/edit/keyRules.ts, the STS limits), so the form can never accept what
// `awsx profile add` would refuse; the whole profile is judged again by addProfileEdit
// (sources, cycles, the chaining cap) when the diff is previewed.
import { checkProfileName, checkValue } from '../../core/edit/keyRules.ts';
import { isAwsxError } from '../../core/errors.ts';
import { parseHumanDuration } from '../../core/stsLimits.ts';

/** 'role': an assume-role profile; 'keys': a profile with an IAM user's long-term keys. */
export type FormKind = 'role' | 'keys';

const ROLE_FIELDS = [
  { key: 'name', label: 'Profile name', example: 'e.g. prod-admin' },
  { key: 'role_arn', label: 'Role ARN', example: 'e.g. arn:aws:iam::123456789012:role/Admin' },
  { key: 'source_profile', label: 'Source profile', example: 'e.g. base (or a credential source below)' },
  { key: 'credential_source', label: 'Credential source', example: 'or Environment, Ec2InstanceMetadata, EcsContainer' },
  { key: 'mfa_serial', label: 'MFA serial', example: 'e.g. arn:aws:iam::111111111111:mfa/alice (optional)' },
  { key: 'external_id', label: 'External ID', example: 'optional' },
  { key: 'duration_seconds', label: 'Duration', example: 'e.g. 1h, 90m, 3600 (optional)' },
  { key: 'region', label: 'Region', example: 'e.g. us-east-1 (optional)' },
  { key: 'role_session_name', label: 'Session name', example: 'optional' },
] as const;

// The secret is typed into the form, never shown (as `awsx profile add` reads it without
// echo), and goes to the credentials file with the key ID.
const KEYS_FIELDS = [
  { key: 'name', label: 'Profile name', example: 'e.g. base' },
  { key: 'aws_access_key_id', label: 'Access key ID', example: 'e.g. AKIAIOSFODNN7EXAMPLE (IAM > Users > you > Security credentials)' },
  { key: 'aws_secret_access_key', label: 'Secret access key', example: 'typed, never shown' },
  { key: 'mfa_serial', label: 'MFA serial', example: 'e.g. arn:aws:iam::111111111111:mfa/alice (optional)' },
  { key: 'region', label: 'Region', example: 'e.g. us-east-1 (optional)' },
] as const;

export const FORM_FIELDS = { role: ROLE_FIELDS, keys: KEYS_FIELDS } as const;

export type FieldKey = (typeof ROLE_FIELDS)[number]['key'] | (typeof KEYS_FIELDS)[number]['key'];
export type FormValues = Readonly<Record<FieldKey, string>>;

export const EMPTY_VALUES: FormValues = Object.fromEntries([...ROLE_FIELDS, ...KEYS_FIELDS].map((f) => [f.key, ''])) as FormValues;

/** The field whose value is never shown. */
export const isSecretField = (key: FieldKey): boolean => key === 'aws_secret_access_key';

const REQUIRED: Partial<Record<FieldKey, string>> = {
  role_arn: 'the role to assume is required',
  aws_access_key_id: 'the access key ID is required',
  aws_secret_access_key: 'the secret access key is required',
};

/** What a value means in the file: durations are typed as 1h or 90m and written in seconds. */
export function fileValue(key: FieldKey, value: string): string | undefined {
  if (key !== 'duration_seconds') return value;
  const seconds = parseHumanDuration(value);
  return seconds === undefined ? undefined : String(seconds);
}

function problemOf(check: () => void): string | undefined {
  try {
    check();
    return undefined;
  } catch (e) {
    if (!isAwsxError(e)) throw e;
    // The editor's messages start with the subject (`profile NAME: `); the field says that.
    return e.message.replace(/^profile .*?: /, '');
  }
}

/** The field's problem, or undefined; an empty optional field has none. */
export function fieldProblem(key: FieldKey, value: string): string | undefined {
  if (key === 'name') return value === '' ? 'a profile needs a name' : problemOf(() => checkProfileName(value));
  if (value === '') return REQUIRED[key];
  const written = fileValue(key, value);
  if (written === undefined) return `"${value}" is not a duration (3600, 90m, 1h, 1h30m)`;
  return problemOf(() => checkValue('new', key, written));
}

/** Every field's problem, by field, for the fields of this kind of form. */
export function formProblems(kind: FormKind, values: FormValues): Partial<Record<FieldKey, string>> {
  const out: Partial<Record<FieldKey, string>> = {};
  for (const { key } of FORM_FIELDS[kind]) {
    const problem = fieldProblem(key, values[key]);
    if (problem !== undefined) out[key] = problem;
  }
  return out;
}

/** The keys to write, in the form's order, empty fields left out. */
export function formKeys(kind: FormKind, values: FormValues): Map<string, string> {
  const keys = new Map<string, string>();
  for (const { key } of FORM_FIELDS[kind]) {
    const value = values[key];
    if (key === 'name' || value === '') continue;
    keys.set(key, fileValue(key, value) ?? value);
  }
  return keys;
}
