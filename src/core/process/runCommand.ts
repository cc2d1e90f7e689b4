// Runs a configured command the way botocore runs credential_process: split with POSIX
// shlex, no shell, the caller's environment and working directory. On top of botocore: a
// timeout that kills the whole process group, capped output, and no stdin (the daemon
// has no terminal to give it). Outcomes are data; the callers word the errors.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { shlexSplit } from '../shlex.ts';
import type { ProcessContext } from './api.ts';

export const OUTPUT_CAP_BYTES = 1024 * 1024;

export type CommandOutcome =
  | { readonly kind: 'exited'; readonly code: number; readonly stdout: string; readonly stderr: string }
  | { readonly kind: 'signalled'; readonly signal: string; readonly stderr: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'too-much-output'; readonly stream: 'stdout' | 'stderr' }
  | { readonly kind: 'not-started'; readonly errno: string; readonly program: string }
  | { readonly kind: 'no-cwd'; readonly cwd: string }
  | { readonly kind: 'empty-command' };

export async function runCommand(command: string, ctx: ProcessContext, capBytes = OUTPUT_CAP_BYTES): Promise<CommandOutcome> {
  const argv = shlexSplit(command);
  const program = argv[0];
  if (program === undefined || program === '') return { kind: 'empty-command' };
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(ctx.env)) if (v !== undefined) env[k] = v;

  let child: ChildProcessByStdio<null, Readable, Readable>;
  try {
    // detached: the child leads its own process group, so a timeout can kill what it started too.
    child = spawn(program, argv.slice(1), { env, cwd: ctx.cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  } catch (e) {
    // Thrown, not emitted: a NUL byte in an argument, a variable or the directory (a request's env is peer input).
    return { kind: 'not-started', errno: (e as NodeJS.ErrnoException).code ?? 'UNKNOWN', program };
  }
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const size = { stdout: 0, stderr: 0 };
    let settled = false;

    const finish = (outcome: CommandOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const killGroup = (): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const collect = (stream: 'stdout' | 'stderr', into: Buffer[]) => (chunk: Buffer) => {
      size[stream] += chunk.length;
      if (size[stream] > capBytes) {
        killGroup();
        finish({ kind: 'too-much-output', stream });
      } else into.push(chunk);
    };

    const timer = setTimeout(() => {
      killGroup();
      finish({ kind: 'timeout' });
    }, ctx.timeoutMs);
    child.stdout.on('data', collect('stdout', out));
    child.stderr.on('data', collect('stderr', err));
    child.once('error', (e: NodeJS.ErrnoException) => {
      // spawn says ENOENT for a missing working directory too.
      if (e.code === 'ENOENT' && ctx.cwd !== undefined && !existsSync(ctx.cwd)) finish({ kind: 'no-cwd', cwd: ctx.cwd });
      else finish({ kind: 'not-started', errno: e.code ?? 'UNKNOWN', program });
    });
    // 'close' waits for both pipes, so all output is in (a background child that keeps
    // them open makes the command run until the timeout).
    child.once('close', (code, signal) => {
      const stderr = Buffer.concat(err).toString('utf8');
      if (code === null) finish({ kind: 'signalled', signal: signal ?? 'unknown signal', stderr });
      else finish({ kind: 'exited', code, stdout: Buffer.concat(out).toString('utf8'), stderr });
    });
  });
}

/** The first non-empty line of a command's stderr, short enough for a one-line message. */
export function firstLine(text: string, max = 200): string {
  const line = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '') ?? '';
  return line.length > max ? `${line.slice(0, max)}…` : line;
}
