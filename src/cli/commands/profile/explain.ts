// `awsx profile explain NAME`: the plan in plain words, or why the profile cannot work.
import { AwsxError } from '../../../core/errors.ts';
import { describePlan } from '../../../core/plan/describe.ts';
import { planProfile } from '../../../core/plan/plan.ts';
import { inert } from '../../../core/sanitize.ts';
import { parseCommandArgs, wantsHelp } from '../../args.ts';
import type { Command } from '../../command.ts';
import { loadUserProfiles } from '../../loadProfiles.ts';

const USAGE = `Usage: awsx profile explain NAME

How profile NAME gets its credentials: each STS call in order, which credentials sign it,
where the MFA code is asked for, and each duration and why it was capped. When the
profile cannot work, the error and its fix (exit code 1).`;

export const command: Command = async (argv) => {
  const { values, positionals } = parseCommandArgs('profile explain', argv, {}, USAGE);
  if (wantsHelp(values, USAGE)) return 0;
  if (positionals.length !== 1) throw new AwsxError('UsageError', 'profile explain: expected one profile name', { hint: USAGE });
  const plan = planProfile(loadUserProfiles(), positionals[0]!, process.env);
  process.stdout.write(inert(describePlan(plan)) + '\n');
  return 0;
};
