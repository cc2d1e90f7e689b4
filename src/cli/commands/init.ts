// `awsx init SHELL`: prints the shell integration for the user's rc file.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AwsxError } from '../../core/errors.ts';
import { ensureRuntimeDir, resolveRuntimeDir } from '../../ipc/runtimeDir.ts';
import { resolveAwsxCommand } from '../../shell/awsxCommand.ts';
import { isShellName, renderInit, SHELL_NAMES, SHELLS } from '../../shell/shells/index.ts';
import { parseCommandArgs, wantsHelp } from '../args.ts';
import type { Command } from '../command.ts';

const USAGE = `Usage: awsx init <${SHELL_NAMES.join('|')}>

Prints the shell integration; add it to your shell's startup file:
${SHELLS.map((s) => `  ${s.hook.setup}`).join('\n')}

It defines the awsx function: \`awsx use PROFILE\` sets the credentials in this shell,
\`awsx clear\` removes them, \`awsx\` alone opens the picker; every other command runs as
usual. Before each prompt it renews credentials with less than 15 minutes left, without
starting any process otherwise. For the prompt: $AWSX_PROMPT (bash, zsh, fish) or the
function awsx_prompt shows the profile and the time left. Profile names complete with Tab
(bash, zsh, fish).`;

// fish reads the clock from a file's mtime (see shell/shells/fish.ts); the file must live
// in a directory only we can write. Without one, fish falls back to \`date\`.
function fishClockFile(): string | undefined {
  try {
    const dir = resolveRuntimeDir(process.env, homedir());
    ensureRuntimeDir(dir);
    return join(dir, 'shell-clock');
  } catch {
    return undefined;
  }
}

export const command: Command = async (argv) => {
  const { values, positionals } = parseCommandArgs('init', argv, {}, USAGE);
  if (wantsHelp(values, USAGE)) return 0;
  const [shell, ...extra] = positionals;
  if (shell === undefined || extra.length > 0 || !isShellName(shell)) {
    throw new AwsxError('UsageError', `init: ${shell === undefined ? 'which shell?' : `unknown shell '${shell}'`}`, { hint: `name one of ${SHELL_NAMES.join(', ')}: eval "$(awsx init bash)"` });
  }
  const bin = resolveAwsxCommand({ env: process.env, execPath: process.execPath, script: process.argv[1] });
  process.stdout.write(renderInit(shell, { bin, clockFile: shell === 'fish' ? fishClockFile() : undefined }));
  return 0;
};
