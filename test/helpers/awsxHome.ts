// A user's home for end-to-end tests in a real terminal: ~/aws files, awsx from source on
// PATH (AWSX_BIN), a private runtime dir, and STS pointed at moto. Without files, the home
// has no AWS files and the AWS variables that name them are unset, as on a new machine
// (~/.aws is then where awsx and the AWS CLI look). When the test ends the daemon is
// stopped through its socket first, then the directory goes.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { awsxFromSource } from './awsxFromSource.ts';
import { runAwsx } from './cli.ts';

export function awsxHome(t: TestContext, stsUrl: string, files?: { config: string; credentials: string }): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'awsx-e2e-'));
  if (files !== undefined) {
    mkdirSync(join(dir, 'aws'));
    writeFileSync(join(dir, 'aws', 'config'), files.config);
    writeFileSync(join(dir, 'aws', 'credentials'), files.credentials);
  }
  const env: Record<string, string> = {
    PATH: `${join(dir, 'bin')}:${process.env['PATH'] ?? '/usr/bin:/bin'}`,
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, '.config'),
    XDG_DATA_HOME: join(dir, '.local'),
    LANG: 'C.UTF-8',
    AWS_CONFIG_FILE: join(dir, 'aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws', 'credentials'),
    AWS_ENDPOINT_URL_STS: stsUrl,
    AWSX_ALLOW_INSECURE_ENDPOINTS: '1',
    AWSX_RUNTIME_DIR: join(dir, 'run'),
    AWSX_BIN: awsxFromSource(dir),
  };
  if (files === undefined) {
    delete env.AWS_CONFIG_FILE;
    delete env.AWS_SHARED_CREDENTIALS_FILE;
  }
  t.after(async () => {
    const stop = await runAwsx(['daemon', 'stop'], { env: { HOME: dir, AWSX_RUNTIME_DIR: env.AWSX_RUNTIME_DIR } });
    rmSync(dir, { recursive: true, force: true });
    assert.equal(stop.code, 0, `awsx daemon stop: ${stop.stderr}`);
  });
  return env;
}
