// One shell is one record (direnv's shell layer is the model): how it quotes, how it
// applies a change of variables (`awsx env`), and the script `awsx init SHELL` prints.
// The records are listed once, in index.ts. The binary generates the script, so the hook
// can never drift from the binary it calls.
import type { Renderer } from '../formats/renderer.ts';
import { EXPIRED_TEXT, REFRESH_RETRY_SECONDS, REFRESH_WINDOW_SECONDS, RENEW_MARK } from '../segment.ts';
import { clearVariables } from '../variables.ts';
import type { ScriptValues } from '../scripts/fill.ts';
import { COMMAND_WORDS, COMPLETE_PROFILES, PROFILE_COMMANDS, PROFILE_SUBCOMMANDS, PROFILE_SUBCOMMANDS_WITH_NAME } from './completionWords.ts';

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
  /** The rc snippet users add, shown in `awsx init --help` and the docs. */
  readonly setup: string;
  /** The whole script: the `awsx` function, the prompt hook, `awsx_prompt`, completion. */
  init(context: HookContext): string;
}

export interface Shell<Name extends string = string> {
  /** What `--shell` and `awsx init` take. */
  readonly name: Name;
  /** Other basenames of $SHELL that read this syntax (detectShell). */
  readonly aliases: readonly string[];
  /** One literal of this shell whose value is exactly `value` (quote.ts). */
  readonly quote: (value: string) => string;
  /** A validated change as this shell's statements: what `awsx env --shell NAME` prints. */
  readonly render: Renderer;
  readonly hook: ShellHook;
}

/**
 * The tokens every hook script shares: the binary, the lines that clear awsx's variables,
 * the refresh rule and the prompt texts of segment.ts, and the completion words joined by
 * `separator` (zsh's patterns want `|`).
 */
export function commonValues(shell: Shell, context: HookContext, separator = ' '): ScriptValues {
  if (context.bin.length === 0) throw new Error(`${shell.name}: the awsx command is empty`);
  return {
    BIN: context.bin.map(shell.quote).join(' '),
    UNSETS: shell.render(clearVariables()),
    EXPIRED_TEXT,
    RENEW_MARK,
    REFRESH_RETRY_SECONDS: String(REFRESH_RETRY_SECONDS),
    REFRESH_WINDOW_SECONDS: String(REFRESH_WINDOW_SECONDS),
    COMMAND_WORDS: COMMAND_WORDS.join(' '),
    PROFILE_SUBCOMMANDS: PROFILE_SUBCOMMANDS.join(' '),
    PROFILE_COMMANDS: PROFILE_COMMANDS.join(separator),
    PROFILE_SUBCOMMANDS_WITH_NAME: PROFILE_SUBCOMMANDS_WITH_NAME.join(separator),
    COMPLETE_PROFILES: COMPLETE_PROFILES.join(' '),
  };
}
