// What the completion functions offer, as data each shell renders in its own syntax.
// Profile names themselves come from `awsx __complete profiles` at completion time.

/** The first word after `awsx`. */
export const COMMAND_WORDS = [
  'use', 'clear', 'env', 'exec', 'console', 'credential-process', 'sessions', 'forget', 'whoami',
  'pick', 'profile', 'prompt', 'init', 'daemon', 'lock', 'unlock',
] as const;

/** Commands whose first argument is a profile name. */
export const PROFILE_COMMANDS = ['use', 'env', 'exec', 'console', 'credential-process', 'whoami', 'forget'] as const;

export const PROFILE_SUBCOMMANDS = ['list', 'show', 'explain', 'add', 'set', 'remove'] as const;

/** `awsx profile SUB` subcommands whose first argument is a profile name. */
export const PROFILE_SUBCOMMANDS_WITH_NAME = ['show', 'explain', 'set', 'remove'] as const;

/** The hidden command the completion functions run. */
export const COMPLETE_PROFILES = ['__complete', 'profiles'] as const;
