// Runs a command with a session's variables in its environment (set and unset exactly as
// the shell output would), for `awsx exec` and `awsx pick --exec`: no shell, the terminal
// inherited, SIGINT/SIGTERM/SIGHUP/SIGQUIT passed on, and its exit status returned (or
// 128 + the signal that ended it).
import { constants } from 'node:os';
import { AwsxError } from '../core/errors.ts';
import type { ShellChange } from '../shell/variables.ts';

const FORWARDED: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];

export function applyChange(base: NodeJS.ProcessEnv, change: ShellChange): NodeJS.ProcessEnv {
  const env = { ...base };
  for (const name of change.unset) delete env[name];
  for (const [name, value] of change.set) env[name] = value;
  return env;
}

/** `who` names the command in errors (`exec`, `pick`). */
export async function runWithChange(who: string, argv: readonly string[], base: NodeJS.ProcessEnv, change: ShellChange): Promise<number> {
  const [file, ...args] = argv;
  if (file === undefined) throw new AwsxError('UsageError', `${who}: name a command after --`);
  // Only the commands that run something pay for loading child_process.
  const { spawn } = await import('node:child_process');
  const child = spawn(file, args, { stdio: 'inherit', env: applyChange(base, change) });
  const forward = (sig: NodeJS.Signals): void => void child.kill(sig);
  for (const sig of FORWARDED) process.on(sig, forward);
  try {
    return await new Promise<number>((resolve, reject) => {
      child.once('error', (err: NodeJS.ErrnoException) =>
        reject(new AwsxError('UsageError', `${who}: cannot run ${file}: ${err.code ?? err.message}`, { hint: 'check the command name and your PATH' })));
      child.once('exit', (code, signal) => resolve(signal ? 128 + (constants.signals[signal] ?? 0) : code ?? 1));
    });
  } finally {
    for (const sig of FORWARDED) process.off(sig, forward);
  }
}
