// `awsx exec PROFILE [--mfa-code CODE] [--ecs-server [--listen ADDR] [--token-file]] -- CMD ARGS...`:
// runs CMD with the profile's credentials in its environment (AWS_PROFILE and the other
// conflicting variables removed), forwards SIGINT/SIGTERM/SIGHUP to it, and exits with its
// code, or 128+signal. With --ecs-server, CMD gets the daemon's container endpoint and a
// token instead of keys, and its SDK refreshes by itself (docs/ecs-server.md).
import { AwsxError } from '../../core/errors.ts';
import { parseCommandArgs, wantsHelp } from '../args.ts';
import type { Command } from '../command.ts';
import { ecsChange, registerEcsToken, writeTokenFile } from '../ecsToken.ts';
import { askWithMfa } from '../mfaFlow.ts';
import { runWithChange } from '../runWithCredentials.ts';
import { changeFor } from '../sessionChange.ts';

const USAGE = `Usage: awsx exec PROFILE [--mfa-code CODE] [--ecs-server [--listen ADDR] [--token-file]] -- COMMAND [ARGS...]

Runs COMMAND with PROFILE's credentials in its environment, e.g.
  awsx exec prod -- aws s3 ls
--ecs-server gives COMMAND the daemon's container credentials endpoint and a token
instead of keys (AWS_CONTAINER_CREDENTIALS_FULL_URI, AWS_CONTAINER_AUTHORIZATION_TOKEN):
its SDK fetches and refreshes credentials by itself for as long as it runs, and the token
dies with this command. --token-file passes the token in a 0600 file instead
(AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE). --listen ADDR serves a container on a Docker
bridge (e.g. 172.17.0.1) besides; see docs/ecs-server.md first.`;

export const command: Command = async (argv) => {
  // Everything after the first "--" belongs to COMMAND, options included.
  const dash = argv.indexOf('--');
  const own = dash === -1 ? argv : argv.slice(0, dash);
  const { values, positionals } = parseCommandArgs('exec', own, {
    'mfa-code': { type: 'string' },
    'ecs-server': { type: 'boolean' },
    listen: { type: 'string' },
    'token-file': { type: 'boolean' },
  }, USAGE);
  if (wantsHelp(values, USAGE)) return 0;
  const [profile, ...rest] = positionals;
  const cmd = dash === -1 ? rest : [...rest, ...argv.slice(dash + 1)];
  if (profile === undefined || cmd.length === 0) throw new AwsxError('UsageError', 'exec: name a profile and a command', { hint: USAGE });
  const ecs = values['ecs-server'] === true;
  if (!ecs && (values.listen !== undefined || values['token-file'] === true)) {
    throw new AwsxError('UsageError', 'exec: --listen and --token-file go with --ecs-server', { hint: USAGE });
  }
  const answer = await askWithMfa('resolve', { profile }, values['mfa-code']);
  if (!ecs) return runWithChange('exec', cmd, process.env, changeFor(answer));
  // Held by this process, which waits for COMMAND: the token dies when the command ends.
  const token = await registerEcsToken({ profile, pid: process.pid, command: cmd.join(' '), listen: values.listen });
  const file = values['token-file'] === true ? writeTokenFile(token.token) : undefined;
  try {
    return await runWithChange('exec', cmd, process.env, ecsChange(answer.profile, token, answer.region, file?.path));
  } finally {
    file?.remove();
  }
};
