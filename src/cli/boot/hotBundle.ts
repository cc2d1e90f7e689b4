// The entry of dist/hot.js (scripts/build.mjs): the commands whose row in the command table
// says 'hot' (`awsx env`, `awsx credential-process`: the hot path of DESIGN.md's budget),
// in one CommonJS file that dist/awsx.js runs with a V8 code cache (codeCache.ts): nothing
// of the rest of awsx is read, and nothing is compiled again once cached. It prints its own
// errors; only an exit code leaves it.
import type { Command } from '../command.ts';
import type { CommandsOf } from '../commandTable.ts';
import { printError } from '../printError.ts';

// Written out (a computed import would bundle every command): the type holds it to
// exactly the table's 'hot' rows.
const HOT: Readonly<Record<CommandsOf<'hot'>, () => Promise<{ command: Command }>>> = {
  env: () => import('../commands/env.ts'),
  'credential-process': () => import('../commands/credentialProcess.ts'),
};

export async function run(name: string, argv: string[]): Promise<number> {
  try {
    const load = Object.hasOwn(HOT, name) ? HOT[name as CommandsOf<'hot'>] : undefined;
    if (load === undefined) throw new Error(`awsx: ${name} is not in the hot bundle`);
    return await (await load()).command(argv);
  } catch (err) {
    return printError(err);
  }
}

export interface HotBundle {
  readonly run: typeof run;
}
