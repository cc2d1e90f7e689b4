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
    packages: 'external',
    sourcemap: false,
    logLevel: 'warning',
    chunkNames: 'chunks/[name]-[hash]',
  });
  chmodSync(resolve(ROOT, outdir, 'awsx.js'), 0o755);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildBundle('dist');
