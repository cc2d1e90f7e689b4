// Bundles the CLI into dist/. Two entries: the CLI (dist/awsx.js) and the daemon the CLI
// starts (dist/awsxd.js, found beside it by src/ipc/daemonEntry.ts). Each command is a
// dynamic import, so esbuild splits it into its own chunk and `awsx env` loads only what
// `env` needs. Tests import buildBundle to check what a command's bundle loads.
import { build } from 'esbuild';
import { rmSync, chmodSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export async function buildBundle(outdir) {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: { awsx: 'src/cli/main.ts', awsxd: 'src/daemon/main.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // The AWS SDK, conf and diff stay in node_modules (loaded only by the commands that
    // use them). ink, react and @inkjs/ui are bundled into the pick chunk: loading them
    // file by file from node_modules cost the picker most of a second before its first frame.
    external: ['@aws-sdk/*', 'conf', 'diff', 'react-devtools-core'],
    define: { 'process.env.NODE_ENV': '"production"' },
    // Bundled CommonJS (react) calls require(); an ES module has none of its own.
    banner: { js: "import { createRequire as __awsxCreateRequire } from 'node:module'; const require = __awsxCreateRequire(import.meta.url);" },
    sourcemap: false,
    logLevel: 'warning',
    chunkNames: 'chunks/[name]-[hash]',
  });
  chmodSync(resolve(ROOT, outdir, 'awsx.js'), 0o755);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildBundle('dist');
