// A private temp dir per test holding an `aws/` dir for the two files, with the env that
// points awsx and the AWS CLI at them. Removed when the test ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';

export interface AwsFiles {
  readonly dir: string;
  readonly config: string;
  readonly credentials: string;
  /** HOME, AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE for a child process. */
  readonly env: Record<string, string>;
}

export function tempAwsFiles(t: TestContext): AwsFiles {
  const dir = mkdtempSync(join(tmpdir(), 'awsx-edit-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const config = join(dir, 'aws', 'config');
  const credentials = join(dir, 'aws', 'credentials');
  return { dir, config, credentials, env: { HOME: dir, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials } };
}
