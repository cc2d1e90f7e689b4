// fish: `set -gx NAME 'value';` and a guarded erase.
//
// Scopes are explicit (-g) so the result is the same whether the output is sourced at top
// level or inside a function (the `awsx use` hook), where a bare `set` would be local.
// The erase is guarded by `set -q` because `set -e` of a missing variable fails (status 4
// in fish 3), which would break `… | source; and …`; redirecting stderr would not help.
// `if set -q …; …; end` is quiet and leaves status 0 (checked with fish 3.6). Universal variables
// are left alone on purpose: erasing one would change every other fish session.
// Each line ends in `;` so `eval (awsx env p --shell fish)`, which joins lines with
// spaces, still runs them as separate commands.
import { quoteFish } from '../quote.ts';
import type { Renderer } from './renderer.ts';

export const renderFish: Renderer = (change) => {
  const lines = [
    ...change.set.map(([name, value]) => `set -gx ${name} ${quoteFish(value)};`),
    ...change.unset.map((name) => `if set -q -g ${name}; set -e -g ${name}; end;`),
  ];
  return lines.map((line) => `${line}\n`).join('');
};
