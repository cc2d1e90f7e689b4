// Builds awsx's native addon (native/awsx_native.c: SO_PEERCRED and PR_SET_DUMPABLE, which
// Node has no API for) into <outdir>/native/awsx.node. awsx runs without it (the runtime-dir
// checks alone then guard the socket), so a machine with no C compiler or no Node headers
// gets one warning line and a working build. It is also the package's `install` script, so
// an installed package builds the addon where it runs (package.json `files` ship the C source).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export function buildNative(outdir) {
  // Node's headers sit beside its binary: /usr/bin/node -> /usr/include/node.
  const include = resolve(dirname(process.execPath), '..', 'include', 'node');
  const out = resolve(ROOT, outdir, 'native', 'awsx.node');
  const skip = (why) => console.warn(`awsx: native addon not built (${why}); awsx runs without it, guarded by the runtime-dir checks alone`);
  if (process.platform !== 'linux') return skip(`SO_PEERCRED and PR_SET_DUMPABLE are Linux-only, this is ${process.platform}`);
  if (!existsSync(join(include, 'node_api.h'))) return skip(`no Node headers in ${include}`);
  mkdirSync(dirname(out), { recursive: true });
  const cc = process.env.CC || 'cc';
  const r = spawnSync(cc, ['-O2', '-Wall', '-shared', '-fPIC', `-I${include}`, join(ROOT, 'native', 'awsx_native.c'), '-o', out], { encoding: 'utf8' });
  if (r.error) return skip(`${cc}: ${r.error.code ?? r.error.message}`);
  if (r.status !== 0) return skip(`${cc} failed: ${r.stderr.trim().split('\n')[0] ?? `exit ${r.status}`}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildNative(process.argv[2] ?? 'dist');
