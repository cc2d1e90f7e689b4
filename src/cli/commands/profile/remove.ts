// `awsx profile remove NAME [--force]`: removes the profile's sections from both files,
// refused while other profiles name it as their source_profile unless --force.
import { removeProfileEdit } from '../../../core/edit/edits.ts';
import { AwsxError } from '../../../core/errors.ts';
import { parseCommandArgs, wantsHelp } from '../../args.ts';
import type { Command } from '../../command.ts';
import { runEdit } from './editFlow.ts';

const USAGE = `Usage: awsx profile remove NAME [--force] [--dry-run] [--yes]

Removes profile NAME from the config and credentials files, with the comment lines
directly above its header and right after its last key. A backup of each file's
previous content is kept as FILE.bak.

  --force        remove it even though other profiles use it as their source_profile
  --dry-run      print the diff of what would change, change nothing
  --yes, -y      write without asking`;

const OPTIONS = { force: { type: 'boolean' }, 'dry-run': { type: 'boolean' }, yes: { type: 'boolean', short: 'y' } } as const;

export const command: Command = async (argv) => {
  const { values, positionals } = parseCommandArgs('profile remove', argv, OPTIONS, USAGE);
  if (wantsHelp(values, USAGE)) return 0;
  if (positionals.length !== 1) throw new AwsxError('UsageError', 'profile remove: expected one profile name', { hint: USAGE });
  const name = positionals[0]!;
  return runEdit({
    apply: (set) => removeProfileEdit(set, name, values.force === true),
    dryRun: values['dry-run'] === true,
    yes: values.yes === true,
    summary: (files) => `removed profile ${name} from ${files}`,
  });
};
