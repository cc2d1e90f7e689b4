// Every command, one row each: its name, the line `awsx --help` prints, its module under
// commands/, and the bundle it runs from when built (scripts/build.mjs):
// - 'hot': dist/hot.js, the hot path of DESIGN.md's budget (boot/hotBundle.ts);
// - 'pick': dist/pick.js, the picker with Ink and React (boot/pickBundle.ts);
// - 'cli': dist/cli.mjs, the ESM build with a chunk per command (main.ts).
// The launcher (boot/launcher.ts), the hot bundle, main.ts and the build all read this
// table. Plain data with no imports: the launcher reads it without loading any command.

export type Bundle = 'hot' | 'pick' | 'cli';

export interface CommandRow {
  readonly name: string;
  readonly summary: string;
  /** The file under src/cli/commands/, without `.ts`: it exports `command`. */
  readonly module: string;
  readonly bundle: Bundle;
}

export const COMMANDS = [
  { name: 'profile', summary: 'list, show, explain, add, set and remove profiles', module: 'profile', bundle: 'cli' },
  { name: 'pick', summary: 'pick a profile on the terminal and assume it (--print for eval, --exec -- CMD)', module: 'pick', bundle: 'pick' },
  { name: 'env', summary: 'print the exports that put a profile\'s credentials into the shell', module: 'env', bundle: 'hot' },
  { name: 'exec', summary: 'run a command with a profile\'s credentials in its environment', module: 'exec', bundle: 'cli' },
  { name: 'console', summary: 'open the AWS console as a profile (--service, --path, --print)', module: 'console', bundle: 'cli' },
  { name: 'credential-process', summary: 'credentials for credential_process = awsx credential-process PROFILE', module: 'credentialProcess', bundle: 'hot' },
  { name: 'sessions', summary: 'list the sessions the daemon holds', module: 'sessions', bundle: 'cli' },
  { name: 'forget', summary: 'drop a profile\'s session, or all of them', module: 'forget', bundle: 'cli' },
  { name: 'lock', summary: 'drop every session and refuse credentials until unlocked (--passphrase)', module: 'lock', bundle: 'cli' },
  { name: 'unlock', summary: 'hand out credentials again after awsx lock', module: 'unlock', bundle: 'cli' },
  { name: 'whoami', summary: 'who AWS says you are, for a profile or this shell', module: 'whoami', bundle: 'cli' },
  { name: 'daemon', summary: 'start, stop, inspect or run the daemon', module: 'daemon', bundle: 'cli' },
  { name: 'use', summary: 'set a profile\'s credentials in this shell (shell function from awsx init)', module: 'use', bundle: 'cli' },
  { name: 'clear', summary: 'remove the credentials awsx set from this shell', module: 'clear', bundle: 'cli' },
  { name: 'init', summary: 'print the shell integration for bash, zsh, fish or pwsh', module: 'init', bundle: 'cli' },
  { name: 'prompt', summary: 'the active profile and its time left, for prompt frameworks', module: 'prompt', bundle: 'cli' },
  // Names starting with __ are for the shell integration, not for people: --help leaves them out.
  { name: '__complete', summary: '(internal) profile names for Tab completion', module: 'completion', bundle: 'cli' },
] as const satisfies readonly CommandRow[];

export type CommandName = (typeof COMMANDS)[number]['name'];

/** The names of the commands a bundle runs. */
export type CommandsOf<B extends Bundle> = Extract<(typeof COMMANDS)[number], { readonly bundle: B }>['name'];

export function findCommand(name: string): CommandRow | undefined {
  return COMMANDS.find((row) => row.name === name);
}
