// Daemons under test: a private runtime dir per test, finding the daemons that serve it
// (by /proc: their title and their AWSX_RUNTIME_DIR), and stopping every one of them when
// the test ends, whatever state the test left them in.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { bundleIsFresh, REPO_ROOT } from './cli.ts';
import { tempDir } from './tempDir.ts';
import { waitFor } from './waitFor.ts';

export interface TestRuntime {
  /** The runtime dir (not created: the CLI or daemon creates it). */
  readonly dir: string;
  readonly socket: string;
  readonly log: string;
  /** What points awsx at it. */
  readonly env: Record<string, string>;
}

export function privateRuntime(t: TestContext, extraEnv: Record<string, string> = {}): TestRuntime {
  let dir = '';
  // Registered before tempDir's removal hook, so daemons stop before their dir goes
  // (t.after hooks run in the order they were registered).
  t.after(() => killDaemons(dir));
  dir = join(tempDir(t), 'run');
  return { dir, socket: join(dir, 'awsx.sock'), log: join(dir, 'daemon.log'), env: { AWSX_RUNTIME_DIR: dir, ...extraEnv } };
}

/** Pids of live awsx daemons whose runtime dir is `dir`. */
export function daemonPids(dir: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (!readFileSync(`/proc/${name}/cmdline`, 'utf8').startsWith('awsx-daemon')) continue;
      const env = readFileSync(`/proc/${name}/environ`, 'utf8').split('\0');
      if (env.includes(`AWSX_RUNTIME_DIR=${dir}`) && !isZombie(name)) out.push(Number(name));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return out;
}

function isZombie(pid: string): boolean {
  try {
    return /\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !isZombie(String(pid));
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL after a grace period, for every daemon of `dir`. */
export async function killDaemons(dir: string): Promise<void> {
  const pids = daemonPids(dir);
  for (const pid of pids) signal(pid, 'SIGTERM');
  try {
    await waitFor(() => pids.every((p) => !isAlive(p)), 'daemons to exit after SIGTERM', 7_000);
  } catch {
    for (const pid of pids) signal(pid, 'SIGKILL');
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/** The one daemon of `dir`, once it runs. */
export async function theDaemon(dir: string, timeoutMs = 10_000): Promise<number> {
  await waitFor(() => daemonPids(dir).length > 0, 'a daemon to run', timeoutMs);
  const pids = daemonPids(dir);
  if (pids.length !== 1) throw new Error(`expected one daemon for ${dir}, found ${pids.length}`);
  return pids[0]!;
}

export function countLines(text: string, needle: string): number {
  return text.split('\n').filter((l) => l.includes(needle)).length;
}

export interface ForegroundDaemon {
  readonly child: ChildProcess;
  /** Its log so far (a foreground daemon logs to stderr). */
  log(): string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * The daemon as a child of the test, in the foreground: its exit code and log are ours to see.
 * `built`: dist/awsxd.js when the bundle is up to date (5x faster to start), else the source.
 */
export function spawnForegroundDaemon(t: TestContext, rt: TestRuntime, env: Record<string, string> = {}, opts: { built?: boolean } = {}): ForegroundDaemon {
  const bundled = ['awsxd.mjs', 'awsxd.js'].map((name) => join(REPO_ROOT, 'dist', name)).find((path) => existsSync(path));
  const entry = opts.built && bundled !== undefined && bundleIsFresh() ? [bundled] : ['--import', 'tsx', 'src/daemon/main.ts'];
  const child = spawn(process.execPath, entry, {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/', ...rt.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (log += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  return { child, log: () => log, exited };
}
