// `npm test`: type-check, build, then run every test file with node's test runner.
// Node 20's --test takes no globs, so the files are listed here; finding none is a failure.
// It runs on the `node` it was started with (and that node is the one first on PATH for
// everything the tests start: .ci/run puts Node 22 and 24 there in turn), says which, and
// fails when the runner reports no passing test, so a run that tested nothing never passes.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
console.error(`npm test: Node ${process.version} (${process.execPath}), ${files.length} test file(s)`);
if (only.length === 0) {
  run('npx', ['tsc', '--noEmit']);
  run('node', ['scripts/build.mjs']);
}
// The spec reporter for people, and TAP into a file for the counts at its end.
const dir = mkdtempSync(join(tmpdir(), 'awsx-test-'));
const tap = join(dir, 'report.tap');
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter', 'spec', '--test-reporter-destination', 'stdout',
  '--test-reporter', 'tap', '--test-reporter-destination', tap, ...files], { stdio: 'inherit' });
const report = (() => {
  try {
    return readFileSync(tap, 'utf8');
  } catch {
    return '';
  }
})();
rmSync(dir, { recursive: true, force: true });
const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(report)?.[1] ?? NaN);
const [tests, pass, fail] = [count('tests'), count('pass'), count('fail')];
if (r.status !== 0) process.exit(r.status ?? 1);
if (!(pass > 0) || fail !== 0) {
  console.error(`npm test: the runner exited 0 but reported ${tests} tests, ${pass} passed, ${fail} failed: that is not a pass`);
  process.exit(1);
}
