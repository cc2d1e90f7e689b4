#!/usr/bin/env node
// The built CLI's entry (dist/awsx.js; scripts/build.mjs), kept small: CommonJS, so that
// Node starts it without its ESM loader. `env` and `credential-process` (DESIGN.md's
// budget) run from dist/hot.js and `pick` from dist/pick.js, each compiled with a V8 code
// cache (codeCache.ts); every other command goes to the ESM build (dist/cli.mjs,
// src/cli/main.ts) and its lazy command table. From source, main.ts runs them all.
import { join } from 'node:path';
import { loadWithCodeCache } from './codeCache.ts';
import type { HotBundle } from './hotBundle.ts';
import { printError } from './printError.ts';
import { cacheDirPath } from './privateCache.ts';

// The commands of hotBundle.ts (named here, not imported: this file stays small).
const HOT = new Set(['env', 'credential-process']);

function exitWith(run: () => Promise<number>): void {
  run().then(
    (code) => void (process.exitCode = code),
    (err: unknown) => void (process.exitCode = printError(err)),
  );
}

const [name, ...argv] = process.argv.slice(2);
if (name !== undefined && HOT.has(name)) {
  exitWith(async () => {
    const cacheDir = cacheDirPath();
    const bundle = loadWithCodeCache<HotBundle>(join(__dirname, 'hot.js'), cacheDir);
    // Made at exit, it holds every function this run compiled; written once, then used.
    if (bundle.cache !== 'used') process.once('exit', () => bundle.saveCache());
    return bundle.exports.run(name, argv);
  });
} else if (name === 'pick') {
  exitWith(async () => (await import('./pickLauncher.ts')).runPickBundle(argv));
} else {
  // Not a literal: esbuild keeps this import() as it is, and the ESM build runs its main().
  const cli = './cli.mjs';
  import(cli).catch((err: unknown) => void (process.exitCode = printError(err)));
}
