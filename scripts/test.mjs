// `npm test`: type-check, build, then run every test file with node's test runner.
// Node 20's --test takes no globs, so the files are listed here; finding none is a failure.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (name.endsWith('.test.ts') || name.endsWith('.test.tsx')) out.push(p);
  }
  return out;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : findTests('test');
if (files.length === 0) {
  console.error('npm test: no test files found under test/');
  process.exit(1);
}
if (only.length === 0) {
  run('npx', ['tsc', '--noEmit']);
  run('node', ['scripts/build.mjs']);
}
run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter', 'spec', ...files]);
