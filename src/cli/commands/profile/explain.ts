// `awsx profile explain NAME`: the plan in plain words, or why the profile cannot work.
import { AwsxError } from '../../../core/errors.ts';
import { describeConsole, planConsole } from '../../../core/plan/console.ts';
import { describePlan } from '../../../core/plan/describe.ts';
import { planProfile } from '../../../core/plan/plan.ts';
import { inert } from '../../../core/sanitize.ts';
import { parseCommandArgs, wantsHelp } from '../../args.ts';
import type { Command } from '../../command.ts';
import { loadUserProfiles } from '../../loadProfiles.ts';

const USAGE = `Usage: awsx profile explain NAME

How profile NAME gets its credentials: each STS call in order, which credentials sign it,
where the MFA code is asked for, and each duration and why it was capped; then how
\`awsx console\` signs in with it. When the profile cannot work, the error and its fix
(exit code 1).`;

export const command: Command = async (argv) => {
  const { values, positionals } = parseCommandArgs('profile explain', argv, {}, USAGE);
  if (wantsHelp(values, USAGE)) return 0;
  if (positionals.length !== 1) throw new AwsxError('UsageError', 'profile explain: expected one profile name', { hint: USAGE });
  const set = loadUserProfiles();
  const plan = planProfile(set, positionals[0]!, process.env);
  const lines = [describePlan(plan), ...consoleLines(() => describeConsole(planConsole(set, plan, undefined))).map((l) => `  ${l}`)];
  process.stdout.write(inert(lines.join('\n')) + '\n');
  return 0;
};

/** The console's part never hides the plan: a problem only with it is shown as its line. */
function consoleLines(describe: () => string[]): string[] {
  try {
    return describe();
  } catch (e) {
    if (e instanceof AwsxError) return [`console: cannot sign in: ${e.message}`];
    throw e;
  }
}
