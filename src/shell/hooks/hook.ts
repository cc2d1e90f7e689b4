// One interface for the shell integrations (direnv's shell layer is the model): each shell
// is a small module that turns the same context into the script `awsx init SHELL` prints.
// The binary generates the script, so the hook can never drift from the binary it calls.

export const HOOK_SHELLS = ['bash', 'zsh', 'fish', 'pwsh'] as const;
export type HookShell = (typeof HOOK_SHELLS)[number];

export interface HookContext {
  /** The command that runs awsx itself, e.g. [node, /…/dist/awsx.js]; quoted by each shell. */
  readonly bin: readonly string[];
  /**
   * fish only: a file in a private directory whose mtime serves as the clock (fish has no
   * builtin for the time; see fish.ts). Absent: fish falls back to `date +%s`.
   */
  readonly clockFile?: string | undefined;
}

export interface ShellHook {
  readonly shell: HookShell;
  /** The rc snippet users add, shown in `awsx init --help` and the docs. */
  readonly setup: string;
  /** The whole script: the `awsx` function, the prompt hook, `awsx_prompt`, completion. */
  init(context: HookContext): string;
}

export function isHookShell(value: string): value is HookShell {
  return (HOOK_SHELLS as readonly string[]).includes(value);
}
