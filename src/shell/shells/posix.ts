// What bash and zsh share: the statements of `awsx env` and the body of the hook script
// (scripts/posix.sh: the `awsx` function, the expiry arithmetic, the prompt segment, the
// refresh and the hook). bash.ts and zsh.ts add the clock, the installation and completion.
//
// `export NAME='value';` and `unset NAME;`. The trailing `;` is for the unquoted
// `eval $(…)` form, where newlines become spaces: without it the lines would run together
// into one `export` whose arguments include `unset`.
import type { Renderer } from '../formats/renderer.ts';
import { globHelpers, posixWord } from '../posixGlob.ts';
import { fillScript, type ScriptValues } from '../scripts/fill.ts';
import { commonValues, type HookContext, type Shell } from './shell.ts';

export const renderPosix: Renderer = (change) => {
  const helpers = globHelpers(change.set.map(([, value]) => value));
  const lines = [
    ...helpers.define,
    ...change.set.map(([name, value]) => `export ${name}=${posixWord(value)};`),
    ...change.unset.map((name) => `unset ${name};`),
    ...helpers.cleanup,
  ];
  return lines.map((line) => `${line}\n`).join('');
};

export interface PosixDialect {
  /** First statement of each function (zsh: `emulate -L zsh`, so user options cannot change what the code means). */
  readonly prologue: string;
  /** zsh runs `%` escapes over a prompt after substitution, so the segment doubles them. */
  readonly escapePercent: boolean;
}

/** The tokens of `file` (bash.bash or zsh.zsh), posix.sh's filled body among them. */
export function posixValues(shell: Shell, dialect: PosixDialect, context: HookContext, separator?: string): ScriptValues {
  const common = commonValues(shell, context, separator);
  const body = fillScript('posix.sh', {
    ...common,
    SHELL: shell.name,
    PROLOGUE: dialect.prologue,
    ESCAPE_PERCENT: dialect.escapePercent ? 'p=${p//\\%/%%}' : '',
  });
  return { ...common, POSIX_BODY: body };
}
