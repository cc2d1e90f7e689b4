// credential_source = Environment: the keys of the shell that asked (docs/aws-config.md
// 4.3 and the env provider of section 3: AWS_SECURITY_TOKEN before AWS_SESSION_TOKEN).
// The other credential_source values are not supported yet.
import type { Credentials } from '../../credentials.ts';
import { AwsxError } from '../../errors.ts';
import { checkLengths, CREDENTIAL_LIMITS } from '../../stsLimits.ts';
import type { SourceStep } from '../../plan/types.ts';
import type { Env } from '../types.ts';
import type { Source } from './source.ts';

export const environment: Source<Extract<SourceStep, { kind: 'credential-source' }>> = (step, { req }) => {
  if (step.source !== 'Environment') {
    throw new AwsxError('Unsupported', `profile ${step.profile}: credential_source = ${step.source} is not supported by awsx yet`, {
      hint: 'use the AWS CLI for this profile, or credential_source = Environment',
    });
  }
  return { kind: 'credentials', credentials: environmentCredentials(step.profile, req.env) };
};

/** Also what `whoami` signs with when the caller sends its environment's keys. */

export function environmentCredentials(profile: string, env: Env): Credentials {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  if (!accessKeyId) {
    throw new AwsxError('CredentialRetrievalError', `profile ${profile}: credential_source = Environment, but AWS_ACCESS_KEY_ID is not set in this shell`, {
      hint: 'export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the shell that runs awsx, or use source_profile instead',
    });
  }
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!secretAccessKey) {
    throw new AwsxError('PartialCredentialsError', `profile ${profile}: partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY`, {
      hint: 'export AWS_SECRET_ACCESS_KEY next to AWS_ACCESS_KEY_ID',
    });
  }
  const sessionToken = env.AWS_SECURITY_TOKEN || env.AWS_SESSION_TOKEN || undefined;
  const tooLong = checkLengths({ AccessKeyId: accessKeyId, SecretAccessKey: secretAccessKey, SessionToken: sessionToken }, CREDENTIAL_LIMITS);
  if (tooLong !== undefined) {
    throw new AwsxError('CredentialRetrievalError', `profile ${profile}: credential_source = Environment, but the AWS_* variables of this shell are not credentials: ${tooLong}`, {
      hint: 'export the key, secret and session token as STS or IAM gave them',
    });
  }
  return { accessKeyId, secretAccessKey, sessionToken };
}
