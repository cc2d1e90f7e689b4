// `awsx profile set NAME KEY=VALUE... [--unset KEY]...`: changes keys in place; a new key
// goes after the section's last entry. Secrets are refused here (argv is world-readable).
import { setProfileEdit } from '../../../core/edit/edits.ts';
import { AwsxError } from '../../../core/errors.ts';
import { parseHumanDuration } from '../../../core/stsLimits.ts';
import { parseCommandArgs, wantsHelp } from '../../args.ts';
import type { Command } from '../../command.ts';
import { runEdit } from './editFlow.ts';
import { refuseSecretFlags } from './secretFlags.ts';

const USAGE = `Usage: awsx profile set NAME KEY=VALUE... [--unset KEY]... [--dry-run] [--yes]

Changes keys of profile NAME where they are; a new key is added to the config file
(static keys to the credentials file). duration_seconds also takes 90m, 1h, 12h.

  --unset KEY    remove KEY from the profile (may be repeated)
  --dry-run      print the diff of what would change, change nothing
  --yes, -y      write without asking`;

const OPTIONS = { unset: { type: 'string', multiple: true }, 'dry-run': { type: 'boolean' }, yes: { type: 'boolean', short: 'y' } } as const;

function parseAssignments(name: string, args: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq <= 0) throw new AwsxError('UsageError', `profile set: "${arg}" is not KEY=VALUE`, { hint: 'write each change as KEY=VALUE, e.g. region=eu-west-1; remove a key with --unset KEY' });
    const key = arg.slice(0, eq).toLowerCase();
    if (out.has(key)) throw new AwsxError('UsageError', `profile ${name}: ${key} is given twice`, { hint: 'give each key once' });
    let value = arg.slice(eq + 1);
    // People write durations the way they think of them; the file holds seconds.
    if (key === 'duration_seconds' && !/^\d+$/.test(value)) value = String(parseHumanDuration(value) ?? value);
    out.set(key, value);
  }
  return out;
}

export const command: Command = async (argv) => {
  refuseSecretFlags('profile set', argv);
  const { values, positionals } = parseCommandArgs('profile set', argv, OPTIONS, USAGE);
  if (wantsHelp(values, USAGE)) return 0;
  const [name, ...assignments] = positionals;
  if (name === undefined) throw new AwsxError('UsageError', 'profile set: expected a profile name', { hint: USAGE });
  const set = parseAssignments(name, assignments);
  const unset = (values.unset ?? []).map((k) => k.toLowerCase());
  if (set.size === 0 && unset.length === 0) throw new AwsxError('UsageError', `profile set: nothing to change for ${name}`, { hint: USAGE });
  return runEdit({
    apply: (profiles) => setProfileEdit(profiles, name, { set, unset }),
    dryRun: values['dry-run'] === true,
    yes: values.yes === true,
    summary: (files) => `changed profile ${name} in ${files}`,
  });
};
