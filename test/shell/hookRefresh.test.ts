// The prompt hook in real bash, zsh and fish, with a fake awsx at the edge: silent and
// call-free outside the refresh window, one `awsx env` inside it, a failure said once,
// `$?` kept, and a second install changing nothing.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { render } from '../../src/shell/render.ts';
import { renewalMessage } from '../../src/shell/segment.ts';
import { sessionVariables } from '../../src/shell/variables.ts';
import { fakeAwsx, type FakeAwsx } from '../helpers/fakeAwsx.ts';
import { expiresIn, parseShown, PROMPT, runHooked, showVariables, type RealShell } from '../helpers/hookedShell.ts';
import { findBinary } from '../helpers/realShell.ts';

const SHELLS: readonly RealShell[] = ['bash', 'zsh', 'fish'];
const SHOWN = ['AWS_ACCESS_KEY_ID', 'AWS_CREDENTIAL_EXPIRATION', 'AWSX_PROMPT'];

function active(seconds: number): Record<string, string> {
  return { AWSX_PROFILE: 'prod', AWS_ACCESS_KEY_ID: 'OLDKEY', AWS_CREDENTIAL_EXPIRATION: expiresIn(seconds) };
}

/** What `awsx env prod --shell S` prints for fresh credentials valid for an hour. */
function freshExports(shell: RealShell): string {
  const credentials = { accessKeyId: 'NEWKEY', secretAccessKey: 'secret', sessionToken: 'token', expiration: new Date(Date.now() + 3_600_000) };
  return render(shell, sessionVariables({ profile: 'prod', credentials }));
}

function envCall(shell: RealShell): string[] {
  return ['env', '--shell', shell, '--non-interactive', '--', 'prod'];
}

const prompts = (shell: RealShell, n: number): string => Array.from({ length: n }, () => PROMPT[shell]).join('\n');

for (const shell of SHELLS) {
  test(`${shell}: prompt hook`, async (t) => {
    if (findBinary(shell) === undefined) {
      t.skip(`${shell} is not installed (apt-get install ${shell})`);
      return;
    }
    const setup = (tc: TestContext): FakeAwsx => fakeAwsx(tc);

    await t.test('prints nothing and calls nothing outside the window, or with no profile', async (tc) => {
      const fake = setup(tc);
      for (const env of [active(42 * 60), {}]) {
        const run = await runHooked(tc, shell, prompts(shell, 3), { bin: [fake.bin], env });
        assert.deepEqual([run.code, run.stdout, run.stderr], [0, '', '']);
      }
      assert.deepEqual(fake.calls(), []);
    });

    await t.test('keeps the status of the last command', async (tc) => {
      const fake = setup(tc);
      fake.respond('env', { status: 1 });
      // fish's `emit` has a status of its own, so there the handler itself is asked.
      const once = shell === 'fish' ? '__awsx_hook' : PROMPT[shell];
      const status = shell === 'fish' ? '$status' : '$?';
      for (const env of [active(42 * 60), active(5 * 60), {}]) {
        const run = await runHooked(tc, shell, `false\n${once}\necho ${status}`, { bin: [fake.bin], env });
        assert.equal(run.stdout, '1\n', JSON.stringify(env));
      }
    });

    await t.test('refreshes once inside the window and applies the new credentials', async (tc) => {
      const fake = setup(tc);
      fake.respond('env', { stdout: freshExports(shell) });
      const run = await runHooked(tc, shell, `${prompts(shell, 3)}\n${showVariables(shell, SHOWN)}`, { bin: [fake.bin], env: active(10 * 60), installs: 2 });
      assert.equal(run.stderr, '');
      assert.deepEqual(fake.calls(), [envCall(shell)], 'installed twice, three prompts: one call');
      const shown = parseShown(run.stdout);
      assert.equal(shown.get('AWS_ACCESS_KEY_ID'), 'NEWKEY');
      assert.match(shown.get('AWSX_PROMPT') ?? '', /^prod (59m|1h0m)$/);
    });

    await t.test('refreshes expired credentials too', async (tc) => {
      const fake = setup(tc);
      fake.respond('env', { stdout: freshExports(shell) });
      const run = await runHooked(tc, shell, `${PROMPT[shell]}\n${showVariables(shell, SHOWN)}`, { bin: [fake.bin], env: active(-120) });
      assert.deepEqual(fake.calls(), [envCall(shell)]);
      assert.equal(parseShown(run.stdout).get('AWS_ACCESS_KEY_ID'), 'NEWKEY');
    });

    await t.test('a failed refresh says so once, marks the segment and waits before trying again', async (tc) => {
      const fake = setup(tc);
      // A failing env prints nothing on stdout; this one prints code to prove it is not run.
      fake.respond('env', { stdout: 'touch PWNED\n', status: 1 });
      const run = await runHooked(tc, shell, `${prompts(shell, 4)}\n${showVariables(shell, SHOWN)}`, { bin: [fake.bin], env: active(9 * 60 + 30) });
      assert.equal(run.stderr, `${renewalMessage('prod', 9 * 60 + 30)}\n`);
      assert.deepEqual(fake.calls(), [envCall(shell)]);
      const shown = parseShown(run.stdout);
      assert.equal(shown.get('AWS_ACCESS_KEY_ID'), 'OLDKEY');
      assert.equal(shown.get('AWSX_PROMPT'), 'prod 9m!');
    });

    await t.test('a failed refresh of expired credentials says they expired', async (tc) => {
      const fake = setup(tc);
      fake.respond('env', { status: 1 });
      const run = await runHooked(tc, shell, prompts(shell, 2), { bin: [fake.bin], env: active(-5) });
      assert.equal(run.stderr, `${renewalMessage('prod', -5)}\n`);
    });

    await t.test('a hostile profile name reaches neither the terminal raw nor eval', async (tc) => {
      const fake = setup(tc);
      fake.respond('env', { status: 1 });
      const profile = "p\x1b]0;title\x07 $(touch PWNED) `touch PWNED` '\"";
      const env = { ...active(5 * 60 + 30), AWSX_PROFILE: profile };
      const run = await runHooked(tc, shell, PROMPT[shell], { bin: [fake.bin], env });
      assert.equal(run.stderr, `${renewalMessage(profile, 5 * 60 + 30)}\n`);
      assert.doesNotMatch(run.stderr, /[\x1b\x07]/);
      assert.deepEqual(fake.calls(), [['env', '--shell', shell, '--non-interactive', '--', profile]]);
      assert.equal(existsSync(join(run.cwd, 'PWNED')), false);
    });

    await t.test('new credentials from `awsx use` clear the failure and its mark', async (tc) => {
      const fake = setup(tc);
      fake.respond('env', { status: 1 });
      const set = shell === 'fish' ? `set -gx AWS_CREDENTIAL_EXPIRATION ${expiresIn(50 * 60)}` : `AWS_CREDENTIAL_EXPIRATION=${expiresIn(50 * 60)}`;
      const run = await runHooked(tc, shell, `${PROMPT[shell]}\n${set}\n${PROMPT[shell]}\n${showVariables(shell, ['AWSX_PROMPT'])}`, { bin: [fake.bin], env: active(5 * 60) });
      assert.match(parseShown(run.stdout).get('AWSX_PROMPT') ?? '', /^prod (49|50)m$/);
    });
  });
}

test('bash: the hook goes first in PROMPT_COMMAND and keeps what was there, string or array', async (t) => {
  if (findBinary('bash') === undefined) return t.skip('bash is not installed');
  const fake = fakeAwsx(t);
  const cases: [string, string][] = [
    ['', 'declare -- PROMPT_COMMAND="__awsx_hook"'],
    ["PROMPT_COMMAND='echo user'", 'declare -- PROMPT_COMMAND="__awsx_hook;echo user"'],
    ["PROMPT_COMMAND=('echo one' 'echo two')", 'declare -a PROMPT_COMMAND=([0]="__awsx_hook" [1]="echo one" [2]="echo two")'],
  ];
  for (const [before, expected] of cases) {
    const run = await runHooked(t, 'bash', 'declare -p PROMPT_COMMAND', { bin: [fake.bin], before, installs: 2 });
    assert.equal(run.stdout.trim(), expected);
  }
});

test('zsh: the hook goes first in precmd_functions, once', async (t) => {
  if (findBinary('zsh') === undefined) return t.skip('zsh is not installed');
  const fake = fakeAwsx(t);
  const run = await runHooked(t, 'zsh', 'print -r -- "${precmd_functions[*]}"', { bin: [fake.bin], before: 'precmd_functions=(user_hook)', installs: 2 });
  assert.equal(run.stdout, '__awsx_hook user_hook\n');
});

test('fish: one fish_prompt handler after two installs', async (t) => {
  if (findBinary('fish') === undefined) return t.skip('fish is not installed');
  const fake = fakeAwsx(t);
  const run = await runHooked(t, 'fish', 'functions --handlers-type event | string match -e __awsx', { bin: [fake.bin], installs: 2 });
  assert.equal(run.stdout.trim().split('\n').length, 1, run.stdout);
});
