// dotenv output read by real consumers: python-dotenv (a dotenv reader) and bash sourcing
// the file with `set -a; . ./.env`, which people do and which must never run anything.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { render } from '../../src/shell/render.ts';
import type { ShellChange } from '../../src/shell/variables.ts';
import { findBinary, runShell } from '../helpers/realShell.ts';
import { NASTY_VALUES } from './values.ts';

function changeOf(values: readonly string[]): ShellChange {
  return { set: values.map((value, i): [string, string] => [`AWSX_TEST_${i}`, value]), unset: [] };
}

function hasPythonDotenv(python: string): boolean {
  try {
    execFileSync(python, ['-c', 'import dotenv'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const READ_DOTENV = `
import io, json, sys, dotenv
values = dotenv.dotenv_values(stream=io.StringIO(sys.stdin.read()), interpolate=False)
sys.stdout.write(json.dumps(values))
`;

test('dotenv: python-dotenv reads back every value it can represent', (t) => {
  const python = findBinary('python3');
  if (python === undefined || !hasPythonDotenv(python)) {
    t.skip('python3 with python-dotenv is not installed');
    return;
  }
  // python-dotenv keeps the backslash of `\$` and `\``, and cannot parse a double-quoted
  // value that ends in a backslash (its closing quote looks escaped): documented gaps.
  const values = NASTY_VALUES.filter((v) => !/[$`]|\\$/.test(v));
  const change = changeOf(values);
  const stdout = execFileSync(python, ['-c', READ_DOTENV], {
    input: render('dotenv', change),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  assert.deepEqual(JSON.parse(stdout.toString('utf8')), Object.fromEntries(change.set));
});

test('dotenv: sourced by bash with set -a, it runs nothing and keeps every value', async (t) => {
  const bash = findBinary('bash');
  if (bash === undefined) {
    t.skip('bash is not installed');
    return;
  }
  const change = changeOf(NASTY_VALUES);
  const result = await runShell({
    argv: [bash, '--norc', '--noprofile', '-c'],
    script: 'set -a; . ./out; exec env -0',
    output: render('dotenv', change),
  });
  assert.equal(result.pwned, false, 'PWNED was created');
  assert.equal(result.stderr, '');
  // A shell decodes `\\`, `\"`, `\$` and `\``, but reads `\n` and `\r` as two characters.
  for (const [name, value] of change.set) {
    const expected = value.replaceAll('\n', '\\n').replaceAll('\r', '\\r');
    assert.equal(result.env.get(name), expected, `${name} should hold ${JSON.stringify(value)}`);
  }
});
