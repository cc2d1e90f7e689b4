// The shell integrations by name: `awsx init SHELL` prints HOOKS[SHELL].init(context).
import { bashHook } from './bash.ts';
import { fishHook } from './fish.ts';
import type { HookContext, HookShell, ShellHook } from './hook.ts';
import { pwshHook } from './pwsh.ts';
import { zshHook } from './zsh.ts';

export { HOOK_SHELLS, isHookShell, type HookContext, type HookShell, type ShellHook } from './hook.ts';

export const HOOKS: Readonly<Record<HookShell, ShellHook>> = {
  bash: bashHook,
  zsh: zshHook,
  fish: fishHook,
  pwsh: pwshHook,
};

export function renderInit(shell: HookShell, context: HookContext): string {
  if (context.bin.length === 0) throw new Error('renderInit: the awsx command is empty');
  return HOOKS[shell].init(context);
}
