// bash (and sh, dash, ksh as a login shell: they read the same `export` lines). The hook
// script is scripts/bash.bash around scripts/posix.sh.
import { quotePosix } from '../quote.ts';
import { fillScript } from '../scripts/fill.ts';
import { PROFILE_COMMANDS, PROFILE_SUBCOMMANDS_WITH_NAME } from './completionWords.ts';
import { posixValues, renderPosix } from './posix.ts';
import type { Shell } from './shell.ts';

// The words after which bash completes a profile name, as `case` patterns of "CWORD W1 W2".
const PROFILE_CASES = [
  ...PROFILE_COMMANDS.map((c) => `"2 ${c} "*`),
  ...PROFILE_SUBCOMMANDS_WITH_NAME.map((c) => `"3 profile ${c}"`),
].join('|');

export const bash: Shell<'bash'> = {
  name: 'bash',
  aliases: ['sh', 'dash', 'ksh', 'mksh'],
  quote: quotePosix,
  render: renderPosix,
  hook: {
    setup: 'eval "$(awsx init bash)"   # in ~/.bashrc',
    init: (context) => fillScript('bash.bash', { ...posixValues(bash, { prologue: '', escapePercent: false }, context), PROFILE_CASES }),
  },
};
