// The entry of dist/pick.js (scripts/build.mjs): `awsx pick` with Ink and React in one
// CommonJS file, which dist/awsx.js compiles with a code cache (boot/pickLauncher.ts). It has
// its own copy of everything it uses, errors included: it turns them into a message and an
// exit code here, so nothing crosses from one bundle to the other but an exit code.
import { runPick } from '../commands/pick.ts';
import { printError } from '../printError.ts';
import type { PickHost } from './pickHost.ts';

export async function run(argv: string[], host: PickHost): Promise<number> {
  try {
    return await runPick(argv, host);
  } catch (err) {
    return printError(err);
  }
}

export interface PickBundle {
  readonly run: typeof run;
}
