#!/usr/bin/env node
// The one composition root: picks the command from argv, imports only its module, and
// turns every failure into a message on stderr and an exit code (in printError).
import { printError } from './printError.ts';
import type { Command } from './command.ts';
import { CLIENT_VERSION } from '../ipc/version.ts';

type Loader = () => Promise<{ command: Command }>;

const COMMANDS: Record<string, { summary: string; load: Loader }> = {
  profile: { summary: 'list, show, explain, add, set and remove profiles', load: () => import('./commands/profile.ts') },
  pick: { summary: 'pick a profile on the terminal and assume it (--print for eval, --exec -- CMD)', load: () => import('./commands/pick.ts') },
  env: { summary: 'print the exports that put a profile\'s credentials into the shell', load: () => import('./commands/env.ts') },
  exec: { summary: 'run a command with a profile\'s credentials in its environment', load: () => import('./commands/exec.ts') },
  console: { summary: 'open the AWS console as a profile (--service, --path, --print)', load: () => import('./commands/console.ts') },
  'credential-process': { summary: 'credentials for credential_process = awsx credential-process PROFILE', load: () => import('./commands/credentialProcess.ts') },
  sessions: { summary: 'list the sessions the daemon holds', load: () => import('./commands/sessions.ts') },
  forget: { summary: 'drop a profile\'s session, or all of them', load: () => import('./commands/forget.ts') },
  lock: { summary: 'drop every session and refuse credentials until unlocked (--passphrase)', load: () => import('./commands/lock.ts') },
  unlock: { summary: 'hand out credentials again after awsx lock', load: () => import('./commands/unlock.ts') },
  whoami: { summary: 'who AWS says you are, for a profile or this shell', load: () => import('./commands/whoami.ts') },
  daemon: { summary: 'start, stop, inspect or run the daemon', load: () => import('./commands/daemon.ts') },
  use: { summary: 'set a profile\'s credentials in this shell (shell function from awsx init)', load: () => import('./commands/use.ts') },
  clear: { summary: 'remove the credentials awsx set from this shell', load: () => import('./commands/clear.ts') },
  init: { summary: 'print the shell integration for bash, zsh, fish or pwsh', load: () => import('./commands/init.ts') },
  prompt: { summary: 'the active profile and its time left, for prompt frameworks', load: () => import('./commands/prompt.ts') },
  __complete: { summary: '(internal) profile names for Tab completion', load: () => import('./commands/completion.ts') },
};


function usage(): string {
  // Names starting with __ are for the shell integration, not for people.
  const shown = Object.entries(COMMANDS).filter(([name]) => !name.startsWith('__'));
  const width = Math.max(...shown.map(([n]) => n.length));
  const lines = shown.map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'awsx: AWS sessions for the terminal',
    '',
    'Usage: awsx <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `awsx <command> --help` for a command\'s options.',
    'Docs: README.md and docs/ in the awsx repository (shell.md, profiles.md, picker.md, console.md, security-model.md).',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return 0;
  }
  if (name === '--version' || name === '-V') {
    process.stdout.write(CLIENT_VERSION + '\n');
    return 0;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (entry === undefined) {
    process.stderr.write(`awsx: unknown command '${name}'\n\n${usage()}\n`);
    return 2;
  }
  const { command } = await entry.load();
  return command(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.exitCode = printError(err);
  },
);
