// Every shell awsx speaks, listed once: `awsx env --shell`, `awsx init`, `awsx clear`
// and the detection from $SHELL all read this list. A new shell is one file beside this
// one (a Shell record, its hook script in ../scripts/) and one line here.
import { bash } from './bash.ts';
import { fish } from './fish.ts';
import { pwsh } from './pwsh.ts';
import type { HookContext, Shell } from './shell.ts';
import { zsh } from './zsh.ts';

export type { HookContext, Shell } from './shell.ts';

export const SHELLS = [bash, zsh, fish, pwsh] as const;

export type ShellName = (typeof SHELLS)[number]['name'];

export const SHELL_NAMES: readonly ShellName[] = SHELLS.map((s) => s.name);

export function isShellName(value: string): value is ShellName {
  return (SHELL_NAMES as readonly string[]).includes(value);
}

export function shellNamed(name: ShellName): Shell {
  return SHELLS.find((s) => s.name === name)!;
}

/**
 * Which shell `awsx env` prints for when no --shell is given: the basename of $SHELL, the
 * login shell. It names the user's shell, not necessarily the one running us, so the
 * hooks from `awsx init SHELL` always pass --shell explicitly. Anything unknown: bash.
 */
export function detectShell(env: NodeJS.ProcessEnv): ShellName {
  const base = (env['SHELL'] ?? '').replace(/^.*[\\/]/, '').replace(/\.exe$/i, '').toLowerCase();
  return SHELLS.find((s) => s.name === base || (s.aliases as readonly string[]).includes(base))?.name ?? 'bash';
}

/** The script `awsx init SHELL` prints. */
export function renderInit(name: ShellName, context: HookContext): string {
  return shellNamed(name).hook.init(context);
}
