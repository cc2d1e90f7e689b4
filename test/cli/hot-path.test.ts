// The hot path's budget (DESIGN.md "Performance budget"): `awsx env P` with a cached session
// imports nothing but node:net and the code it needs. Checked on the real bundle, by
// recording every module the process loads, against `node -e 0` under the same recorder:
// `env` and `credential-process` run from dist/awsx.js, a small CommonJS file (no ESM
// loader, no chunks), which compiles dist/hot.js with a code cache; everything else (Ink,
// the SDK, other commands) stays out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: a plain .mjs build script, without type declarations
import { buildBundle } from '../../scripts/build.mjs';
import { awsxEnv } from '../helpers/cli.ts';
import { privateRuntime } from '../helpers/daemon.ts';
import { tempDir } from '../helpers/tempDir.ts';

const TRACE = fileURLToPath(new URL('../helpers/moduleTrace.mjs', import.meta.url));
// What a resolve on the cold path or another command may load, but `env` must not.
const FORBIDDEN_BUILTINS = ['child_process', 'crypto', 'http', 'https', 'http2', 'zlib', 'worker_threads', 'readline', 'tty', 'inspector'];

function traced(args: string[], env: NodeJS.ProcessEnv, out: string): { files: string[]; builtins: Set<string> } {
  writeFileSync(out, '');
  // Output to a file: a piped stdout (as under `$(...)`) makes node itself load net, which would
  // hide whether awsx does.
  const fd = openSync(`${out}.stdout`, 'w');
  const r = spawnSync(process.execPath, ['--import', TRACE, ...args], { env: { ...env, AWSX_MODULE_TRACE: out }, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  assert.equal(r.status, 0, readFileSync(`${out}.stdout`, 'utf8'));
  const lines = readFileSync(out, 'utf8').split('\n').filter(Boolean);
  return {
    files: [...new Set(lines.filter((l) => l.startsWith('file:') && !l.includes('/test/helpers/moduleTrace')).map((l) => fileURLToPath(l)))],
    builtins: new Set(lines.filter((l) => l.startsWith('builtin:')).map((l) => l.slice(8))),
  };
}

function withoutNodeVars(): Record<string, undefined> {
  return Object.fromEntries(Object.keys(process.env).filter((k) => k.startsWith('NODE_')).map((k) => [k, undefined]));
}

test('awsx env and credential-process with a cached session load dist/awsx.js and dist/hot.js alone, and node:net; no SDK or child_process', async (t) => {
  const dir = tempDir(t);
  const bundle = join(dir, 'bundle');
  await buildBundle(bundle);
  const rt = privateRuntime(t);
  mkdirSync(join(dir, 'aws'));
  writeFileSync(join(dir, 'aws', 'credentials'), '[base]\naws_access_key_id = AKIDHOTPATH\naws_secret_access_key = s\n');
  // Without NODE_* (the test runner's NODE_TEST_CONTEXT makes node preload more).
  const env = awsxEnv({ ...withoutNodeVars(), ...rt.env, HOME: dir, XDG_CACHE_HOME: undefined, AWS_CONFIG_FILE: join(dir, 'aws', 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws', 'credentials') });
  const cli = join(bundle, 'awsx.js');
  assert.equal(spawnSync(process.execPath, [cli, 'env', 'base'], { env }).status, 0, 'the first call starts the daemon');
  // ... and leaves the code cache of dist/hot.js, private, for the next calls.
  const cacheDir = join(dir, '.cache', 'awsx');
  assert.deepEqual(readdirSync(cacheDir).filter((f) => f.startsWith('hot-')).length, 1);
  assert.equal(statSync(cacheDir).mode & 0o777, 0o700);

  const baseline = traced(['-e', '0'], env, join(dir, 'baseline.trace'));
  for (const args of [['env', 'base', '--shell', 'bash'], ['credential-process', 'base']]) {
    const hot = traced([cli, ...args], env, join(dir, `${args[0]}.trace`));
    // dist/hot.js is read and compiled by dist/awsx.js (codeCache.ts), not loaded as a module.
    assert.deepEqual(hot.files, [cli], `${args[0]}: the entry alone as a module, nothing from node_modules, chunks or elsewhere`);
    const added = [...hot.builtins].filter((b) => !baseline.builtins.has(b));
    assert.ok(added.includes('net'), JSON.stringify({ files: hot.files, added }));
    assert.deepEqual(added.filter((b) => FORBIDDEN_BUILTINS.includes(b)), []);
    const bytes = statSync(cli).size + statSync(join(bundle, 'hot.js')).size;
    t.diagnostic(`${args[0]}: awsx.js and hot.js, ${bytes} bytes; built-ins beyond node -e 0: ${added.filter((b) => !b.startsWith('internal/')).join(', ')}`);
    assert.ok(bytes < 80 * 1024, `${bytes} bytes`);
  }
});
