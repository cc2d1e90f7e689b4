// `awsx clear [--shell S]`: prints the code that unsets every variable awsx sets. The shell
// function from `awsx init` runs the same code itself (generated from the same list).
import { AwsxError } from '../../core/errors.ts';
import { detectShell } from '../../shell/detectShell.ts';
import { isShellFormat, render, SHELL_FORMATS } from '../../shell/render.ts';
import { clearVariables } from '../../shell/variables.ts';
import { parseCommandArgs, wantsHelp } from '../args.ts';
import type { Command } from '../command.ts';

const USAGE = `Usage: awsx clear [--shell ${SHELL_FORMATS.filter((f) => f !== 'json' && f !== 'dotenv').join('|')}]

Removes the credentials awsx set from the current shell. With the shell integration
(\`awsx init\`) just run \`awsx clear\`; without it, \`eval "$(awsx clear)"\`.`;

export const command: Command = async (argv) => {
  const { values, positionals } = parseCommandArgs('clear', argv, { shell: { type: 'string' } }, USAGE);
  if (wantsHelp(values, USAGE)) return 0;
  if (positionals.length > 0) throw new AwsxError('UsageError', 'clear: takes no arguments', { hint: USAGE });
  const shell = values.shell ?? detectShell(process.env);
  if (!isShellFormat(shell) || shell === 'json' || shell === 'dotenv') {
    throw new AwsxError('UsageError', `clear: unknown shell '${shell}'`, { hint: 'use bash, zsh, fish or pwsh' });
  }
  process.stdout.write(render(shell, clearVariables()));
  if (process.stdout.isTTY) process.stderr.write('awsx: clear prints shell code; run eval "$(awsx clear)", or set up `awsx init` and run awsx clear\n');
  return 0;
};
