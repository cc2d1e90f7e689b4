// The real daemon process for the security and load tests (docs/security.md C, F-H, K): a
// home with ~/.aws files and a private runtime dir, the daemon started the way a user's
// CLI starts it (the built bundle when it is up to date), clients that speak the real
// protocol over its socket, and what /proc says about the daemon (RSS, CPU time, fds).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { IpcConnection } from '../../src/ipc/connection.ts';
import type { Params, Result, WireEnv } from '../../src/ipc/protocol.ts';
import { awsxEnv, runAwsx } from './cli.ts';
import { privateRuntime, theDaemon, type TestRuntime } from './daemon.ts';
import { tempDir } from './tempDir.ts';

export interface LiveHome {
  readonly home: string;
  readonly runtime: TestRuntime;
  /** For awsx commands: HOME, the two files, STS at the given URL, the runtime dir. */
  readonly env: Record<string, string>;
  /** The same, as a resolve request carries it (protocol.ts FORWARDED_ENV). */
  readonly wireEnv: WireEnv;
}

export function liveHome(t: TestContext, stsUrl: string, files: { readonly config: string; readonly credentials: string }, extraEnv: Record<string, string> = {}): LiveHome {
  const runtime = privateRuntime(t);
  const home = tempDir(t);
  mkdirSync(join(home, '.aws'));
  const config = join(home, '.aws', 'config');
  const credentials = join(home, '.aws', 'credentials');
  writeFileSync(config, files.config);
  writeFileSync(credentials, files.credentials);
  const wireEnv: WireEnv = { HOME: home, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_ENDPOINT_URL_STS: stsUrl, AWSX_ALLOW_INSECURE_ENDPOINTS: '1', PATH: process.env.PATH ?? '/usr/bin:/bin' };
  const env = { ...runtime.env, ...(wireEnv as Record<string, string>), AWS_EC2_METADATA_DISABLED: 'true', ...extraEnv };
  return { home, runtime, env, wireEnv };
}

/** `awsx daemon start` (built), then the daemon's pid. */
export async function startDaemon(home: LiveHome): Promise<number> {
  const r = await runAwsx(['daemon', 'start'], { env: awsxEnv(home.env), built: true });
  if (r.code !== 0) throw new Error(`awsx daemon start: exit ${r.code}: ${r.stderr}`);
  return theDaemon(home.runtime.dir);
}

/** One request on a connection of its own, as the CLI makes it. */
export async function request<M extends 'resolve' | 'sessions' | 'status' | 'hello'>(socket: string, method: M, params: Params<M>, timeoutMs?: number): Promise<Result<M>> {
  const c = await IpcConnection.open(socket, 10_000);
  try {
    return await c.request(method, params, timeoutMs);
  } finally {
    c.close();
  }
}

export function resolveOver(socket: string, home: LiveHome, profile: string, extra: Partial<Params<'resolve'>> = {}, timeoutMs?: number): Promise<Result<'resolve'>> {
  return request(socket, 'resolve', { profile, env: home.wireEnv, ...extra }, timeoutMs);
}

/** The access key id of a resolve answer; throws on anything but credentials. */
export function keyOf(r: Result<'resolve'>): string {
  if (r.kind !== 'credentials') throw new Error(`expected credentials, got ${JSON.stringify(r)}`);
  return r.credentials.accessKeyId;
}

export interface ProcStats {
  readonly rssKiB: number;
  /** User + system CPU time so far. */
  readonly cpuMs: number;
  readonly fds: number;
}

// USER_HZ: 100 on every Linux this project runs on (sysconf(_SC_CLK_TCK)).
const TICK_MS = 10;

export function procStats(pid: number): ProcStats {
  const rss = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  // Fields after the ")" that ends comm: state is field 3, utime 14, stime 15.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return {
    rssKiB: Number(rss?.[1] ?? NaN),
    cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS,
    fds: readdirSync(`/proc/${pid}/fd`).length,
  };
}

/** The p-th percentile (0-100) of some numbers. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
