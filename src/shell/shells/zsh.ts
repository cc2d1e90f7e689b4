// zsh: the same statements as bash; the hook script is scripts/zsh.zsh around
// scripts/posix.sh, each function starting with `emulate -L zsh`.
import { quotePosix } from '../quote.ts';
import { fillScript } from '../scripts/fill.ts';
import { posixValues, renderPosix } from './posix.ts';
import type { Shell } from './shell.ts';

export const zsh: Shell<'zsh'> = {
  name: 'zsh',
  aliases: [],
  quote: quotePosix,
  render: renderPosix,
  hook: {
    setup: 'eval "$(awsx init zsh)"   # in ~/.zshrc, after compinit',
    init: (context) => fillScript('zsh.zsh', posixValues(zsh, { prologue: 'emulate -L zsh', escapePercent: true }, context, '|')),
  },
};
