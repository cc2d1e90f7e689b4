// Bundles the CLI into dist/ (a CommonJS package: dist/package.json):
// - dist/awsx.js, the entry (src/cli/boot/launcher.ts), small and CommonJS so that Node
//   starts it without its ESM loader.
// - dist/hot.js (`env`, `credential-process`: the hot path) and dist/pick.js (the picker,
//   with Ink and React), each one CommonJS file that the entry compiles with a V8 code
//   cache (src/cli/boot/codeCache.ts).
// - dist/cli.mjs (src/cli/main.ts) and dist/awsxd.mjs (the daemon, found beside the
//   bundles by src/ipc/daemonEntry.ts), ESM with code splitting: each command is a dynamic
//   import in its own chunk. The commands of hot.js and pick.js are stubs here.
// Which command runs from which bundle is its row in src/cli/commandTable.ts.
// Tests import buildBundle to check what a command's bundle loads.
import { build, transform } from 'esbuild';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pickBundlePatches } from './pickBundlePatches.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

// The AWS SDK, conf and diff stay in node_modules, loaded only by the commands that use them.
const EXTERNAL = ['@aws-sdk/*', 'conf', 'diff', 'react-devtools-core'];

const common = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  target: 'node20',
  define: { 'process.env.NODE_ENV': '"production"' },
  sourcemap: false,
  logLevel: 'warning',
};

// CommonJS has no import.meta: the two places that need it (src/ipc/daemonEntry.ts,
// src/core/native.ts: files found beside the bundle) read this instead. Node's own startup
// has loaded the url module already.
const commonjs = {
  ...common,
  format: 'cjs',
  define: { ...common.define, 'import.meta.url': '__awsxImportMetaUrl', 'import.meta.resolve': 'undefined' },
  // First, so that "use strict" stays the directive it is in esbuild's own output.
  banner: { js: "'use strict'; var __awsxImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

// dist/awsx.js and dist/hot.js are all that `awsx env` reads and compiles (DESIGN.md's
// budget; test/cli/hot-path.test.ts counts their bytes): without the indentation and line
// breaks they are about a fifth smaller. Names stay, so a stack trace still reads.
const hotPath = { minifyWhitespace: true };

/** src/cli/commandTable.ts (plain data, no imports), read as the CLI reads it. */
async function commandTable() {
  const { code } = await transform(readFileSync(resolve(ROOT, 'src', 'cli', 'commandTable.ts'), 'utf8'), { loader: 'ts', format: 'esm' });
  return (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)).COMMANDS;
}

/** The modules of the commands of dist/hot.js and dist/pick.js: never loaded from the ESM build. */
function launcherOwned(commands) {
  const modules = commands.filter((c) => c.bundle !== 'cli').map((c) => c.module);
  const filter = new RegExp(`[\\\\/]src[\\\\/]cli[\\\\/]commands[\\\\/](${modules.join('|')})\\.ts$`);
  return {
    name: 'launcher-owned-commands',
    setup(b) {
      b.onLoad({ filter }, () => ({
        contents: "export const command = async () => { throw new Error('awsx: this command runs from dist/hot.js or dist/pick.js, not dist/cli.mjs'); };",
        loader: 'js',
      }));
    },
  };
}

// The hook scripts (src/shell/scripts/*.bash, .zsh, .fish, .ps1, .sh) go into the ESM build
// as text: src/shell/scripts/text.ts, which reads them from source, is replaced by a module
// that holds them, so no bundle reads a file beside it. Only `awsx init` fills them, and it
// runs from dist/cli.mjs: in dist/hot.js and dist/pick.js, which must stay small (the hot
// path's size is tested), fill.ts (and text.ts with it) is a stub that throws.
const SCRIPTS_DIR = resolve(ROOT, 'src', 'shell', 'scripts');
const SCRIPT_FILE = /\.(bash|zsh|fish|ps1|sh)$/;

function shellScripts(inline) {
  return {
    name: 'shell-scripts',
    setup(b) {
      if (!inline) {
        b.onLoad({ filter: /[\\/]src[\\/]shell[\\/]scripts[\\/]fill\.ts$/ }, () => ({
          contents: "export function fillScript(file) { throw new Error('awsx: the hook script ' + file + ' is in dist/cli.mjs, not in this bundle'); }",
          loader: 'js',
        }));
        return;
      }
      b.onLoad({ filter: /[\\/]src[\\/]shell[\\/]scripts[\\/]text\.ts$/ }, () => {
        const files = readdirSync(SCRIPTS_DIR).filter((f) => SCRIPT_FILE.test(f)).sort();
        const texts = Object.fromEntries(files.map((f) => [f, readFileSync(resolve(SCRIPTS_DIR, f), 'utf8')]));
        return {
          contents: `const TEXTS = ${JSON.stringify(texts)};
export function scriptText(file) {
  if (!Object.hasOwn(TEXTS, file)) throw new Error('awsx: no hook script ' + file + ' in this build');
  return TEXTS[file];
}`,
          loader: 'js',
          watchFiles: files.map((f) => resolve(SCRIPTS_DIR, f)),
        };
      });
    },
  };
}

export async function buildBundle(outdir) {
  const out = (p) => resolve(ROOT, outdir, p);
  rmSync(out('.'), { recursive: true, force: true });
  // First: dist/awsx.js must never exist without it (Node would read it as an ES module).
  mkdirSync(out('.'), { recursive: true });
  writeFileSync(out('package.json'), '{ "type": "commonjs" }\n');
  const commands = await commandTable();
  await Promise.all([
    build({
      ...common,
      entryPoints: { cli: 'src/cli/main.ts', awsxd: 'src/daemon/main.ts' },
      outdir,
      splitting: true,
      format: 'esm',
      outExtension: { '.js': '.mjs' },
      external: EXTERNAL,
      // Bundled CommonJS (a dependency's) calls require(); an ES module has none of its own.
      banner: { js: "import { createRequire as __awsxCreateRequire } from 'node:module'; const require = __awsxCreateRequire(import.meta.url);" },
      chunkNames: 'chunks/[name]-[hash]',
      plugins: [launcherOwned(commands), shellScripts(true)],
    }),
    build({
      ...commonjs, ...hotPath, entryPoints: { awsx: 'src/cli/boot/launcher.ts' }, outdir, external: [...EXTERNAL, './cli.mjs'],
      define: { ...commonjs.define, AWSX_LAUNCHER_BUNDLES: JSON.stringify(JSON.stringify(Object.fromEntries(commands.filter((c) => c.bundle !== 'cli').map((c) => [c.name, c.bundle])))) },
    }),
    // In these two, every import() becomes a require(): code compiled by vm.Script cannot import().
    build({ ...commonjs, ...hotPath, entryPoints: { hot: 'src/cli/boot/hotBundle.ts' }, outdir, external: EXTERNAL, supported: { 'dynamic-import': false }, plugins: [shellScripts(false)] }),
    // diff is bundled here (the new-profile screen's preview): require()ing it from
    // node_modules would cost every start of the picker about 15 ms.
    build({
      ...commonjs, entryPoints: { pick: 'src/cli/boot/pickBundle.ts' }, outdir, external: EXTERNAL.filter((e) => e !== 'diff'),
      supported: { 'dynamic-import': false }, plugins: [pickBundlePatches, shellScripts(false)],
    }),
  ]);
  chmodSync(out('awsx.js'), 0o755);
  (await import('./buildNative.mjs')).buildNative(outdir);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildBundle('dist');
