// A small AWS world for end-to-end tests of the commands: moto as STS, a config with a
// static profile, a role, an MFA role and a credential_process profile that calls awsx
// itself, and the env that points awsx, the AWS CLI and boto3 at all of it.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { REPO_ROOT } from './cli.ts';
import { privateRuntime, type TestRuntime } from './daemon.ts';
import { tempDir } from './tempDir.ts';

export const ACCOUNT = '123456789012';
export const MFA_SERIAL = `arn:aws:iam::${ACCOUNT}:mfa/tester`;

export interface StsWorld {
  readonly runtime: TestRuntime;
  readonly home: string;
  /** The long-term secret in the credentials file: a canary for leak checks. */
  readonly canary: string;
  /** HOME, the two files, the STS endpoint and the runtime dir. */
  readonly env: Record<string, string>;
}

export function stsWorld(t: TestContext, stsUrl: string): StsWorld {
  const runtime = privateRuntime(t);
  const home = tempDir(t);
  const canary = `CANARY-${randomUUID()}`;
  const aws = join(home, '.aws');
  mkdirSync(aws);
  const awsx = join(REPO_ROOT, 'test/helpers/awsx-bin.sh');
  writeFileSync(
    join(aws, 'config'),
    [
      '[profile base]',
      'region = us-east-1',
      '[profile app]',
      `role_arn = arn:aws:iam::${ACCOUNT}:role/app`,
      'source_profile = base',
      'region = eu-west-1',
      '[profile mfa]',
      `role_arn = arn:aws:iam::${ACCOUNT}:role/mfa`,
      'source_profile = base',
      `mfa_serial = ${MFA_SERIAL}`,
      'region = us-east-1',
      '[profile viaawsx]',
      `credential_process = ${awsx} credential-process app`,
      'region = eu-west-1',
      '',
    ].join('\n'),
  );
  writeFileSync(join(aws, 'credentials'), `[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = ${canary}\n`);
  return {
    runtime,
    home,
    canary,
    env: {
      ...runtime.env,
      HOME: home,
      AWS_CONFIG_FILE: join(aws, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(aws, 'credentials'),
      AWS_ENDPOINT_URL_STS: stsUrl,
      // moto and the proxy speak plain http on loopback (core/endpoints/policy.ts).
      AWSX_ALLOW_INSECURE_ENDPOINTS: '1',
      AWS_EC2_METADATA_DISABLED: 'true',
    },
  };
}
