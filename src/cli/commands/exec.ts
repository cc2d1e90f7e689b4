// `awsx exec PROFILE [--mfa-code CODE] -- CMD ARGS...`: runs CMD with the profile's
// credentials in its environment (AWS_PROFILE and the other conflicting variables
// removed), forwards SIGINT/SIGTERM/SIGHUP to it, and exits with its code, or 128+signal.
import { AwsxError } from '../../core/errors.ts';
import { parseCommandArgs, wantsHelp } from '../args.ts';
import type { Command } from '../command.ts';
import { askWithMfa } from '../mfaFlow.ts';
import { runWithChange } from '../runWithCredentials.ts';
import { changeFor } from '../sessionChange.ts';

const USAGE = `Usage: awsx exec PROFILE [--mfa-code CODE] -- COMMAND [ARGS...]

Runs COMMAND with PROFILE's credentials in its environment, e.g.
  awsx exec prod -- aws s3 ls`;

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
  return runWithChange('exec', cmd, process.env, changeFor(answer));
};
