// `awsx prompt`: the prompt segment as a command, for frameworks that run one (starship's
// [custom.awsx]). Reads only the environment and the clock: no config, no daemon.
import { AwsxError } from '../../core/errors.ts';
import { formatSegment } from '../../shell/segment.ts';
import { parseCommandArgs, wantsHelp } from '../args.ts';
import type { Command } from '../command.ts';

const USAGE = `Usage: awsx prompt

Prints the active profile and the time its credentials have left (\`prod 42m\`,
\`prod 3h12m\`, \`prod expired\`), or nothing when no profile is active. The shell
integration's awsx_prompt function and $AWSX_PROMPT show the same without starting a
process, and mark credentials the prompt hook could not renew with '!'.`;

export const command: Command = async (argv) => {
  const { values, positionals } = parseCommandArgs('prompt', argv, {}, USAGE);
  if (wantsHelp(values, USAGE)) return 0;
  if (positionals.length > 0) throw new AwsxError('UsageError', 'prompt: takes no arguments', { hint: USAGE });
  const text = formatSegment({
    profile: process.env['AWSX_PROFILE'],
    expiration: process.env['AWS_CREDENTIAL_EXPIRATION'],
    nowSeconds: Math.floor(Date.now() / 1000),
  });
  if (text !== '') process.stdout.write(`${text}\n`);
  return 0;
};
