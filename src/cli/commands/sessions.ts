// `awsx sessions [--json]`: what the daemon holds.
import { parseCommandArgs, wantsHelp } from '../args.ts';
import type { Command } from '../command.ts';
import { withDaemon } from '../daemonCall.ts';
import { formatTable } from '../table.ts';
import { formatTimeLeft } from '../timeLeft.ts';

const USAGE = `Usage: awsx sessions [--json]

The sessions the daemon holds: profile, identity, key id suffix, expiry, time left, and
whether refreshing it will need an MFA code.`;

export const command: Command = async (argv) => {
  const { values } = parseCommandArgs('sessions', argv, { json: { type: 'boolean' } }, USAGE);
  if (wantsHelp(values, USAGE)) return 0;
  const { sessions } = await withDaemon((c) => c.request('sessions', {}));
  if (values.json) {
    process.stdout.write(JSON.stringify(sessions, null, 2) + '\n');
    return 0;
  }
  if (sessions.length === 0) {
    process.stdout.write('no sessions\n');
    return 0;
  }
  const now = Date.now();
  const rows = sessions.map((s) => {
    const exp = s.expiration === undefined ? undefined : new Date(s.expiration);
    return [s.profile, s.identity, s.accessKeyIdSuffix, s.expiration?.replace(/\.\d{3}Z$/, 'Z'), formatTimeLeft(exp, now), s.needsMfaToRefresh ? 'needs code' : 'no'];
  });
  process.stdout.write(formatTable(['PROFILE', 'IDENTITY', 'KEY', 'EXPIRES', 'LEFT', 'MFA'], rows) + '\n');
  return 0;
};
