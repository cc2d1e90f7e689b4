// The entry of dist/hot.js (scripts/build.mjs): `awsx env` and `awsx credential-process`,
// the hot path of DESIGN.md's budget, in one CommonJS file that dist/awsx.js runs with a
// V8 code cache (codeCache.ts): nothing of the rest of awsx is read, and nothing is
// compiled again once cached. It prints its own errors; only an exit code leaves it.
import type { Command } from './command.ts';
import { printError } from './printError.ts';

// The same names as launcher.ts's HOT, which sends them here.
const HOT: Readonly<Record<string, () => Promise<{ command: Command }>>> = {
  env: () => import('./commands/env.ts'),
  'credential-process': () => import('./commands/credentialProcess.ts'),
};

export async function run(name: string, argv: string[]): Promise<number> {
  try {
    const load = HOT[name];
    if (load === undefined) throw new Error(`awsx: ${name} is not in the hot bundle`);
    return await (await load()).command(argv);
  } catch (err) {
    return printError(err);
  }
}

export interface HotBundle {
  readonly run: typeof run;
}
