// `awsx clear [--shell S]`: prints the code that unsets every variable awsx sets. The shell
// function from `awsx init` runs the same code itself (generated from the same list).
import { AwsxError } from '../../core/errors.ts';
import { render } from '../../shell/render.ts';
import { detectShell, isShellName, SHELL_NAMES } from '../../shell/shells/index.ts';
import { clearVariables } from '../../shell/variables.ts';
import { parseCommandArgs, wantsHelp } from '../args.ts';
import type { Command } from '../command.ts';

const USAGE = `Usage: awsx clear [--shell ${SHELL_NAMES.join('|')}]

Removes the credentials awsx set from the current shell. With the shell integration
(\`awsx init\`) just run \`awsx clear\`; without it, \`eval "$(awsx clear)"\`.
--revoke also revokes the container-endpoint token in AWS_CONTAINER_AUTHORIZATION_TOKEN
(\`awsx use --ecs-server\`); the shell function does that by itself.`;

export const command: Command = async (argv) => {
  const { values, positionals } = parseCommandArgs('clear', argv, { shell: { type: 'string' }, revoke: { type: 'boolean' } }, USAGE);
  if (wantsHelp(values, USAGE)) return 0;
  if (positionals.length > 0) throw new AwsxError('UsageError', 'clear: takes no arguments', { hint: USAGE });
  const shell = values.shell ?? detectShell(process.env);
  if (!isShellName(shell)) {
    throw new AwsxError('UsageError', `clear: unknown shell '${shell}'`, { hint: `use one of ${SHELL_NAMES.join(', ')}` });
  }
  // The shell function calls this when the shell holds a container-endpoint token
  // (docs/ecs-server.md): read from the environment, never from argv.
  if (values.revoke === true) await (await import('../ecsToken.ts')).revokeHeldToken();
  process.stdout.write(render(shell, clearVariables()));
  if (process.stdout.isTTY) process.stderr.write('awsx: clear prints shell code; run eval "$(awsx clear)", or set up `awsx init` and run awsx clear\n');
  return 0;
};
