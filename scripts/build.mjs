// Bundles the CLI into dist/. One entry; each command is a dynamic import, so esbuild
// splits it into its own chunk and `awsx env` loads only what `env` needs.
import { build } from 'esbuild';
import { rmSync, chmodSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: { awsx: 'src/cli/main.ts' },
  outdir: 'dist',
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
chmodSync('dist/awsx.js', 0o755);
