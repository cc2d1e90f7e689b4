// `awsx exec PROFILE [--mfa-code CODE] -- CMD ARGS...`: runs CMD with the profile's
// credentials in its environment (AWS_PROFILE and the other conflicting variables
// removed), forwards SIGINT/SIGTERM/SIGHUP to it, and exits with its code, or 128+signal.
import { constants } from 'node:os';
import { AwsxError } from '../../core/errors.ts';
import type { ShellChange } from '../../shell/variables.ts';
import { parseCommandArgs, wantsHelp } from '../args.ts';
import type { Command } from '../command.ts';
import { askWithMfa } from '../mfaFlow.ts';
import { changeFor } from '../sessionChange.ts';

const USAGE = `Usage: awsx exec PROFILE [--mfa-code CODE] -- COMMAND [ARGS...]

Runs COMMAND with PROFILE's credentials in its environment, e.g.
  awsx exec prod -- aws s3 ls`;

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export const command: Command = async (argv) => {
  // Everything after the first "--" belongs to COMMAND, options included.
  const dash = argv.indexOf('--');
  const own = dash === -1 ? argv : argv.slice(0, dash);
  const { values, positionals } = parseCommandArgs('exec', own, { 'mfa-code': { type: 'string' } }, USAGE);
  if (wantsHelp(values, USAGE)) return 0;
  const [profile, ...rest] = positionals;
  const cmd = dash === -1 ? rest : [...rest, ...argv.slice(dash + 1)];
  if (profile === undefined || cmd.length === 0) throw new AwsxError('UsageError', 'exec: name a profile and a command', { hint: USAGE });
  const answer = await askWithMfa('resolve', { profile }, values['mfa-code']);
  return run(cmd[0]!, cmd.slice(1), applyChange(process.env, changeFor(answer)));
};

export function applyChange(base: NodeJS.ProcessEnv, change: ShellChange): NodeJS.ProcessEnv {
  const env = { ...base };
  for (const name of change.unset) delete env[name];
  for (const [name, value] of change.set) env[name] = value;
  return env;
}

async function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { spawn } = await import('node:child_process');
  // No shell: the arguments reach the program exactly as given.
  const child = spawn(file, args, { stdio: 'inherit', env });
  const forward = (sig: NodeJS.Signals): void => {
    child.kill(sig);
  };
  for (const sig of FORWARDED) process.on(sig, forward);
  try {
    return await new Promise<number>((resolve, reject) => {
      child.once('error', (err: NodeJS.ErrnoException) =>
        reject(new AwsxError('UsageError', `exec: cannot run ${file}: ${err.code ?? err.message}`, { hint: 'check the command name and PATH' })),
      );
      child.once('exit', (code, signal) => resolve(signal ? 128 + (constants.signals[signal] ?? 0) : code ?? 1));
    });
  } finally {
    for (const sig of FORWARDED) process.off(sig, forward);
  }
}
