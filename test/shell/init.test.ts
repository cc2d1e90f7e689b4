// `awsx init SHELL`: the exact script per shell (golden files under test/fixtures/shell/;
// regenerate with AWSX_UPDATE_GOLDEN=1 and review the diff), and the command around it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveAwsxCommand } from '../../src/shell/awsxCommand.ts';
import { renderInit, SHELL_NAMES } from '../../src/shell/shells/index.ts';
import { REPO_ROOT, runAwsx } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tempDir.ts';

// A path with a quote and a space: each shell must quote it as one word.
const CONTEXT = { bin: ['/usr/bin/node', "/opt/it's awsx/dist/awsx.js"], clockFile: '/run/user/1000/awsx/shell-clock' };

for (const shell of SHELL_NAMES) {
  test(`init ${shell}: exact output`, () => {
    const golden = join(REPO_ROOT, 'test', 'fixtures', 'shell', `init.${shell}`);
    const actual = renderInit(shell, CONTEXT);
    if (process.env['AWSX_UPDATE_GOLDEN'] === '1') writeFileSync(golden, actual);
    assert.equal(actual, readFileSync(golden, 'utf8'));
  });
}

test('init: the binary is quoted once per family', () => {
  assert.match(renderInit('bash', CONTEXT), /^function __awsx_run \{ '\/usr\/bin\/node' '\/opt\/it'\\''s awsx\/dist\/awsx\.js' "\$@"; \}$/m);
  assert.match(renderInit('fish', CONTEXT), /^ {4}'\/usr\/bin\/node' '\/opt\/it\\'s awsx\/dist\/awsx\.js' \$argv$/m);
  assert.match(renderInit('pwsh', CONTEXT), /& '\/usr\/bin\/node' '\/opt\/it''s awsx\/dist\/awsx\.js' @args/);
});

test('init fish without a private directory falls back to date', () => {
  const script = renderInit('fish', { bin: ['/bin/awsx'] });
  assert.match(script, /^function __awsx_clock; set -g __awsx_now \(date \+%s\); end$/m);
  assert.doesNotMatch(script, /path mtime/);
});

test('resolveAwsxCommand: AWSX_BIN, else node and the real path of the script', (t) => {
  const dir = tempDir(t);
  const script = join(dir, 'awsx.js');
  writeFileSync(script, '');
  symlinkSync(script, join(dir, 'link'));
  assert.deepEqual(resolveAwsxCommand({ env: {}, execPath: '/n/node', script: join(dir, 'link') }), ['/n/node', script]);
  assert.deepEqual(resolveAwsxCommand({ env: { AWSX_BIN: '/x/awsx' }, execPath: '/n/node', script }), ['/x/awsx']);
  assert.throws(() => resolveAwsxCommand({ env: { AWSX_BIN: 'awsx' }, execPath: '/n/node', script }), /not an absolute path/);
  const ts = join(dir, 'main.ts');
  writeFileSync(ts, '');
  assert.throws(() => resolveAwsxCommand({ env: {}, execPath: '/n/node', script: ts }), /TypeScript source/);
});

test('awsx init: the command', async (t) => {
  const dir = tempDir(t);
  const runtime = join(dir, 'run');
  const env = { AWSX_BIN: '/opt/awsx/bin/awsx', AWSX_RUNTIME_DIR: runtime };

  await t.test('bash prints the script for AWSX_BIN', async () => {
    const r = await runAwsx(['init', 'bash'], { env });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, renderInit('bash', { bin: ['/opt/awsx/bin/awsx'] }));
  });
  await t.test('fish gets a clock file in a private runtime directory', async () => {
    const r = await runAwsx(['init', 'fish'], { env });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, renderInit('fish', { bin: ['/opt/awsx/bin/awsx'], clockFile: join(runtime, 'shell-clock') }));
    assert.equal(statSync(runtime).mode & 0o777, 0o700);
  });
  await t.test('fish with an unsafe runtime directory still prints a working script', async () => {
    const open = join(dir, 'open');
    mkdirSync(open, { mode: 0o777 });
    const r = await runAwsx(['init', 'fish'], { env: { ...env, AWSX_RUNTIME_DIR: open } });
    assert.equal(r.stdout, renderInit('fish', { bin: ['/opt/awsx/bin/awsx'] }));
  });
  await t.test('refuses a missing or unknown shell', async () => {
    for (const args of [['init'], ['init', 'tcsh'], ['init', 'bash', 'zsh']]) {
      const r = await runAwsx(args, { env });
      assert.deepEqual([r.code, r.stdout], [2, ''], args.join(' '));
      assert.match(r.stderr, /bash, zsh, fish, pwsh/);
    }
  });
  await t.test('from TypeScript source without AWSX_BIN it says how to fix that', async () => {
    const r = await runAwsx(['init', 'zsh'], { env: { AWSX_RUNTIME_DIR: runtime } });
    assert.deepEqual([r.code, r.stdout], [1, '']);
    assert.match(r.stderr, /AWSX_BIN/);
  });
});
