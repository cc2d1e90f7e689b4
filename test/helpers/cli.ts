// Runs the awsx CLI from source as a real process, the way a user runs it.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

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
}

export function runAwsx(args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const env = { PATH: process.env.PATH, ...(opts.env ?? process.env) };
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    env,
    cwd: opts.cwd ?? REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
    timeout: opts.timeoutMs ?? 30_000,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.end(opts.input ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
