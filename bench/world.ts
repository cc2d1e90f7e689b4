// One AWS world per benchmark: a home with ~/.aws/{config,credentials}, moto_server as STS
// behind the counting proxy, a private awsx runtime dir, and the environment that points
// awsx, botocore and the AWS CLI at all of it. close() stops the daemons, the proxy and
// moto, and removes the home, whatever state the benchmark left them in.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { killDaemons } from '../test/helpers/daemon.ts';
import { startMoto } from '../test/helpers/moto.ts';
import { startStsProxy, type StsProxy } from '../test/helpers/stsProxy.ts';

/** The bundle every command benchmark times, as `npm run build` makes it. */
export const AWSX = fileURLToPath(new URL('../dist/awsx.js', import.meta.url));

export interface BenchWorld {
  readonly home: string;
  readonly runtimeDir: string;
  readonly socket: string;
  /** Counts every STS call (moto behind it). */
  readonly proxy: StsProxy;
  /** Only these variables: no developer profile, no NODE_EXTRA_CA_CERTS (add it per side). */
  readonly env: Record<string, string>;
  close(): Promise<void>;
}

export async function benchWorld(files: { config: string; credentials: string }): Promise<BenchWorld> {
  const home = mkdtempSync(join(tmpdir(), 'awsx-bench-'));
  mkdirSync(join(home, '.aws'));
  writeFileSync(join(home, '.aws', 'config'), files.config);
  writeFileSync(join(home, '.aws', 'credentials'), files.credentials);
  const moto = await startMoto();
  const proxy = await startStsProxy(moto.url);
  const runtimeDir = join(home, 'run');
  const env = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    AWS_ENDPOINT_URL_STS: proxy.url,
    AWSX_ALLOW_INSECURE_ENDPOINTS: '1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWSX_RUNTIME_DIR: runtimeDir,
  };
  return {
    home,
    runtimeDir,
    socket: join(runtimeDir, 'awsx.sock'),
    proxy,
    env,
    async close() {
      await killDaemons(runtimeDir);
      await proxy.stop();
      await moto.stop();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** The environment with NODE_EXTRA_CA_CERTS as this process has it, and without. */
export function caVariants(env: Record<string, string>): { label: string; env: Record<string, string> }[] {
  const ca = process.env['NODE_EXTRA_CA_CERTS'];
  const without = { label: 'without NODE_EXTRA_CA_CERTS', env };
  return ca ? [{ label: 'with NODE_EXTRA_CA_CERTS', env: { ...env, NODE_EXTRA_CA_CERTS: ca } }, without] : [without];
}

let python: { exe: string; aws: string } | undefined;

/**
 * The real python3 and aws executables, not pyenv's shims (a shim is a bash script that
 * costs about 60 ms a start, which would be charged to the Python side).
 */
export function pythonTools(): { exe: string; aws: string } {
  if (python) return python;
  const r = spawnSync('python3', ['-c', 'import sys, botocore, awscli; print(sys.executable)'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python3 with botocore and awscli is needed: ${r.stderr}`);
  const exe = r.stdout.trim();
  const aws = join(dirname(exe), 'aws');
  python = { exe, aws: existsSync(aws) ? aws : 'aws' };
  return python;
}
