// bash, zsh, dash: `export NAME='value';` and `unset NAME;`. The trailing `;` is for the
// unquoted `eval $(…)` form, where newlines become spaces: without it the lines would
// run together into one `export` whose arguments include `unset`.
import { globHelpers, posixWord } from '../posixGlob.ts';
import type { Renderer } from './renderer.ts';

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
