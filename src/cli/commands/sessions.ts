// `awsx sessions [--json]`: what the daemon holds.
import { inert } from '../../core/sanitize.ts';
import { parseCommandArgs, wantsHelp } from '../args.ts';
import type { Command } from '../command.ts';
import { withDaemon } from '../daemonCall.ts';
import { formatTable } from '../table.ts';
import { formatTimeLeft } from '../timeLeft.ts';

const USAGE = `Usage: awsx sessions [--json]

The sessions the daemon holds: profile, identity, key id suffix, expiry, time left, and
whether refreshing it will need an MFA code. Then the live container-endpoint tokens
(awsx exec --ecs-server): profile, the process that holds each, and what it runs.`;

export const command: Command = async (argv) => {
  const { values } = parseCommandArgs('sessions', argv, { json: { type: 'boolean' } }, USAGE);
  if (wantsHelp(values, USAGE)) return 0;
  const { sessions, endpoints = [] } = await withDaemon((c) => c.request('sessions', {}));
  if (values.json) {
    process.stdout.write(JSON.stringify(sessions, null, 2) + '\n');
    return 0;
  }
  const now = Date.now();
  const rows = sessions.map((s) => {
    const exp = s.expiration === undefined ? undefined : new Date(s.expiration);
    return [s.profile, s.identity, s.accessKeyIdSuffix, s.expiration?.replace(/\.\d{3}Z$/, 'Z'), formatTimeLeft(exp, now), s.needsMfaToRefresh ? 'needs code' : 'no'];
  });
  process.stdout.write(sessions.length === 0 ? 'no sessions\n' : formatTable(['PROFILE', 'IDENTITY', 'KEY', 'EXPIRES', 'LEFT', 'MFA'], rows) + '\n');
  if (endpoints.length > 0) {
    // The live container-endpoint tokens (docs/ecs-server.md): who holds each, never the token.
    const held = endpoints.map((e) => [e.profile, String(e.pid), e.url, inert(e.command)]);
    process.stdout.write('\ncontainer endpoint tokens:\n' + formatTable(['PROFILE', 'PID', 'URL', 'COMMAND'], held) + '\n');
  }
  return 0;
};
