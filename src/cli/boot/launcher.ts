#!/usr/bin/env node
// The built CLI's entry (dist/awsx.js; scripts/build.mjs), kept small: CommonJS, so that
// Node starts it without its ESM loader. It sends each command to the bundle its row of
// the command table (src/cli/commandTable.ts) names: dist/hot.js (`env`,
// `credential-process`: DESIGN.md's budget) and dist/pick.js (`pick`), each compiled with
// a V8 code cache (codeCache.ts); every other command, and no command at all, goes to the
// ESM build (dist/cli.mjs, src/cli/main.ts). From source, main.ts runs them all.
import { join } from 'node:path';
import type { Bundle } from '../commandTable.ts';
import { printError } from '../printError.ts';
import { cacheDirPath } from '../privateCache.ts';
import { loadWithCodeCache } from './codeCache.ts';
import type { HotBundle } from './hotBundle.ts';

// The table's rows that do not run from dist/cli.mjs, as JSON { name: bundle }, put here
// by scripts/build.mjs: the launcher gets the routing without the table's other rows and
// summaries (it is on the hot path, and counted in its budget).
declare const AWSX_LAUNCHER_BUNDLES: string;
const BUNDLES = JSON.parse(AWSX_LAUNCHER_BUNDLES) as Readonly<Record<string, Exclude<Bundle, 'cli'>>>;

function exitWith(run: () => Promise<number>): void {
  run().then(
    (code) => void (process.exitCode = code),
    (err: unknown) => void (process.exitCode = printError(err)),
  );
}

const [name, ...argv] = process.argv.slice(2);
const bundle = name !== undefined && Object.hasOwn(BUNDLES, name) ? BUNDLES[name] : undefined;
if (name !== undefined && bundle === 'hot') {
  exitWith(async () => {
    const cacheDir = cacheDirPath();
    const hot = loadWithCodeCache<HotBundle>(join(__dirname, 'hot.js'), cacheDir);
    // Made at exit, it holds every function this run compiled; written once, then used.
    if (hot.cache !== 'used') process.once('exit', () => hot.saveCache());
    return hot.exports.run(name, argv);
  });
} else if (bundle === 'pick') {
  exitWith(async () => (await import('./pickLauncher.ts')).runPickBundle(argv));
} else {
  // Not a literal: esbuild keeps this import() as it is, and the ESM build runs its main().
  const cli = './cli.mjs';
  import(cli).catch((err: unknown) => void (process.exitCode = printError(err)));
}
