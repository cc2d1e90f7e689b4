// Which format `awsx env` prints when no --shell is given: the basename of $SHELL, the
// login shell. It names the user's shell, not necessarily the one running us, so the
// hooks from `awsx init <shell>` always pass --shell explicitly.
import type { ShellFormat } from './render.ts';

const BY_NAME: Record<string, ShellFormat> = {
  bash: 'bash',
  sh: 'bash',
  dash: 'bash',
  ksh: 'bash',
  mksh: 'bash',
  zsh: 'zsh',
  fish: 'fish',
  pwsh: 'pwsh',
  powershell: 'pwsh',
};

export function detectShell(env: NodeJS.ProcessEnv): ShellFormat {
  const path = env['SHELL'] ?? '';
  const base = path.replace(/^.*[\\/]/, '').replace(/\.exe$/i, '').toLowerCase();
  return Object.hasOwn(BY_NAME, base) ? BY_NAME[base]! : 'bash';
}
