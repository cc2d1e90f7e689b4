#!/usr/bin/env node
// The one composition root: picks the command from argv, imports only its module, and
// turns every failure into a message on stderr and an exit code (in printError).
import { printError } from './printError.ts';
import type { Command } from './command.ts';

type Loader = () => Promise<{ command: Command }>;

const COMMANDS: Record<string, { summary: string; load: Loader }> = {
  profile: { summary: 'list, show, explain, add, set and remove profiles', load: () => import('./commands/profile.ts') },
};

export const VERSION = '0.1.0';

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'awsx: AWS sessions for the terminal',
    '',
    'Usage: awsx <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `awsx <command> --help` for a command\'s options.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return 0;
  }
  if (name === '--version' || name === '-V') {
    process.stdout.write(VERSION + '\n');
    return 0;
  }
  const entry = COMMANDS[name];
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
