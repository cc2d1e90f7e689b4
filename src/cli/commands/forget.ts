// `awsx forget PROFILE | --all`: drops sessions from the daemon. A daemon that is not
// running holds nothing, so this never starts one.
import { AwsxError } from '../../core/errors.ts';
import { parseCommandArgs, wantsHelp } from '../args.ts';
import type { Command } from '../command.ts';
import { isDaemonNotRunning } from '../../ipc/client.ts';
import { withDaemon } from '../daemonCall.ts';

const USAGE = `Usage: awsx forget PROFILE
       awsx forget --all

Drops a profile's session (or every session) from the daemon; the next use fetches new
credentials, asking for an MFA code if the profile needs one. The profile's container
endpoint tokens (awsx exec --ecs-server) are revoked with it.`;

export const command: Command = async (argv) => {
  const { values, positionals } = parseCommandArgs('forget', argv, { all: { type: 'boolean' } }, USAGE);
  if (wantsHelp(values, USAGE)) return 0;
  const all = values.all === true;
  if (all === (positionals.length > 0) || positionals.length > 1) {
    throw new AwsxError('UsageError', 'forget: name one profile, or give --all', { hint: USAGE });
  }
  const params = all ? { all: true } : { profile: positionals[0]! };
  let dropped = 0;
  let revoked = 0;
  try {
    ({ dropped, revoked = 0 } = await withDaemon((c) => c.request('forget', params), { autostart: false }));
  } catch (e) {
    if (!isDaemonNotRunning(e)) throw e;
  }
  const tokens = revoked === 0 ? '' : `, ${revoked} container endpoint token${revoked === 1 ? '' : 's'} revoked`;
  process.stdout.write(`${dropped} session${dropped === 1 ? '' : 's'} dropped${tokens}\n`);
  return 0;
};
