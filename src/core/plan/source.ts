// The providers botocore tries for a profile after assume-role (docs/aws-config.md
// section 3, providers 3-8, environment disabled): web identity, SSO, credentials-file
// keys, login, credential_process, config-file keys. The first that applies wins.
import { AwsxError } from '../errors.ts';
import { originOf, stringValue, type Keys, type Profile } from '../config/profiles.ts';
import { checkLengths, CREDENTIAL_LIMITS } from '../stsLimits.ts';
import type { SourceStep } from './types.ts';

export function hasStaticKeys(p: Profile): boolean {
  return p.keys.has('aws_access_key_id') || p.keys.has('aws_secret_access_key');
}

export function isAssumeRoleProfile(p: Profile): boolean {
  return p.keys.has('role_arn') && !p.keys.has('web_identity_token_file');
}

/** The source step for a profile without a role to assume, or undefined when it has none. */
export function profileChainSource(p: Profile): SourceStep | undefined {
  const tokenFile = stringValue(p.keys, 'web_identity_token_file');
  if (tokenFile !== undefined) return webIdentity(p, tokenFile);
  if (p.keys.has('sso_account_id') || p.keys.has('sso_role_name')) {
    throw new AwsxError('Unsupported', `profile ${p.name}: SSO profiles are not supported by awsx yet`, {
      hint: `use \`aws sso login --profile ${p.name}\` and the AWS CLI for this profile`,
    });
  }
  if (p.credentialsKeys?.has('aws_access_key_id')) return staticKeys(p, p.credentialsKeys, 'shared-credentials-file');
  if (p.keys.has('login_session')) {
    throw new AwsxError('Unsupported', `profile ${p.name}: login_session profiles (\`aws login\`) are not supported by awsx yet`, {
      hint: 'use the AWS CLI for this profile',
    });
  }
  const command = stringValue(p.keys, 'credential_process');
  if (command !== undefined) {
    return { kind: 'process', profile: p.name, command, origin: originOf(p.keys.get('credential_process')!) };
  }
  if (p.configKeys?.has('aws_access_key_id')) return staticKeys(p, p.configKeys, 'config-file');
  return undefined;
}

function staticKeys(p: Profile, keys: Keys, provider: string): SourceStep {
  const secret = stringValue(keys, 'aws_secret_access_key');
  const origin = originOf(keys.get('aws_access_key_id')!);
  if (secret === undefined) {
    throw new AwsxError('PartialCredentialsError', `profile ${p.name}: partial credentials found in ${provider}, missing: aws_secret_access_key`, {
      hint: `add aws_secret_access_key next to aws_access_key_id (${origin.file}, line ${origin.line})`,
    });
  }
  const accessKeyId = stringValue(keys, 'aws_access_key_id') ?? '';
  // botocore reads aws_security_token before aws_session_token.
  const sessionToken = stringValue(keys, 'aws_security_token') ?? stringValue(keys, 'aws_session_token');
  const tooLong = checkLengths({ AccessKeyId: accessKeyId, SecretAccessKey: secret, SessionToken: sessionToken }, CREDENTIAL_LIMITS);
  if (tooLong !== undefined) {
    throw new AwsxError('InvalidConfigError', `profile ${p.name}: the keys in ${provider} are not credentials: ${tooLong}`, {
      hint: `check the keys of profile ${p.name} (${origin.file}, line ${origin.line}): a line may have been pasted into another`,
    });
  }
  return { kind: 'static', profile: p.name, origin, accessKeyId, secretAccessKey: secret, sessionToken };
}

function webIdentity(p: Profile, tokenFile: string): SourceStep {
  const roleArn = stringValue(p.keys, 'role_arn');
  if (roleArn === undefined) {
    throw new AwsxError('InvalidConfigError', `profile ${p.name}: web_identity_token_file is set but the profile has no role ARN configured`, {
      hint: `add role_arn = arn:aws:iam::ACCOUNT:role/NAME to profile ${p.name}`,
    });
  }
  const sessionName = stringValue(p.keys, 'role_session_name');
  return { kind: 'web-identity', profile: p.name, roleArn, tokenFile, sessionName: sessionName || undefined };
}
