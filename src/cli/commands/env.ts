// `awsx env PROFILE [--shell FORMAT] [--mfa-code CODE]`: the exports for `eval`. This is the
// hot path: it loads node:net and what it needs, never the SDK. stdout is written once, at
// the end, and only on success, so a failure can never leave half a script to evaluate.
import { AwsxError } from '../../core/errors.ts';
import { isShellFormat, render, SHELL_FORMATS } from '../../shell/render.ts';
import { detectShell } from '../../shell/shells/index.ts';
import { parseCommandArgs, wantsHelp } from '../args.ts';
import type { Command } from '../command.ts';
import { askWithMfa } from '../mfaFlow.ts';
import { writeStdout } from '../writeStdout.ts';
import { changeFor, expirationOnly } from '../sessionChange.ts';

const USAGE = `Usage: awsx env PROFILE [--shell ${SHELL_FORMATS.join('|')}] [--mfa-code CODE] [--non-interactive]

Prints the commands that put PROFILE's credentials into the shell:
  eval "$(awsx env prod)"                  bash, zsh
  awsx env prod --shell fish | source      fish
  awsx env prod --shell pwsh | Invoke-Expression
The shell is taken from $SHELL when --shell is not given. When a code is needed, awsx asks
on the terminal; --mfa-code gives it up front (it is then visible in the process list
while awsx runs; a code is used once, and is useless without your keys).
--non-interactive never asks: when a code is needed it fails at once (the prompt hook
uses it, so a prompt never stops to wait for a code).
--ecs-server puts the daemon's container endpoint and a token into the shell instead of
keys (docs/ecs-server.md); the token lives as long as the shell whose pid --shell-pid
gives, so it is for the shell function (\`awsx use PROFILE --ecs-server\`), which passes it.
ecs_server = true in the profile or in [awsx] makes that the default of \`awsx use\`.
--expiration-only prints just AWS_CREDENTIAL_EXPIRATION (the prompt hook, in that mode).`;

export const command: Command = async (argv) => {
  const { values, positionals } = parseCommandArgs('env', argv, {
    shell: { type: 'string' },
    'mfa-code': { type: 'string' },
    'non-interactive': { type: 'boolean' },
    'ecs-server': { type: 'boolean' },
    'shell-pid': { type: 'string' },
    'expiration-only': { type: 'boolean' },
  }, USAGE);
  if (wantsHelp(values, USAGE)) return 0;
  const [profile, ...extra] = positionals;
  if (profile === undefined || extra.length > 0) throw new AwsxError('UsageError', 'env: name exactly one profile', { hint: USAGE });
  const shell = values.shell ?? detectShell(process.env);
  if (!isShellFormat(shell)) {
    throw new AwsxError('UsageError', `env: --shell ${shell}: not a known format`, { hint: `use one of ${SHELL_FORMATS.join(', ')}` });
  }
  const shellPid = parsePid(values['shell-pid']);
  if (values['ecs-server'] === true && shellPid === undefined) {
    throw new AwsxError('UsageError', 'env: --ecs-server needs the shell that will hold the token (--shell-pid)', {
      hint: 'run awsx use PROFILE --ecs-server with the shell integration (awsx init), or awsx exec PROFILE --ecs-server -- COMMAND',
    });
  }
  const answer = await askWithMfa('resolve', { profile }, values['mfa-code'], { nonInteractive: values['non-interactive'] === true });
  if (values['expiration-only'] === true) {
    writeStdout(render(shell, expirationOnly(answer)));
    return 0;
  }
  if (shellPid === undefined) {
    writeStdout(render(shell, changeFor(answer)));
    return 0;
  }
  // The shell function's `awsx use`: only this path pays for the container-endpoint code.
  const { useInShell } = await import('../ecsToken.ts');
  writeStdout(render(shell, await useInShell(answer, shellPid, values['ecs-server'] === true || answer.ecsServer === true, shell)));
  return 0;
};

function parsePid(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[1-9]\d{0,9}$/.test(text)) throw new AwsxError('UsageError', `env: --shell-pid ${JSON.stringify(text.slice(0, 20))}: not a process id`, { hint: 'the shell function passes $$ (fish: $fish_pid)' });
  return Number(text);
}
