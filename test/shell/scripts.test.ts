// The hook scripts are real shell files (src/shell/scripts/): each parses in its shell as
// it stands in the repository and as `awsx init` fills it, and the bash script passes
// shellcheck. pwsh is not installed here; its script is held to its golden file only.
// The bundle carries the scripts as text: built away from the source, it prints the same.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
// @ts-expect-error: a plain .mjs build script, without type declarations
import { buildBundle } from '../../scripts/build.mjs';
import { fillScript } from '../../src/shell/scripts/fill.ts';
import { renderInit, SHELL_NAMES } from '../../src/shell/shells/index.ts';
import { REPO_ROOT } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tempDir.ts';

const SCRIPTS = join(REPO_ROOT, 'src', 'shell', 'scripts');

// `-n`: read and parse, run nothing (fish: --no-execute).
const PARSE: Readonly<Record<string, readonly string[]>> = {
  bash: ['bash', '-n'],
  zsh: ['zsh', '-n'],
  fish: ['fish', '--no-execute'],
};

// Which shells read each file in the folder; posix.sh is the body of both bash and zsh.
const READERS: Readonly<Record<string, readonly string[]>> = {
  'posix.sh': ['bash', 'zsh'],
  'bash.bash': ['bash'],
  'zsh.zsh': ['zsh'],
  'fish.fish': ['fish'],
  'fish-clock.fish': ['fish'],
  'pwsh.ps1': [],
};

function check(argv: readonly string[], file: string): void {
  const r = spawnSync(argv[0]!, [...argv.slice(1), file], { encoding: 'utf8' });
  assert.equal(r.error, undefined, `${argv[0]}: ${String(r.error)}`);
  assert.equal(r.status, 0, `${argv.join(' ')} ${file}:\n${r.stdout}${r.stderr}`);
}

test('every file in src/shell/scripts is known here', () => {
  const files = readdirSync(SCRIPTS).filter((f) => !f.endsWith('.ts')).sort();
  assert.deepEqual(files, Object.keys(READERS).sort());
});

for (const [file, shells] of Object.entries(READERS)) {
  for (const shell of shells) {
    test(`${file} parses in ${shell} as it is`, () => check(PARSE[shell]!, join(SCRIPTS, file)));
  }
}

const CONTEXTS = [
  { label: 'with a clock file', context: { bin: ['/usr/bin/node', "/opt/it's awsx/dist/awsx.js"], clockFile: '/run/user/1000/awsx/shell-clock' } },
  { label: 'without', context: { bin: ['/opt/awsx/bin/awsx'] } },
] as const;

for (const shell of ['bash', 'zsh', 'fish'] as const) {
  for (const { label, context } of CONTEXTS) {
    test(`awsx init ${shell} (${label}) parses in ${shell}`, (t) => {
      const file = join(tempDir(t), `init.${shell}`);
      writeFileSync(file, renderInit(shell, context));
      check(PARSE[shell]!, file);
    });
  }
}

// Excluded, each on purpose: SC1007 `__awsx_failed= AWSX_PROMPT=` is two empty
// assignments; SC2178/SC2128 the string branch of the PROMPT_COMMAND install runs only
// when PROMPT_COMMAND is not an array.
test('awsx init bash passes shellcheck', (t) => {
  const file = join(tempDir(t), 'init.bash');
  writeFileSync(file, renderInit('bash', CONTEXTS[0].context));
  check(['shellcheck', '--shell=bash', '--severity=style', '--exclude=SC1007,SC2178,SC2128'], file);
});

test('fillScript: line tokens take the line, inline tokens are replaced, notes are dropped', () => {
  const filled = fillScript('fish-clock.fish', { CLOCK_FILE: "'/f'", DATE_CLOCK: 'a\nb' });
  assert.doesNotMatch(filled, /__AWSX_|^\s*##/m);
  assert.match(filled, /path mtime '\/f'\)/);
  assert.match(filled, /^else\n {4}a\n {4}b\nend\n$/m);
  assert.throws(() => fillScript('fish-clock.fish', { CLOCK_FILE: "'/f'" }), /fish-clock\.fish: no value for __AWSX_DATE_CLOCK__/);
});

test('the bundle prints the same scripts with no source beside it', async (t) => {
  const dir = tempDir(t);
  await buildBundle(join(dir, 'dist'));
  const env = { PATH: process.env['PATH'], AWSX_BIN: '/opt/awsx/bin/awsx', AWSX_RUNTIME_DIR: join(dir, 'run') };
  for (const shell of SHELL_NAMES) {
    const r = spawnSync(process.execPath, [join(dir, 'dist', 'awsx.js'), 'init', shell], { env, encoding: 'utf8' });
    assert.equal(r.status, 0, `${shell}: ${r.stderr}`);
    const clockFile = shell === 'fish' ? join(dir, 'run', 'shell-clock') : undefined;
    assert.equal(r.stdout, renderInit(shell, { bin: ['/opt/awsx/bin/awsx'], clockFile }), shell);
  }
});
