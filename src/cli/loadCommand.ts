// A command's module, from its row of the table. The path is built from the row (never
// from argv), and esbuild turns this import into one lazy chunk per file of commands/.
import type { Command } from './command.ts';
import type { CommandRow } from './commandTable.ts';

export function loadCommand(row: CommandRow): Promise<{ command: Command }> {
  return import(`./commands/${row.module}.ts`) as Promise<{ command: Command }>;
}
