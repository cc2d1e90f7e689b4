#!/usr/bin/env node
// The one composition root: picks the command from argv, imports only its module, and
// turns every failure into a message on stderr and an exit code (in printError).
import { printError } from './printError.ts';
import { COMMANDS, findCommand } from './commandTable.ts';
import { loadCommand } from './loadCommand.ts';
import { CLIENT_VERSION } from '../ipc/version.ts';

function usage(): string {
  // Names starting with __ are for the shell integration, not for people.
  const shown = COMMANDS.filter((c) => !c.name.startsWith('__'));
  const width = Math.max(...shown.map((c) => c.name.length));
  const lines = shown.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
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
  const row = findCommand(name);
  if (row === undefined) {
    process.stderr.write(`awsx: unknown command '${name}'\n\n${usage()}\n`);
    return 2;
  }
  const { command } = await loadCommand(row);
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
