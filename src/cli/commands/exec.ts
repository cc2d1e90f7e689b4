// `awsx exec PROFILE [--mfa-code CODE] [--ecs-server [--listen ADDR] [--token-file]] [--] [CMD ARGS...]`:
// runs CMD with the profile's credentials in its environment (AWS_PROFILE and the other
// conflicting variables removed), forwards SIGINT/SIGTERM/SIGHUP to it, and exits with its
// code, or 128+signal. With --ecs-server, CMD gets the daemon's container endpoint and a
// token instead of keys, and its SDK refreshes by itself (docs/ecs-server.md). Everything
// from the first word after PROFILE is CMD (as aws-vault reads it); no CMD starts $SHELL.
import { AwsxError } from '../../core/errors.ts';
import { parseCommandArgs, wantsHelp } from '../args.ts';
import type { Command } from '../command.ts';
import { ecsChange, registerEcsToken, writeTokenFile } from '../ecsToken.ts';
import { askWithMfa } from '../mfaFlow.ts';
import { runWithChange } from '../runWithCredentials.ts';
import { changeFor } from '../sessionChange.ts';

const USAGE = `Usage: awsx exec PROFILE [--mfa-code CODE] [--ecs-server [--listen ADDR] [--token-file]] [--] [COMMAND [ARGS...]]

Runs COMMAND with PROFILE's credentials in its environment, e.g.
  awsx exec prod aws s3 ls
Everything after PROFILE is COMMAND, its options included (awsx's own go before it;
\`--\` may mark where COMMAND starts). Without COMMAND, runs $SHELL.
--ecs-server gives COMMAND the daemon's container credentials endpoint and a token
instead of keys (AWS_CONTAINER_CREDENTIALS_FULL_URI, AWS_CONTAINER_AUTHORIZATION_TOKEN):
its SDK fetches and refreshes credentials by itself for as long as it runs, and the token
dies with this command. --token-file passes the token in a 0600 file instead
(AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE). --listen ADDR serves a container on a Docker
bridge (e.g. 172.17.0.1) besides; see docs/ecs-server.md first.`;

/** Options of exec that take a value (the next word, or after "="). */
const VALUED = new Set(['--mfa-code', '--listen']);

/** exec's own words, and COMMAND: from "--", or the first word after PROFILE that is no option of exec's. */
function splitCommand(argv: readonly string[]): { own: string[]; cmd: string[] } {
  let profileSeen = false;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') return { own: argv.slice(0, i), cmd: argv.slice(i + 1) };
    if (word.startsWith('-') && word !== '-') {
      if (VALUED.has(word)) i++;
      continue;
    }
    if (profileSeen) return { own: argv.slice(0, i), cmd: argv.slice(i) };
    profileSeen = true;
  }
  return { own: [...argv], cmd: [] };
}

export const command: Command = async (argv) => {
  const split = splitCommand(argv);
  const { values, positionals } = parseCommandArgs('exec', split.own, {
    'mfa-code': { type: 'string' },
    'ecs-server': { type: 'boolean' },
    listen: { type: 'string' },
    'token-file': { type: 'boolean' },
  }, USAGE);
  if (wantsHelp(values, USAGE)) return 0;
  const [profile] = positionals;
  if (profile === undefined) throw new AwsxError('UsageError', 'exec: name a profile', { hint: 'awsx exec PROFILE COMMAND [ARGS...], e.g. `awsx exec prod aws s3 ls`' });
  const cmd = split.cmd.length > 0 ? split.cmd : [process.env['SHELL'] || '/bin/sh'];
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
