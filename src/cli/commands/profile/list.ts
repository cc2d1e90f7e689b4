// `awsx profile list [--json]`
import { summarizeProfile } from '../../../core/config/summary.ts';
import { parseCommandArgs, wantsHelp } from '../../args.ts';
import type { Command } from '../../command.ts';
import { loadUserProfiles } from '../../loadProfiles.ts';
import { formatTable } from '../../table.ts';

const USAGE = `Usage: awsx profile list [--json]

Every profile of ~/.aws/config and ~/.aws/credentials (or AWS_CONFIG_FILE and
AWS_SHARED_CREDENTIALS_FILE) with its kind, account, role, source, region and MFA device.`;

export const command: Command = async (argv) => {
  const { values } = parseCommandArgs('profile list', argv, { json: { type: 'boolean' } }, USAGE);
  if (wantsHelp(values, USAGE)) return 0;
  const set = loadUserProfiles();
  const summaries = [...set.profiles.values()].map(summarizeProfile).sort((a, b) => a.name.localeCompare(b.name));
  if (values.json) {
    process.stdout.write(JSON.stringify(summaries, null, 2) + '\n');
    return 0;
  }
  const rows = summaries.map((s) => [s.name, s.kind, s.accountId, s.roleName, s.source, s.region, s.mfaSerial ? 'mfa' : undefined]);
  process.stdout.write(formatTable(['NAME', 'KIND', 'ACCOUNT', 'ROLE', 'SOURCE', 'REGION', 'MFA'], rows) + '\n');
  return 0;
};
