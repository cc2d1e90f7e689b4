// `awsx pick --exec -- CMD`: CMD runs with the session's variables (set and unset exactly
// as the shell output would), inheriting the terminal; awsx exits with its status.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { AwsxError } from '../core/errors.ts';
import type { ShellChange } from '../shell/variables.ts';

export function applyChange(env: NodeJS.ProcessEnv, change: ShellChange): NodeJS.ProcessEnv {
  const out = { ...env };
  for (const name of change.unset) delete out[name];
  for (const [name, value] of change.set) out[name] = value;
  return out;
}

const FORWARDED: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];

/** Runs the command to its end; its exit status, or 128 + the signal that ended it. */
export function runCommand(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [file, ...args] = argv;
  if (file === undefined) return Promise.reject(new AwsxError('UsageError', 'pick: --exec needs a command after --'));
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: 'inherit', env });
    // The terminal sends Ctrl-C to the whole foreground group; other signals are passed on.
    const forward = (signal: NodeJS.Signals) => () => void child.kill(signal);
    const handlers = FORWARDED.map((s) => [s, forward(s)] as const);
    for (const [s, h] of handlers) process.on(s, h);
    const done = (): void => void handlers.forEach(([s, h]) => process.off(s, h));
    child.on('error', (e: NodeJS.ErrnoException) => {
      done();
      reject(new AwsxError('UsageError', `pick: cannot run ${file}: ${e.code ?? e.message}`, { hint: 'check the command name and your PATH' }));
    });
    child.on('exit', (code, signal) => {
      done();
      resolve(code ?? 128 + (signal ? constants.signals[signal] : 1));
    });
  });
}
