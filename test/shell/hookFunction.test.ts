// The `awsx` shell function in real bash, zsh and fish, with a fake awsx at the edge:
// `use` and the bare picker apply output only on success, `clear` unsets every managed
// variable without starting the binary, everything else passes through untouched.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { render } from '../../src/shell/render.ts';
import { MANAGED_VARIABLES, sessionVariables } from '../../src/shell/variables.ts';
import { fakeAwsx } from '../helpers/fakeAwsx.ts';
import { parseShown, runHooked, showVariables, type RealShell } from '../helpers/hookedShell.ts';
import { findBinary } from '../helpers/realShell.ts';
import { CREDENTIALS } from './values.ts';

const SHELLS: readonly RealShell[] = ['bash', 'zsh', 'fish'];

function exportsFor(shell: RealShell, profile: string): string {
  return render(shell, sessionVariables({ profile, credentials: CREDENTIALS, region: 'eu-west-1' }));
}

const statusOf = (shell: RealShell): string => (shell === 'fish' ? '$status' : '$?');

for (const shell of SHELLS) {
  test(`${shell}: the awsx function`, async (t) => {
    if (findBinary(shell) === undefined) {
      t.skip(`${shell} is not installed (apt-get install ${shell})`);
      return;
    }

    await t.test('use PROFILE evaluates `env --shell S` and sets the variables', async (tc) => {
      const fake = fakeAwsx(tc);
      fake.respond('env', { stdout: exportsFor(shell, "prod's $(touch PWNED)") });
      const run = await runHooked(tc, shell, `awsx use prod --mfa-code 123456\necho status=${statusOf(shell)}\n${showVariables(shell, MANAGED_VARIABLES)}`, { bin: [fake.bin] });
      // The shell's own pid: a container-endpoint token would live as long as this shell.
      const [call, ...more] = fake.calls();
      assert.deepEqual(more, []);
      assert.deepEqual(call?.map((a, i) => (i === 4 ? a.replace(/^[1-9]\d*$/, 'PID') : a)), ['env', '--shell', shell, '--shell-pid', 'PID', 'prod', '--mfa-code', '123456']);
      const shown = parseShown(run.stdout);
      assert.equal(shown.get('status'), '0');
      assert.equal(shown.get('AWSX_PROFILE'), "prod's $(touch PWNED)");
      assert.equal(shown.get('AWS_ACCESS_KEY_ID'), CREDENTIALS.accessKeyId);
      assert.equal(existsSync(join(run.cwd, 'PWNED')), false);
    });

    await t.test('use evaluates nothing when env fails, and returns its status', async (tc) => {
      const fake = fakeAwsx(tc);
      fake.respond('env', { stdout: `${exportsFor(shell, 'prod')}touch PWNED\n`, status: 3 });
      const run = await runHooked(tc, shell, `awsx use prod\necho status=${statusOf(shell)}\n${showVariables(shell, ['AWSX_PROFILE'])}`, { bin: [fake.bin] });
      const shown = parseShown(run.stdout);
      assert.equal(shown.get('status'), '3');
      assert.equal(shown.get('AWSX_PROFILE'), undefined);
      assert.equal(existsSync(join(run.cwd, 'PWNED')), false);
      assert.equal(run.stderr, '');
    });

    await t.test('use --help shows the help instead of evaluating anything', async (tc) => {
      const fake = fakeAwsx(tc);
      fake.respond('use', { stdout: 'Usage: awsx use PROFILE; touch PWNED\n' });
      const run = await runHooked(tc, shell, 'awsx use prod --help', { bin: [fake.bin] });
      assert.deepEqual(fake.calls(), [['use', '--help']]);
      assert.equal(run.stdout, 'Usage: awsx use PROFILE; touch PWNED\n');
      assert.equal(existsSync(join(run.cwd, 'PWNED')), false);
    });

    await t.test('awsx alone opens the picker and applies the pick', async (tc) => {
      const fake = fakeAwsx(tc);
      fake.respond('pick', { stdout: exportsFor(shell, 'picked') });
      const run = await runHooked(tc, shell, `awsx\n${showVariables(shell, ['AWSX_PROFILE'])}`, { bin: [fake.bin] });
      assert.deepEqual(fake.calls(), [['pick', '--print', '--shell', shell]]);
      assert.equal(parseShown(run.stdout).get('AWSX_PROFILE'), 'picked');
    });

    await t.test('a cancelled pick changes nothing', async (tc) => {
      const fake = fakeAwsx(tc);
      fake.respond('pick', { status: 130 });
      const run = await runHooked(tc, shell, `awsx\necho status=${statusOf(shell)}\n${showVariables(shell, ['AWSX_PROFILE'])}`, { bin: [fake.bin], env: { AWSX_PROFILE: 'before' } });
      const shown = parseShown(run.stdout);
      assert.deepEqual([shown.get('status'), shown.get('AWSX_PROFILE')], ['130', 'before']);
    });

    await t.test('clear leaves none of the variables and starts nothing', async (tc) => {
      const fake = fakeAwsx(tc);
      fake.respond('env', { stdout: exportsFor(shell, 'prod') });
      const run = await runHooked(tc, shell, `awsx use prod\nawsx clear\n${showVariables(shell, [...MANAGED_VARIABLES, 'AWSX_PROMPT'])}\nenv`, { bin: [fake.bin] });
      assert.deepEqual(fake.calls().map((c) => c[0]), ['env']);
      const shown = parseShown(run.stdout);
      for (const name of MANAGED_VARIABLES) assert.equal(shown.get(name), undefined, `${name} is still set`);
      assert.ok(!shown.get('AWSX_PROMPT'));
      assert.doesNotMatch(run.stdout, /^(AWS_ACCESS_KEY_ID|AWSX_PROFILE)=(?!<unset>)/m, 'exported to children still');
    });

    await t.test('every other command passes through with its arguments and status', async (tc) => {
      const fake = fakeAwsx(tc);
      fake.respond('sessions', { stdout: 'listing\n', status: 4 });
      fake.respond('clear', { stdout: 'unset X;\n' });
      const run = await runHooked(tc, shell, `awsx sessions --json 'two words' ''\necho status=${statusOf(shell)}\nawsx clear --shell bash`, { bin: [fake.bin] });
      assert.deepEqual(fake.calls(), [['sessions', '--json', 'two words', ''], ['clear', '--shell', 'bash']]);
      assert.equal(run.stdout, 'listing\nstatus=4\nunset X;\n');
    });
  });
}
