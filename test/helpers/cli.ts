// Runs the awsx CLI as a real process, the way a user runs it: from source through tsx by
// default, or the built bundle (dist/awsx.js) with `built: true` when the bundle is newer
// than every source file (as in `npm test`, which builds first; 3x faster to start).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const BUNDLE = join(REPO_ROOT, 'dist', 'awsx.js');

export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** The whole environment of the child (PATH is added when missing). */
  readonly env?: Record<string, string | undefined>;
  readonly input?: string;
  readonly cwd?: string;
  readonly timeoutMs?: number;
  /** Run dist/awsx.js when it is up to date with src/ (else the source, as without it). */
  readonly built?: boolean;
}

/** This process's environment without AWS_* and AWSX_* (a developer's own profiles), with `extra` on top. */
export function awsxEnv(extra: Readonly<Record<string, string | undefined>> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^AWSX?_/.test(k)) env[k] = v;
  return { ...env, ...extra };
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export function bundleIsFresh(): boolean {
  return existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs >= newestMtime(join(REPO_ROOT, 'src'));
}

/** The command line that runs the CLI (absolute paths, so any cwd works). */
export function awsxArgv(args: readonly string[], built = false): string[] {
  const entry = built && bundleIsFresh() ? [BUNDLE] : ['--import', 'tsx', MAIN];
  return [process.execPath, ...entry, ...args];
}

/** The child itself, for tests that signal it mid-run; stdin gets `input` and is closed. */
export function spawnAwsx(args: readonly string[], opts: RunOptions = {}): ChildProcess {
  const [node, ...rest] = awsxArgv(args, opts.built);
  const child = spawn(node!, rest, {
    env: { PATH: process.env.PATH, ...(opts.env ?? process.env) },
    cwd: opts.cwd ?? REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
    // A limit for a hang, not for speed: a CLI that runs the AWS CLI (Python) can take
    // half a minute on a busy machine.
    timeout: opts.timeoutMs ?? 120_000,
  });
  child.stdin!.end(opts.input ?? '');
  return child;
}

export function runAwsx(args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const child = spawnAwsx(args, opts);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
