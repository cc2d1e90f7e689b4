// `awsx use PROFILE`: only the shell function from `awsx init` can change the calling
// shell. Reaching the binary means the function is not installed: say how to install it.
import { AwsxError } from '../../core/errors.ts';
import { detectShell } from '../../shell/shells/index.ts';
import { parseCommandArgs, wantsHelp } from '../args.ts';
import type { Command } from '../command.ts';

const USAGE = `Usage: awsx use PROFILE [--mfa-code CODE]

Sets the credentials of PROFILE in the current shell (asking for an MFA code on the
terminal when one is needed). It is a function of the shell integration, which the
binary alone cannot be: add \`eval "$(awsx init bash)"\` to ~/.bashrc (zsh: ~/.zshrc;
fish: \`awsx init fish | source\` in config.fish). Without it, run
\`eval "$(awsx env PROFILE)"\`.`;

const SETUP: Record<string, string> = {
  bash: 'add eval "$(awsx init bash)" to ~/.bashrc and open a new shell',
  zsh: 'add eval "$(awsx init zsh)" to ~/.zshrc and open a new shell',
  fish: 'add awsx init fish | source to ~/.config/fish/config.fish and open a new shell',
  pwsh: 'add awsx init pwsh | Out-String | Invoke-Expression to $PROFILE and open a new shell',
};

export const command: Command = async (argv) => {
  const { values } = parseCommandArgs('use', argv, { 'mfa-code': { type: 'string' } }, USAGE);
  if (wantsHelp(values, USAGE)) return 0;
  const shell = detectShell(process.env);
  throw new AwsxError('UsageError', 'use: changes the current shell, which needs the awsx shell function (not installed in this shell)', {
    hint: `${SETUP[shell] ?? SETUP['bash']}; or run eval "$(awsx env PROFILE)"`,
  });
};
