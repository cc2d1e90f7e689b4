// PowerShell: `$Env:NAME = 'value';` and `Remove-Item Env:NAME -ErrorAction
// SilentlyContinue;` (removing a missing variable is not an error worth showing). The `;`
// keeps the lines apart when a caller flattens them, as `iex "$(awsx env p)"` does.
import { quotePwsh } from '../quote.ts';
import type { Renderer } from './renderer.ts';

export const renderPwsh: Renderer = (change) => {
  const lines = [
    ...change.set.map(([name, value]) => `$Env:${name} = ${quotePwsh(value)};`),
    ...change.unset.map((name) => `Remove-Item Env:${name} -ErrorAction SilentlyContinue;`),
  ];
  return lines.map((line) => `${line}\n`).join('');
};
