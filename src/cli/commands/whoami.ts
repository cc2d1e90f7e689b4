// `awsx whoami [PROFILE] [--json]`: GetCallerIdentity for the profile's credentials, or for
// this shell's AWS_* credentials. The daemon makes the call, so the CLI never loads the SDK.
import { AwsxError } from '../../core/errors.ts';
import { parseCommandArgs, wantsHelp } from '../args.ts';
import type { Command } from '../command.ts';
import { askWithMfa } from '../mfaFlow.ts';
import { formatTable } from '../table.ts';

const USAGE = `Usage: awsx whoami [PROFILE] [--json] [--mfa-code CODE]

Who AWS says you are: with PROFILE, for that profile's credentials; without, for the
credentials in this shell's environment (e.g. after eval "$(awsx env prod)").`;

export const command: Command = async (argv) => {
  const { values, positionals } = parseCommandArgs('whoami', argv, { json: { type: 'boolean' }, 'mfa-code': { type: 'string' } }, USAGE);
  if (wantsHelp(values, USAGE)) return 0;
  if (positionals.length > 1) throw new AwsxError('UsageError', 'whoami: name at most one profile', { hint: USAGE });
  const profile = positionals[0];
  const id = await askWithMfa('whoami', profile === undefined ? {} : { profile }, values['mfa-code']);
  if (values.json) {
    // The AWS CLI's shape, so scripts can switch between the two.
    process.stdout.write(JSON.stringify({ UserId: id.userId, Account: id.account, Arn: id.arn }, null, 4) + '\n');
    return 0;
  }
  process.stdout.write(formatTable(['ACCOUNT', 'ARN', 'USER ID'], [[id.account, id.arn, id.userId]]) + '\n');
  return 0;
};
