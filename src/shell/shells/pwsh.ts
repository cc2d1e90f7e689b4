// PowerShell: `$Env:NAME = 'value';` and `Remove-Item Env:NAME -ErrorAction
// SilentlyContinue;` (removing a missing variable is not an error worth showing). The `;`
// keeps the lines apart when a caller flattens them, as `iex "$(awsx env p)"` does.
// The hook script is scripts/pwsh.ps1; not run in CI: no pwsh on these machines.
import type { Renderer } from '../formats/renderer.ts';
import { quotePwsh } from '../quote.ts';
import { fillScript } from '../scripts/fill.ts';
import { commonValues, type Shell } from './shell.ts';

const renderPwsh: Renderer = (change) => {
  const lines = [
    ...change.set.map(([name, value]) => `$Env:${name} = ${quotePwsh(value)};`),
    ...change.unset.map((name) => `Remove-Item Env:${name} -ErrorAction SilentlyContinue;`),
  ];
  return lines.map((line) => `${line}\n`).join('');
};

export const pwsh: Shell<'pwsh'> = {
  name: 'pwsh',
  aliases: ['powershell'],
  quote: quotePwsh,
  render: renderPwsh,
  hook: {
    setup: 'awsx init pwsh | Out-String | Invoke-Expression   # in $PROFILE',
    init: (context) => fillScript('pwsh.ps1', commonValues(pwsh, context)),
  },
};
