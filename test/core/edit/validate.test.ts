// Every refusal of the profile editor: literal files, one edit, the error's code and
// message. Nothing is written by these functions; the CLI tests check the files stay.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addProfileEdit, removeProfileEdit, setProfileEdit } from '../../../src/core/edit/edits.ts';
import type { ProfileSet } from '../../../src/core/config/profiles.ts';
import { profilesFrom } from '../../helpers/profiles.ts';

const BASE_CONFIG = '[profile base]\nregion = us-east-1\n\n[profile role]\nrole_arn = arn:aws:iam::111111111111:role/r\nsource_profile = base\n';
const BASE_CREDS = '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = secret\n';
const ARN = 'arn:aws:iam::222222222222:role/app';

type Op = (set: ProfileSet) => unknown;
const add = (name: string, keys: Record<string, string>, force = false): Op => (s) => addProfileEdit(s, name, new Map(Object.entries(keys)), force);
const setKeys = (name: string, keys: Record<string, string>, unset: string[] = []): Op => (s) => setProfileEdit(s, name, { set: new Map(Object.entries(keys)), unset });
const role = (extra: Record<string, string> = {}) => ({ role_arn: ARN, source_profile: 'base', ...extra });

const ROWS: { name: string; op: Op; code: string; message: RegExp; config?: string; credentials?: string }[] = [
  { name: 'role ARN shape', op: add('app', role({ role_arn: 'arn:aws:iam::1234:role/app' })), code: 'ValidationError', message: /^profile app: "arn:aws:iam::1234:role\/app" is not a role ARN \(expected arn:aws:iam::123456789012:role\/NAME\)$/ },
  { name: 'role ARN of an unknown partition', op: add('app', role({ role_arn: 'arn:aws-mars:iam::123456789012:role/app' })), code: 'ValidationError', message: /is not a role ARN/ },
  { name: 'role ARN too short', op: add('app', role({ role_arn: 'arn:aws:iam' })), code: 'ValidationError', message: /^profile app: role ARN must be 20 to 2048 characters \(got 11\)$/ },
  { name: 'MFA ARN shape', op: add('app', role({ mfa_serial: 'arn:aws:iam::111111111111:user/alice' })), code: 'ValidationError', message: /^profile app: "arn:aws:iam::111111111111:user\/alice" is not an MFA device ARN/ },
  { name: 'hardware serial too short', op: add('app', role({ mfa_serial: 'GAHT1234' })), code: 'ValidationError', message: /is neither an MFA device ARN nor a hardware serial/ },
  { name: 'duration below 900', op: add('app', role({ duration_seconds: '899' })), code: 'ValidationError', message: /^profile app: duration 899s is outside what STS allows for a role \(900 to 43200 seconds\)$/ },
  { name: 'duration above 43200', op: add('app', role({ duration_seconds: '43201' })), code: 'ValidationError', message: /duration 43201s is outside/ },
  { name: 'duration not in seconds', op: add('app', role({ duration_seconds: '1h' })), code: 'ValidationError', message: /duration_seconds "1h" is not a whole number of seconds/ },
  { name: 'max_session_lifetime not a duration', op: add('app', role({ max_session_lifetime: 'forever' })), code: 'ValidationError', message: /^profile app: max_session_lifetime "forever" is not a duration$/ },
  { name: 'max_session_lifetime of zero', op: setKeys('role', { max_session_lifetime: '0' }), code: 'ValidationError', message: /max_session_lifetime "0" is not a duration/ },
  { name: 'external ID too short', op: add('app', role({ external_id: 'x' })), code: 'ValidationError', message: /^profile app: external ID must be 2 to 1224 characters \(got 1\)$/ },
  { name: 'external ID with a space', op: add('app', role({ external_id: 'ab # c' })), code: 'ValidationError', message: /external ID "ab # c" may hold only/ },
  { name: 'session name too long', op: add('app', role({ role_session_name: 'x'.repeat(65) })), code: 'ValidationError', message: /role session name must be 2 to 64 characters \(got 65\)/ },
  { name: 'session name pattern', op: add('app', role({ role_session_name: 'alice smith' })), code: 'ValidationError', message: /role session name "alice smith" may hold only/ },
  { name: 'credential source not one of three', op: add('app', { role_arn: ARN, credential_source: 'environment' }), code: 'ValidationError', message: /credential_source "environment" is not one of Environment, Ec2InstanceMetadata, EcsContainer/ },
  { name: 'output format', op: add('app', { region: 'us-east-1', output: 'xml' }), code: 'ValidationError', message: /output "xml" is not one of/ },
  { name: 'region code', op: add('app', { region: 'US East' }), code: 'ValidationError', message: /region "US East" is not a region code/ },
  { name: 'access key id', op: add('app', { aws_access_key_id: 'short', aws_secret_access_key: 's' }), code: 'ValidationError', message: /access key ID "short" is not/ },
  { name: 'source profile missing', op: add('app', role({ source_profile: 'nope' })), code: 'InvalidConfigError', message: /^profile app: the source_profile "nope" does not exist$/ },
  { name: 'a source profile set without a role', op: setKeys('base', { source_profile: 'nope' }), code: 'InvalidConfigError', message: /^profile base: the source_profile "nope" does not exist$/ },
  { name: 'both sources', op: add('app', role({ credential_source: 'Environment' })), code: 'InvalidConfigError', message: /^profile app: contains both source_profile and credential_source$/ },
  { name: 'role without a source', op: add('app', { role_arn: ARN }), code: 'PartialCredentialsError', message: /missing: source_profile or credential_source/ },
  { name: 'source without credentials', op: add('app', role({ source_profile: 'lonely' })), config: BASE_CONFIG + '[profile lonely]\nregion = eu-west-1\n', code: 'InvalidConfigError', message: /its source profile "lonely" must have credentials/ },
  { name: 'existing name without --force', op: add('role', role()), code: 'ConflictError', message: /^profile role: already exists$/ },
  { name: 'cycle made by a change', op: setKeys('role', { source_profile: 'app' }), config: BASE_CONFIG + '[profile app]\nrole_arn = arn:aws:iam::222222222222:role/app\nsource_profile = role\n', code: 'InfiniteLoopConfigError', message: /infinite loop in credential configuration/ },
  { name: 'self-reference without keys', op: setKeys('role', { source_profile: 'role' }), code: 'InfiniteLoopConfigError', message: /visited profiles: \['role'\]/ },
  { name: 'chained hop over 3600 s', op: add('app', role({ source_profile: 'role', duration_seconds: '7200' })), code: 'ValidationError', message: /^profile app: duration_seconds 7200 is more than 3600, but its source profile role is itself a role: STS limits a session assumed with temporary credentials \(role chaining\) to 1 hour$/ },
  { name: 'a source turned into a role makes its dependant chained', op: setKeys('base', { role_arn: ARN, credential_source: 'Environment' }), config: BASE_CONFIG.replace('source_profile = base\n', 'source_profile = base\nduration_seconds = 7200\n'), credentials: '', code: 'ValidationError', message: /^profile role: duration_seconds 7200 is more than 3600/ },
  { name: 'a value with a line break', op: setKeys('role', { region: 'a\nb = c' }), code: 'ValidationError', message: /^profile role: the value of region contains a line break/ },
  { name: 'an empty value', op: setKeys('role', { region: '' }), code: 'ValidationError', message: /^profile role: region is empty$/ },
  { name: 'a value with a leading space', op: setKeys('role', { region: ' us-east-1' }), code: 'ValidationError', message: /starts or ends with a space/ },
  { name: 'a control character', op: setKeys('role', { description: 'a\u001b[2Jb' }), code: 'ValidationError', message: /contains a control character/ },
  { name: 'a key that is not a key', op: setKeys('role', { 'Region Name': 'x' }), code: 'ValidationError', message: /"Region Name" is not a config key/ },
  { name: 'a nested key', op: setKeys('role', { 's3.max_concurrency': '1' }), code: 'ValidationError', message: /nested keys/ },
  { name: 'set on a missing profile', op: setKeys('nope', { region: 'us-east-1' }), code: 'ProfileNotFound', message: /^profile nope: not found/ },
  { name: 'unset a key the profile lacks', op: setKeys('role', {}, ['region']), code: 'ValidationError', message: /^profile role: has no key region to unset$/ },
  { name: 'set and unset one key', op: setKeys('role', { region: 'us-east-1' }, ['region']), code: 'UsageError', message: /region is both set and unset/ },
  { name: 'profile named DEFAULT', op: add('DEFAULT', { region: 'us-east-1' }), code: 'ValidationError', message: /"DEFAULT" is the INI defaults section/ },
  { name: 'profile name with a newline', op: add('a\nb', { region: 'us-east-1' }), code: 'ValidationError', message: /control characters or line breaks/ },
  { name: 'profile name with spaces around', op: add(' a', { region: 'us-east-1' }), code: 'ValidationError', message: /cannot start or end with a space/ },
  { name: 'nothing to add', op: add('app', {}), code: 'UsageError', message: /nothing to write/ },
  { name: 'remove a source still in use', op: (s) => removeProfileEdit(s, 'base', false), config: BASE_CONFIG + '[profile two]\nrole_arn = arn:aws:iam::222222222222:role/two\nsource_profile = base\n', code: 'ConflictError', message: /^profile base: is the source_profile of role, two$/ },
  { name: 'remove a missing profile', op: (s) => removeProfileEdit(s, 'nope', false), code: 'ProfileNotFound', message: /^profile nope: not found/ },
];

for (const row of ROWS) {
  test(`refused: ${row.name}`, () => {
    const set = profilesFrom(row.config ?? BASE_CONFIG, row.credentials ?? BASE_CREDS);
    assert.throws(() => row.op(set), (e: { code?: string; message?: string; hint?: string }) => {
      assert.equal(e.code, row.code, e.message);
      assert.match(e.message ?? '', row.message);
      assert.ok(e.hint, 'every refusal names its fix');
      return true;
    });
  });
}

test('the chained-duration refusal says how to fix it', () => {
  const set = profilesFrom(BASE_CONFIG, BASE_CREDS);
  assert.throws(() => add('app', role({ source_profile: 'role', duration_seconds: '7200' }))(set),
    { hint: 'use --duration 3600 or less, or source app from a profile with long-term keys (then up to 43200 s)' });
});

const ACCEPTED: { name: string; op: Op; config?: string }[] = [
  { name: 'role ARNs of every partition', op: (s) => ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b'].forEach((p, i) => add(`p${i}`, role({ role_arn: `arn:${p}:iam::123456789012:role/path/r` }))(s)) },
  { name: 'an MFA ARN of another partition and a hardware serial', op: (s) => { add('a', role({ mfa_serial: 'arn:aws-cn:iam::123456789012:mfa/bob' }))(s); add('b', role({ mfa_serial: 'GAHT12345678' }))(s); } },
  { name: 'a chained hop of exactly 3600 s', op: add('app', role({ source_profile: 'role', duration_seconds: '3600' })) },
  { name: 'a long session sourced from keys', op: add('app', role({ duration_seconds: '43200' })) },
  { name: 'a self-reference with static keys', op: add('selfie', { aws_access_key_id: 'AKIAIOSFODNN7EXAMPL2', aws_secret_access_key: 's', role_arn: ARN, source_profile: 'selfie' }) },
  { name: 'a profile with only a region', op: add('plain', { region: 'eu-west-1' }) },
  { name: 'an existing name with --force', op: add('role', role(), true) },
  { name: 'an edit next to an already-broken profile', op: setKeys('role', { region: 'eu-west-1' }), config: BASE_CONFIG + '[profile broken]\nrole_arn = arn:aws:iam::222222222222:role/b\nsource_profile = gone\n' },
  { name: 'removing a used source with --force', op: (s) => removeProfileEdit(s, 'base', true) },
];

for (const row of ACCEPTED) {
  test(`accepted: ${row.name}`, () => {
    row.op(profilesFrom(row.config ?? BASE_CONFIG, BASE_CREDS));
  });
}
