// fish: `set -gx NAME 'value';` and a guarded erase; the hook script is scripts/fish.fish.
//
// Scopes are explicit (-g) so the result is the same whether the output is sourced at top
// level or inside a function (the `awsx use` hook), where a bare `set` would be local.
// The erase is guarded by `set -q` because `set -e` of a missing variable fails (status 4
// in fish 3), which would break `… | source; and …`; redirecting stderr would not help.
// `if set -q …; …; end` is quiet and leaves status 0 (checked with fish 3.6). Universal variables
// are left alone on purpose: erasing one would change every other fish session.
// Each line ends in `;` so `eval (awsx env p --shell fish)`, which joins lines with
// spaces, still runs them as separate commands.
//
// The clock: fish has no builtin that reads the time (no $EPOCHSECONDS, no printf %T).
// Writing one byte to a file with a redirection and reading its mtime with `path mtime`
// (both builtins, fish 3.5+) gives the time in whole seconds without a process. The file
// lives in awsx's private runtime directory (0700, checked by `awsx init`), so nobody
// else can swap it for a symlink. Older fish, or no such directory, fall back to `date +%s`
// (a process, only while a profile is active).
import type { Renderer } from '../formats/renderer.ts';
import { quoteFish } from '../quote.ts';
import { fillScript } from '../scripts/fill.ts';
import { commonValues, type Shell } from './shell.ts';

const renderFish: Renderer = (change) => {
  const lines = [
    ...change.set.map(([name, value]) => `set -gx ${name} ${quoteFish(value)};`),
    ...change.unset.map((name) => `if set -q -g ${name}; set -e -g ${name}; end;`),
  ];
  return lines.map((line) => `${line}\n`).join('');
};

const DATE_CLOCK = 'function __awsx_clock; set -g __awsx_now (date +%s); end';

function clock(clockFile: string | undefined): string {
  return clockFile === undefined ? DATE_CLOCK : fillScript('fish-clock.fish', { CLOCK_FILE: quoteFish(clockFile), DATE_CLOCK });
}

export const fish: Shell<'fish'> = {
  name: 'fish',
  aliases: [],
  quote: quoteFish,
  render: renderFish,
  hook: {
    setup: 'awsx init fish | source   # in ~/.config/fish/config.fish',
    init: (context) => fillScript('fish.fish', { ...commonValues(fish, context), CLOCK: clock(context.clockFile) }),
  },
};
