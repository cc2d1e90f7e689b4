// One line's worth of facts about a profile, for `profile list` and the picker. Never
// throws: a profile that cannot work still shows up, with its kind as the config says.
import { parseRoleArn } from '../stsLimits.ts';
import { stringValue, type Profile } from './profiles.ts';

export type ProfileKind = 'assume-role' | 'web-identity' | 'sso' | 'static' | 'login' | 'process' | 'none';

export interface ProfileSummary {
  readonly name: string;
  readonly kind: ProfileKind;
  readonly roleArn: string | undefined;
  readonly accountId: string | undefined;
  readonly roleName: string | undefined;
  /** source_profile, or credential_source. */
  readonly source: string | undefined;
  readonly region: string | undefined;
  readonly mfaSerial: string | undefined;
  readonly description: string | undefined;
}

/** The provider botocore would pick first (docs/aws-config.md section 3). */
export function profileKind(p: Profile): ProfileKind {
  if (p.keys.has('role_arn') && !p.keys.has('web_identity_token_file')) return 'assume-role';
  if (p.keys.has('web_identity_token_file')) return 'web-identity';
  if (p.keys.has('sso_account_id') || p.keys.has('sso_role_name')) return 'sso';
  if (p.credentialsKeys?.has('aws_access_key_id')) return 'static';
  if (p.keys.has('login_session')) return 'login';
  if (p.keys.has('credential_process')) return 'process';
  if (p.configKeys?.has('aws_access_key_id')) return 'static';
  return 'none';
}

export function summarizeProfile(p: Profile): ProfileSummary {
  const roleArn = stringValue(p.keys, 'role_arn');
  const arn = roleArn === undefined ? undefined : parseRoleArn(roleArn);
  return {
    name: p.name,
    kind: profileKind(p),
    roleArn,
    accountId: arn?.accountId ?? stringValue(p.keys, 'sso_account_id') ?? stringValue(p.keys, 'aws_account_id'),
    roleName: arn?.roleName ?? stringValue(p.keys, 'sso_role_name'),
    source: stringValue(p.keys, 'source_profile') ?? stringValue(p.keys, 'credential_source'),
    region: stringValue(p.keys, 'region'),
    mfaSerial: stringValue(p.keys, 'mfa_serial'),
    description: stringValue(p.keys, 'description'),
  };
}
