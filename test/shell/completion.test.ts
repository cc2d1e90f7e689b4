// Completion of profile names: `awsx __complete profiles` against real config files, and the
// completion functions of bash, zsh and fish against a fake that lists hostile names too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND_WORDS } from '../../src/shell/shells/completionWords.ts';
import { runAwsx } from '../helpers/cli.ts';
import { fakeAwsx } from '../helpers/fakeAwsx.ts';
import { runHooked } from '../helpers/hookedShell.ts';
import { tempAwsFiles } from '../helpers/awsFiles.ts';
import { findBinary } from '../helpers/realShell.ts';

test('awsx __complete profiles: every profile of both files, sorted, one a line', async (t) => {
  const files = tempAwsFiles(t);
  mkdirSync(join(files.dir, 'aws'));
  writeFileSync(files.config, '[default]\nregion = eu-west-1\n[profile prod]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = default\n[profile a$(id)`id`b]\nregion = x\n[profile bad\x1b]0;t\x07]\nregion = x\n[sso-session s]\nsso_region = x\n');
  writeFileSync(files.credentials, '[default]\naws_access_key_id = AKIA\naws_secret_access_key = s\n[ci]\naws_access_key_id = AKIA\naws_secret_access_key = s\n');
  const r = await runAwsx(['__complete', 'profiles'], { env: files.env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'a$(id)`id`b\nci\ndefault\nprod\n');
});

test('the commands Tab offers are the commands awsx has', async () => {
  const help = await runAwsx(['--help']);
  const listed = [...help.stdout.matchAll(/^ {2}(\S+) /gm)].map((m) => m[1]!).filter((n) => !n.startsWith('__'));
  assert.deepEqual([...COMMAND_WORDS].sort(), listed.sort());
});

const NAMES = 'prod\nprod-eu\nstaging\n$(touch PWNED)\nwith space\n';

test('bash: profile names after use, env, …, and after profile show; quoted for the line', async (t) => {
  if (findBinary('bash') === undefined) return t.skip('bash is not installed');
  const fake = fakeAwsx(t);
  fake.respond('__complete', { stdout: NAMES });
  const complete = (words: string[]): string =>
    `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; __awsx_complete; printf '%s\\n' "\${COMPREPLY[@]}"; echo --`;
  const script = [
    complete(['awsx', 'use', 'pro']),
    complete(['awsx', 'profile', 'show', '']),
    complete(['awsx', 'exec', 'prod', '']),
    complete(['awsx', 'se']),
    complete(['awsx', 'profile', 'ex']),
    complete(['awsx', 'whoami', '$']),
    complete(['awsx', 'forget', 'w']),
  ].join('\n');
  const run = await runHooked(t, 'bash', script, { bin: [fake.bin] });
  assert.equal(run.stderr, '');
  const blocks = run.stdout.split('--\n').map((b) => b.trim().split('\n').filter(Boolean));
  assert.deepEqual(blocks.slice(0, 7), [
    ['prod', 'prod-eu'],
    ['prod', 'prod-eu', 'staging', '\\$\\(touch\\ PWNED\\)', 'with\\ space'],
    [],
    ['sessions'],
    ['explain'],
    ['\\$\\(touch\\ PWNED\\)'],
    ['with\\ space'],
  ]);
  assert.equal(existsSync(join(run.cwd, 'PWNED')), false);
});

test('zsh: the completion function offers the names to compadd', async (t) => {
  if (findBinary('zsh') === undefined) return t.skip('zsh is not installed');
  const fake = fakeAwsx(t);
  fake.respond('__complete', { stdout: NAMES });
  // compadd is compsys's builtin; a stand-in prints what it was given.
  const script = [
    'function compadd { if [[ $1 == -a ]]; then print -rl -- ${(P)2}; else shift; print -rl -- "$@"; fi; print -- --; }',
    'words=(awsx use ""); CURRENT=3; __awsx_complete',
    'words=(awsx profile remove ""); CURRENT=4; __awsx_complete',
    'words=(awsx ""); CURRENT=2; __awsx_complete',
    'words=(awsx sessions ""); CURRENT=3; __awsx_complete; print -- --',
  ].join('\n');
  const run = await runHooked(t, 'zsh', script, { bin: [fake.bin] });
  const blocks = run.stdout.split('--\n').map((b) => b.trim().split('\n').filter(Boolean));
  const names = NAMES.trim().split('\n');
  assert.deepEqual(blocks.slice(0, 4), [names, names, ['use', 'clear', 'env', 'exec', 'console', 'credential-process', 'sessions', 'forget', 'whoami', 'pick', 'profile', 'prompt', 'init', 'daemon', 'lock', 'unlock'], []]);
  assert.equal(existsSync(join(run.cwd, 'PWNED')), false);
});

test('fish: complete -C offers profile names where one belongs', async (t) => {
  if (findBinary('fish') === undefined) return t.skip('fish is not installed');
  const fake = fakeAwsx(t);
  fake.respond('__complete', { stdout: NAMES });
  const script = ["complete -C'awsx use pr'", 'echo ==', "complete -C'awsx profile set st'", 'echo ==', "complete -C'awsx exec prod '", 'echo ==', "complete -C'awsx profile e'"].join('\n');
  const run = await runHooked(t, 'fish', script, { bin: [fake.bin] });
  const blocks = run.stdout.split('==\n').map((b) => b.trim().split('\n').filter(Boolean).map((l) => l.split('\t')[0]));
  assert.deepEqual(blocks, [['prod', 'prod-eu'], ['staging'], [], ['explain']]);
});
