// The small commands of the shell integration, run as the real CLI: `awsx prompt`,
// `awsx use` without the shell function, `awsx clear`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from '../../src/shell/render.ts';
import { clearVariables } from '../../src/shell/variables.ts';
import { runAwsx } from '../helpers/cli.ts';
import { expiresIn } from '../helpers/hookedShell.ts';

test('awsx prompt: the segment from the environment, nothing without a profile', async () => {
  const [active, expired, none] = await Promise.all([
    runAwsx(['prompt'], { env: { AWSX_PROFILE: 'prod', AWS_CREDENTIAL_EXPIRATION: expiresIn(3 * 3600 + 12 * 60 + 30) } }),
    runAwsx(['prompt'], { env: { AWSX_PROFILE: 'prod', AWS_CREDENTIAL_EXPIRATION: expiresIn(-60) } }),
    runAwsx(['prompt'], { env: { AWS_CREDENTIAL_EXPIRATION: expiresIn(600) } }),
  ]);
  assert.deepEqual([active.code, active.stdout, active.stderr], [0, 'prod 3h12m\n', '']);
  assert.equal(expired.stdout, 'prod expired\n');
  assert.deepEqual([none.code, none.stdout], [0, '']);
});

test('awsx use without the shell function says how to install it', async () => {
  const [r, help] = await Promise.all([runAwsx(['use', 'prod'], { env: { SHELL: '/usr/bin/fish' } }), runAwsx(['use', '--help'])]);
  assert.deepEqual([r.code, r.stdout], [2, '']);
  assert.match(r.stderr, /awsx init fish \| source/);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: awsx use PROFILE/);
});

test('awsx clear --shell S prints the unsets of every managed variable', async () => {
  const shells = ['bash', 'zsh', 'fish', 'pwsh'] as const;
  const [bad, ...runs] = await Promise.all([runAwsx(['clear', '--shell', 'json']), ...shells.map((s) => runAwsx(['clear', '--shell', s]))]);
  shells.forEach((shell, i) => assert.deepEqual([runs[i]!.code, runs[i]!.stdout, runs[i]!.stderr], [0, render(shell, clearVariables()), ''], shell));
  assert.deepEqual([bad.code, bad.stdout], [2, '']);
});
