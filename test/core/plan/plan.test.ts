// Planner tables from literal INI: docs/aws-config.md section 11 (the rows about parsing
// and planning) and awsx's own rules of section 13.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planProfile } from '../../../src/core/plan/plan.ts';
import type { Plan } from '../../../src/core/plan/types.ts';
import { profilesFrom } from '../../helpers/profiles.ts';

const BASE_CREDS = '[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = s\n';
const MFA = 'arn:aws:iam::111111111111:mfa/me';

/** A plan in short: the source kind, then one word per STS call. */
function steps(plan: Plan): string[] {
  const out: string[] = [plan.source.kind === 'static' ? `static ${plan.source.accessKeyId}` : plan.source.kind];
  if (plan.source.kind === 'web-identity') out.push(`AssumeRoleWithWebIdentity ${plan.source.roleArn.split('/')[1]}`);
  if (plan.mfaSession) out.push(`GetSessionToken mfa${plan.mfaSession.durationSeconds ? ` ${plan.mfaSession.durationSeconds}` : ''}`);
  for (const h of plan.hops) {
    out.push(['AssumeRole', h.roleArn.split('/')[1], h.durationSeconds, h.mfaSerial ? 'mfa' : undefined, h.externalId && `ext=${h.externalId}`, h.sessionName && `name=${h.sessionName}`].filter((x) => x !== undefined && x !== '').join(' '));
  }
  return out;
}

const role = (name: string, extra = '', source = 'base') => `[profile ${name}]\nrole_arn = arn:aws:iam::222222222222:role/${name}\nsource_profile = ${source}\n${extra}`;

const ROWS: { row: string; config: string; creds?: string; profile: string; env?: Record<string, string>; steps?: string[]; error?: string; message?: RegExp; note?: RegExp; cappedFrom?: number }[] = [
  { row: '1 static keys in the credentials file', config: '', creds: '[dev]\naws_access_key_id = AKIADEV\naws_secret_access_key = s\n', profile: 'dev', steps: ['static AKIADEV'] },
  { row: '2 one role from static keys', config: role('app', 'region = eu-west-1\n'), creds: BASE_CREDS, profile: 'app', steps: ['static AKIABASE', 'AssumeRole app'] },
  { row: '3 one role with MFA: one GetSessionToken, then the role without a code', config: role('app', `mfa_serial = ${MFA}\n`), creds: BASE_CREDS, profile: 'app', steps: ['static AKIABASE', 'GetSessionToken mfa', 'AssumeRole app'] },
  { row: '4 a chain: inner role first', config: role('mid') + role('final', '', 'mid'), creds: BASE_CREDS, profile: 'final', steps: ['static AKIABASE', 'AssumeRole mid', 'AssumeRole final'] },
  { row: '5 duration_seconds 43200 on a first hop', config: role('long', 'duration_seconds = 43200\n'), creds: BASE_CREDS, profile: 'long', steps: ['static AKIABASE', 'AssumeRole long 43200'] },
  { row: '6 a chained hop asking 7200 s is capped at 3600', config: role('mid') + role('final', 'duration_seconds = 7200\n', 'mid'), creds: BASE_CREDS, profile: 'final', steps: ['static AKIABASE', 'AssumeRole mid', 'AssumeRole final 3600'], cappedFrom: 7200 },
  { row: '7 external id and session name', config: role('x', 'external_id = ext-123\nrole_session_name = me\n'), creds: BASE_CREDS, profile: 'x', steps: ['static AKIABASE', 'AssumeRole x ext=ext-123 name=me'] },
  { row: '8 source_profile with credential_process', config: "[profile proc]\ncredential_process = echo '{}'\n" + role('app', '', 'proc'), profile: 'app', steps: ['process', 'AssumeRole app'] },
  { row: '9 a profile that sources itself with keys', config: '', creds: '[p]\naws_access_key_id = AKIAP\naws_secret_access_key = s\nrole_arn = arn:aws:iam::222222222222:role/p\nsource_profile = p\n', profile: 'p', steps: ['static AKIAP', 'AssumeRole p'] },
  { row: '10 a <-> b', config: role('a', '', 'b') + role('b', '', 'a'), profile: 'a', error: 'InfiniteLoopConfigError', message: /profile a was already visited \(visited profiles: \['a', 'b'\]\)/ },
  { row: '10b a -> b -> c -> b', config: role('a', '', 'b') + role('b', '', 'c') + role('c', '', 'b'), profile: 'a', error: 'InfiniteLoopConfigError', message: /\['a', 'b', 'c'\]/ },
  { row: '11 source_profile undefined', config: role('app', '', 'nope'), profile: 'app', error: 'InvalidConfigError', message: /source_profile "nope" does not exist/ },
  { row: '12 credential_source = Environment', config: '[profile e]\nrole_arn = arn:aws:iam::222222222222:role/e\ncredential_source = Environment\n', profile: 'e', steps: ['credential-source', 'AssumeRole e'] },
  { row: '14 later [profile default] wins whole', config: '[default]\nexternal_id = only-in-first\nrole_arn = arn:aws:iam::222222222222:role/one\nsource_profile = base\n[profile default]\nrole_arn = arn:aws:iam::222222222222:role/two\nsource_profile = base\n', creds: BASE_CREDS, profile: 'default', steps: ['static AKIABASE', 'AssumeRole two'] },
  { row: '15 a source with role_arn and keys: keys used, its role not assumed', config: role('app', '', 'src'), creds: '[src]\naws_access_key_id = AKIASRC\naws_secret_access_key = s\nrole_arn = arn:aws:iam::222222222222:role/ignored\nsource_profile = other\n', profile: 'app', steps: ['static AKIASRC', 'AssumeRole app'] },
  { row: '18 source is a web identity profile; its hop is chained', config: '[profile wi]\nrole_arn = arn:aws:iam::222222222222:role/web\nweb_identity_token_file = /tmp/token\n' + role('app', 'duration_seconds = 7200\n', 'wi'), profile: 'app', steps: ['web-identity', 'AssumeRoleWithWebIdentity web', 'AssumeRole app 3600'] },
  { row: '20 role_arn without a source', config: '[profile r]\nrole_arn = arn:aws:iam::222222222222:role/r\n', profile: 'r', error: 'PartialCredentialsError', message: /missing: source_profile or credential_source/ },
  { row: '21 credential_source = environment (case matters)', config: '[profile e]\nrole_arn = arn:aws:iam::222222222222:role/e\ncredential_source = environment\n', profile: 'e', error: 'InvalidConfigError', message: /credential source "environment" is not valid/ },
  { row: '22 source_profile and credential_source both set', config: role('b', 'credential_source = Environment\n'), creds: BASE_CREDS, profile: 'b', error: 'InvalidConfigError', message: /both source_profile and credential_source/ },
  { row: '23 self-reference without keys', config: role('p', '', 'p'), profile: 'p', error: 'InfiniteLoopConfigError', message: /\['p'\]/ },
  { row: '24 source profile with only a region', config: '[profile base]\nregion = us-east-1\n' + role('app'), profile: 'app', error: 'InvalidConfigError', message: /source profile "base" must have credentials/ },
  { row: '25 duration_seconds 1h is ignored', config: role('d', 'duration_seconds = 1h\n'), creds: BASE_CREDS, profile: 'd', steps: ['static AKIABASE', 'AssumeRole d'], note: /"1h" is not a whole number/ },
  { row: '25 duration_seconds 3600.0 is ignored', config: role('d', 'duration_seconds = 3600.0\n'), creds: BASE_CREDS, profile: 'd', steps: ['static AKIABASE', 'AssumeRole d'] },
  { row: '25 duration_seconds 0900 is 900', config: role('d', 'duration_seconds =  0900 \n'), creds: BASE_CREDS, profile: 'd', steps: ['static AKIABASE', 'AssumeRole d 900'] },
  { row: '26 duration_seconds 600', config: role('d', 'duration_seconds = 600\n'), creds: BASE_CREDS, profile: 'd', error: 'ParamValidationError', message: /900 to 43200/ },
  { row: '28 empty external_id', config: role('x', 'external_id =\n'), creds: BASE_CREDS, profile: 'x', error: 'ParamValidationError', message: /external ID must be 2 to 1224/ },
  { row: '28b external_id with an inline comment', config: role('x', 'external_id = abc # prod\n'), creds: BASE_CREDS, profile: 'x', error: 'ParamValidationError', message: /no inline comments/ },
  { row: '29 empty role_session_name: generated', config: role('x', 'role_session_name =\n'), creds: BASE_CREDS, profile: 'x', steps: ['static AKIABASE', 'AssumeRole x'] },
  { row: '32 [DEFAULT] keys in the credentials file reach every profile', config: '[profile dev]\nregion = r\n', creds: '[DEFAULT]\naws_access_key_id = AKIADEF\naws_secret_access_key = s\n[dev]\noutput = json\n', profile: 'dev', steps: ['static AKIADEF'] },
  { row: '34 a quoted profile name', config: '[profile "my app"]\nrole_arn = arn:aws:iam::222222222222:role/app\nsource_profile = base\n', creds: BASE_CREDS, profile: 'my app', steps: ['static AKIABASE', 'AssumeRole app'] },
  { row: '39 MFA on both hops: one session for the first, a code on the second', config: role('mid', `mfa_serial = ${MFA}\n`) + role('final', 'mfa_serial = arn:aws:iam::222222222222:mfa/other\n', 'mid'), creds: BASE_CREDS, profile: 'final', steps: ['static AKIABASE', 'GetSessionToken mfa', 'AssumeRole mid', 'AssumeRole final mfa'] },
  { row: '13: no role, mfa_serial: a GetSessionToken session', config: `[profile u]\nmfa_serial = ${MFA}\nduration_seconds = 129600\n`, creds: '[u]\naws_access_key_id = AKIAU\naws_secret_access_key = s\n', profile: 'u', steps: ['static AKIAU', 'GetSessionToken mfa 129600'] },
  { row: '13: one role wanting more than 1 h: the code goes with the AssumeRole', config: role('long', `mfa_serial = ${MFA}\nduration_seconds = 7200\n`), creds: BASE_CREDS, profile: 'long', steps: ['static AKIABASE', 'AssumeRole long 7200 mfa'], note: /limited to 1 h/ },
  { row: '13: two roles, MFA on the first: every hop at most 1 h', config: role('mid', `mfa_serial = ${MFA}\nduration_seconds = 7200\n`) + role('final', '', 'mid'), creds: BASE_CREDS, profile: 'final', steps: ['static AKIABASE', 'GetSessionToken mfa', 'AssumeRole mid 3600', 'AssumeRole final'] },
  { row: '13: temporary source keys: the code goes with the AssumeRole', config: role('app', `mfa_serial = ${MFA}\n`), creds: '[base]\naws_access_key_id = ASIATMP\naws_secret_access_key = s\naws_session_token = t\n', profile: 'app', steps: ['static ASIATMP', 'AssumeRole app mfa'] },
  { row: '13: process source: the code goes with the AssumeRole', config: "[profile proc]\ncredential_process = x\n" + role('app', `mfa_serial = ${MFA}\n`, 'proc'), profile: 'app', steps: ['process', 'AssumeRole app mfa'] },
  { row: 'unknown profile', config: '', profile: 'ghost', error: 'ProfileNotFound', message: /profile ghost: not found/ },
  { row: 'a profile with nothing to sign with', config: '[profile empty]\nregion = r\n', profile: 'empty', error: 'NoCredentialsError' },
  { row: 'a key without its secret', config: '', creds: '[k]\naws_access_key_id = AKIAK\n', profile: 'k', error: 'PartialCredentialsError', message: /missing: aws_secret_access_key/ },
  { row: 'keys split across the two files are partial', config: '[profile k]\naws_access_key_id = AKIAK\n', creds: '[k]\naws_secret_access_key = s\n', profile: 'k', error: 'PartialCredentialsError', message: /config-file, missing: aws_secret_access_key/ },
  { row: 'SSO profiles are refused clearly', config: '[profile s]\nsso_account_id = 1\nsso_role_name = r\n', profile: 's', error: 'Unsupported', message: /SSO profiles are not supported/ },
  { row: 'a malformed role ARN fails before STS', config: role('x').replace('arn:aws:iam::222222222222:role/x', 'arn:aws:iam::123:role/x'), creds: BASE_CREDS, profile: 'x', error: 'ParamValidationError', message: /is not a role ARN/ },
  // Issue 17.3: values too long for STS (docs/aws-config.md section 9) or for the answer, described by their length.
  { row: 'a 3,000-character mfa_serial on a role', config: role('m', `mfa_serial = ${MFA}${'x'.repeat(3000)}
`), creds: BASE_CREDS, profile: 'm', error: 'ParamValidationError', message: /^profile m: mfa_serial: an MFA serial is 9 to 256 characters \(got 3032\)$/ },
  { row: 'a 3,000-character mfa_serial on an MFA session', config: `[profile u]\nmfa_serial = ${MFA}${'x'.repeat(3000)}\n`, creds: '[u]\naws_access_key_id = AKIAU\naws_secret_access_key = s\n', profile: 'u', error: 'ParamValidationError', message: /an MFA serial is 9 to 256 characters \(got 3032\)$/ },
  { row: "a 100-character region, even when AWS_DEFAULT_REGION decides STS's", config: role('r', `region = ${'r'.repeat(100)}\n`), creds: BASE_CREDS, profile: 'r', env: { AWS_DEFAULT_REGION: 'us-east-1' }, error: 'InvalidConfigError', message: /^profile r: region is 100 characters, not a region name \(at most 63\)$/ },
  { row: 'a region that is no host name', config: '[profile h]\nregion = evil.example/#\n' + role('h2', '', 'h'), creds: '[h]\naws_access_key_id = AKIAH\naws_secret_access_key = s\n', profile: 'h', env: { AWS_DEFAULT_REGION: 'us-east-1' }, error: 'InvalidConfigError', message: /region "evil\.example\/#" is not a region name/ },
  { row: 'a 300-character aws_access_key_id', config: '', creds: `[k]\naws_access_key_id = ${'A'.repeat(300)}\naws_secret_access_key = s\n`, profile: 'k', error: 'InvalidConfigError', message: /^profile k: the keys in shared-credentials-file are not credentials: AccessKeyId is 300 characters, more than the 128 awsx accepts$/ },
  { row: 'a session token over 8 KiB as a source', config: role('t'), creds: `[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = s\naws_session_token = ${'t'.repeat(9000)}\n`, profile: 't', error: 'InvalidConfigError', message: /SessionToken is 9000 characters, more than the 8192/ },
];

for (const r of ROWS) {
  test(`row ${r.row}`, () => {
    const set = profilesFrom(r.config, r.creds ?? '');
    if (r.error) {
      assert.throws(() => planProfile(set, r.profile, r.env), (e: Error & { code: string; hint?: string }) => {
        assert.equal(e.code, r.error);
        if (r.message) assert.match(e.message, r.message);
        assert.ok(e.hint, 'every planner error names a fix');
        return true;
      });
      return;
    }
    const plan = planProfile(set, r.profile, r.env);
    assert.deepEqual(steps(plan), r.steps);
    if (r.cappedFrom) assert.equal(plan.hops.at(-1)!.durationCappedFrom, r.cappedFrom);
    if (r.note) assert.ok(plan.notes.some((n) => r.note!.test(n)), `notes: ${plan.notes.join(' | ')}`);
  });
}

test('a chained duration_seconds over 3600 is capped to the 1-hour chaining limit when the config is planned, before any STS call (security 48)', () => {
  const set = profilesFrom(role('mid', 'duration_seconds = 7200\n') + role('final', 'duration_seconds = 43200\n', 'mid'), BASE_CREDS);
  const plan = planProfile(set, 'final');
  // The first hop is signed by long-term keys: not chained, its 7200 s stand.
  assert.deepEqual(plan.hops.map((h) => [h.durationSeconds, h.durationCappedFrom]), [[7200, undefined], [3600, 43200]]);
});

test('the STS region: AWS_DEFAULT_REGION first, then the selected profile (AWS_REGION is not read)', () => {
  const set = profilesFrom(role('app', 'region = eu-west-1\n') + '[profile base]\nregion = us-east-2\n', BASE_CREDS);
  assert.equal(planProfile(set, 'app').region, 'eu-west-1');
  assert.equal(planProfile(set, 'app', { AWS_REGION: 'ap-south-1' }).region, 'eu-west-1');
  assert.equal(planProfile(set, 'app', { AWS_DEFAULT_REGION: 'ca-central-1' }).region, 'ca-central-1');
});
