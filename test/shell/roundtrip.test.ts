// Real shells evaluate our output; every variable must come back exactly (or, in the
// unquoted forms, with whitespace runs folded to one space) and PWNED must never appear.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render, type ShellFormat } from '../../src/shell/render.ts';
import { clearVariables, sessionVariables, type ShellChange } from '../../src/shell/variables.ts';
import { findBinary, runShell, type ShellRun } from '../helpers/realShell.ts';
import { CREDENTIALS, NASTY_VALUES } from './values.ts';

const STALE = {
  AWS_PROFILE: 'stale',
  AWS_DEFAULT_PROFILE: 'stale',
  AWS_SECURITY_TOKEN: 'stale',
  AWS_SESSION_TOKEN: 'stale',
  AWS_REGION: 'stale',
  AWS_DEFAULT_REGION: 'stale',
  AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.170.2/stale',
};

type Expect = (value: string) => string;
const exact: Expect = (v) => v;
// Unquoted `eval $(…)`: the shell splits at IFS whitespace and eval rejoins with one space.
const folded: Expect = (v) => v.replace(/[ \t\n]+/g, ' ');
// fish `eval (…)`: one argument per line, rejoined with one space.
const lines: Expect = (v) => v.replaceAll('\n', ' ');

interface Form {
  readonly label: string;
  readonly bin: string;
  readonly argv: readonly string[];
  readonly format: ShellFormat;
  readonly script: string;
  readonly expect: Expect;
}

const BASH = ['--norc', '--noprofile', '-c'];
const FORMS: readonly Form[] = [
  { label: 'bash: eval "$(…)"', bin: 'bash', argv: BASH, format: 'bash', script: 'eval "$(cat ./out)"', expect: exact },
  { label: 'bash: eval $(…)', bin: 'bash', argv: BASH, format: 'bash', script: 'eval $(cat ./out)', expect: folded },
  { label: 'dash: eval "$(…)"', bin: 'dash', argv: ['-c'], format: 'bash', script: 'eval "$(cat ./out)"', expect: exact },
  { label: 'dash: eval $(…)', bin: 'dash', argv: ['-c'], format: 'bash', script: 'eval $(cat ./out)', expect: folded },
  { label: 'zsh: eval "$(…)"', bin: 'zsh', argv: ['-f', '-c'], format: 'zsh', script: 'eval "$(cat ./out)"', expect: exact },
  { label: 'zsh: eval $(…)', bin: 'zsh', argv: ['-f', '-c'], format: 'zsh', script: 'eval $(cat ./out)', expect: folded },
  { label: 'fish: … | source', bin: 'fish', argv: ['--no-config', '-c'], format: 'fish', script: 'cat ./out | source', expect: exact },
  { label: 'fish: eval (…)', bin: 'fish', argv: ['--no-config', '-c'], format: 'fish', script: 'eval (cat ./out)', expect: lines },
  // The `awsx use` hooks evaluate inside a shell function: the result must still be global.
  { label: 'bash: eval in a function', bin: 'bash', argv: BASH, format: 'bash', script: 'f() { eval "$(cat ./out)"; }; f', expect: exact },
  { label: 'zsh: eval in a function', bin: 'zsh', argv: ['-f', '-c'], format: 'zsh', script: 'f() { eval "$(cat ./out)"; }; f', expect: exact },
  { label: 'fish: source in a function', bin: 'fish', argv: ['--no-config', '-c'], format: 'fish', script: 'function f; source ./out; end; f', expect: exact },
];

function run(form: Form, bin: string, change: ShellChange, setup = ''): Promise<ShellRun> {
  return runShell({
    argv: [bin, ...form.argv],
    // Reading the environment only if the evaluation succeeded also checks its status.
    script: `${setup}${form.script}${form.format === 'fish' ? '; and' : ' &&'} exec env -0`,
    output: render(form.format, change),
    env: STALE,
  });
}

function assertApplied(result: ShellRun, change: ShellChange, expect: Expect): void {
  assert.equal(result.pwned, false, 'PWNED was created');
  assert.equal(result.stderr, '', 'the shell printed errors');
  for (const [name, value] of change.set) {
    assert.equal(result.env.get(name), expect(value), `${name} should hold ${JSON.stringify(value)}`);
  }
  for (const name of change.unset) assert.equal(result.env.get(name), undefined, `${name} still set`);
}

/** A session with hostile profile and region, plus every matrix value in a variable of its own. */
function matrixChange(values: readonly string[], profile = "prod's $(touch PWNED) *"): ShellChange {
  const session = sessionVariables({ profile, region: 'eu-west-1`touch PWNED`', credentials: CREDENTIALS });
  const extra = values.map((value, i): [string, string] => [`AWSX_TEST_${i}`, value]);
  return { set: [...session.set, ...extra], unset: session.unset };
}

// One shell per form runs the whole matrix; the assertion message names the value.
for (const form of FORMS) {
  test(`${form.label} (security 42)`, async (t) => {
    const bin = findBinary(form.bin);
    if (bin === undefined) {
      t.skip(`${form.bin} is not installed (apt-get install ${form.bin})`);
      return;
    }
    await t.test('every matrix value', async () => {
      const change = matrixChange(NASTY_VALUES);
      assertApplied(await run(form, bin, change), change, form.expect);
    });
    await t.test('unsets a stale token and region when the new session has none', async () => {
      const change = sessionVariables({
        profile: 'prod',
        credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' },
      });
      assert.ok(change.unset.includes('AWS_SESSION_TOKEN'));
      assertApplied(await run(form, bin, change), change, exact);
    });
    await t.test('clear removes every managed variable, set or not', async () => {
      assertApplied(await run(form, bin, clearVariables()), clearVariables(), exact);
    });
  });
}

// The unquoted form under glob options people do set. A value with a glob character goes
// through a `/dev/null/…` word: nullglob drops it and eval stops on a syntax error,
// failglob refuses the command; either way nothing is set and nothing runs. So glob values
// get one shell each, and the others share one.
const GLOB = /[*?[(]/;
for (const options of ['nullglob', 'nullglob extglob', 'failglob', 'extglob dotglob globstar nocaseglob']) {
  test(`bash: eval $(…) with shopt -s ${options} (security 42)`, async (t) => {
    const bin = findBinary('bash');
    if (bin === undefined) {
      t.skip('bash is not installed');
      return;
    }
    const form = FORMS[1]!;
    const setup = `shopt -s ${options}; `;
    const failsClosed = /null|fail/.test(options);
    await t.test('values without glob characters', async () => {
      const change = matrixChange(
        NASTY_VALUES.filter((v) => !GLOB.test(v)),
        "prod's $(touch PWNED)",
      );
      assertApplied(await run(form, bin, change, setup), change, folded);
    });
    for (const value of NASTY_VALUES.filter((v) => GLOB.test(v))) {
      await t.test(JSON.stringify(value), async () => {
        const change: ShellChange = { set: [['AWSX_PROFILE', value]], unset: [] };
        const result = await run(form, bin, change, setup);
        assert.equal(result.pwned, false, 'PWNED was created');
        // `(` alone is no pattern, so such a value may still be set: exactly, or not at all.
        const allowed = failsClosed ? [undefined, folded(value)] : [folded(value)];
        assert.ok(allowed.includes(result.env.get('AWSX_PROFILE')), `AWSX_PROFILE: ${result.env.get('AWSX_PROFILE')}`);
      });
    }
  });
}

// Why posixGlob.ts exists: plain single quoting, evaluated unquoted, runs code when a
// field of the output is a glob pattern. These two cases show it, then show our output
// surviving the same conditions.
const NAIVE_ATTACKS = [
  { label: 'nullglob', setup: 'shopt -s nullglob; ', value: 'x* ; touch PWNED ; *y', files: [] },
  { label: 'a bait file in the working directory', setup: '', value: 'x * y', files: ["'; touch PWNED; '"] },
];

for (const attack of NAIVE_ATTACKS) {
  test(`bash: eval $(…) with a glob in a value and ${attack.label} (security 42)`, async (t) => {
    const bin = findBinary('bash');
    if (bin === undefined) {
      t.skip('bash is not installed');
      return;
    }
    const script = `${attack.setup}eval $(cat ./out); exec env -0`;
    const naive = `export AWSX_PROFILE='${attack.value}';\n`;
    const naiveRun = await runShell({ argv: [bin, ...BASH], script, output: naive, files: attack.files });
    assert.equal(naiveRun.pwned, true, 'plain single quoting was expected to be exploitable here');

    const change: ShellChange = { set: [['AWSX_PROFILE', attack.value]], unset: [] };
    const ours = await runShell({ argv: [bin, ...BASH], script, output: render('bash', change), files: attack.files });
    assert.equal(ours.pwned, false, 'PWNED was created');
    if (attack.files.length > 0) assert.equal(ours.env.get('AWSX_PROFILE'), attack.value);
  });
}
