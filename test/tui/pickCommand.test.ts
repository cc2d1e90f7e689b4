// `awsx pick` as a process: its options, no terminal, Esc and Ctrl-C on a real
// pseudo-terminal (nothing on stdout, exit 1 or 130), NO_COLOR, and --exec. The picker
// itself is tested in picker.test.tsx; the whole flow with `awsx init` in e2e.test.ts.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { awsxArgv, awsxEnv, runAwsx, REPO_ROOT } from '../helpers/cli.ts';
import { privateRuntime } from '../helpers/daemon.ts';
import { runInPty } from '../helpers/pty.ts';
import { quotePosix } from '../../src/shell/quote.ts';
import { tempDir } from '../helpers/tempDir.ts';

const CONFIG = '[profile base]\nregion = eu-west-1\n[profile prod]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = base\n';
const CREDENTIALS = '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';

function world(t: TestContext): { dir: string; env: Record<string, string | undefined> } {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'aws'));
  writeFileSync(join(dir, 'aws', 'config'), CONFIG);
  writeFileSync(join(dir, 'aws', 'credentials'), CREDENTIALS);
  const env = awsxEnv({
    HOME: dir, XDG_CONFIG_HOME: join(dir, '.config'), TERM: 'xterm-256color', NO_COLOR: undefined, FORCE_COLOR: undefined, CI: undefined,
    AWS_CONFIG_FILE: join(dir, 'aws', 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws', 'credentials'),
    ...privateRuntime(t).env,
  });
  return { dir, env };
}

/** Runs `awsx pick ARGS > out` on a pseudo-terminal, answering its screens; stdout and the status come back separately. */
async function pickInPty(t: TestContext, args: string[], answers: { after: string; send: string }[], extraEnv: Record<string, string> = {}) {
  const { dir, env } = world(t);
  const out = join(dir, 'out');
  const script = `${awsxArgv(['pick', ...args]).map(quotePosix).join(' ')} > ${quotePosix(out)}; echo "STATUS=$?"`;
  const run = await runInPty(['sh', '-c', script], { env: { ...env, ...extraEnv }, cwd: REPO_ROOT, answers, timeoutSeconds: 30 });
  return { screen: run.screen, stdout: readFileSync(out, 'utf8'), status: /STATUS=(\d+)/.exec(run.screen)?.[1] };
}

test('--help, and every misuse is refused before the terminal is touched', async () => {
  const help = await runAwsx(['pick', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: awsx pick/);
  for (const [args, message] of [
    [['--print', '--exec', '--', 'ls'], /--print or --exec, not both/],
    [['--exec'], /--exec needs a command after --/],
    [['--', 'ls'], /a command after -- needs --exec/],
    [['--shell', 'tcsh', '--print'], /unknown shell "tcsh"/],
    [['a', 'b', '--print'], /at most one query/],
  ] as const) {
    const r = await runAwsx(['pick', ...args]);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, message);
  }
});

test('without a terminal it says so, prints nothing and fails', async (t) => {
  const { env } = world(t);
  const [node, ...rest] = awsxArgv(['pick', '--print']);
  // A new session has no controlling terminal: /dev/tty cannot be opened.
  const child = spawn(node!, rest, { env, cwd: REPO_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.match(stderr, /cannot open the terminal \(\/dev\/tty\)/);
  assert.match(stderr, /fix: /);
});

test('Esc prints nothing and exits 1; Ctrl-C exits 130', { timeout: 90_000 }, async (t) => {
  const esc = await pickInPty(t, ['--print'], [{ after: 'pick a profile', send: '\x1b' }]);
  assert.deepEqual([esc.status, esc.stdout], ['1', '']);
  // A key first: once it filters the list, the terminal is in raw mode and Ctrl-C is a key, not SIGINT.
  const ctrlC = await pickInPty(t, ['--print'], [{ after: 'pick a profile', send: 'p' }, { after: '1/2', send: '\x03' }]);
  assert.deepEqual([ctrlC.status, ctrlC.stdout], ['130', '']);
});

const SGR = /\x1b\[[\d;]*m/;

test('colours on a colour terminal, none with NO_COLOR', { timeout: 90_000 }, async (t) => {
  const coloured = await pickInPty(t, ['--print'], [{ after: 'pick a profile', send: '\x1b' }]);
  assert.match(coloured.screen, SGR);
  const plain = await pickInPty(t, ['--print'], [{ after: 'pick a profile', send: '\x1b' }], { NO_COLOR: '1' });
  assert.match(plain.screen, /pick a profile/);
  assert.doesNotMatch(plain.screen, SGR);
});

test('--exec runs the command with the picked session and exits with its status', { timeout: 90_000 }, async (t) => {
  // Keys typed before the picker is in raw mode would be read as a line: type, see it filter, then Enter.
  const r = await pickInPty(t, ['--exec', '--', 'sh', '-c', 'echo "GOT=$AWSX_PROFILE:$AWS_ACCESS_KEY_ID:$AWS_REGION" >&2; exit 7'],
    [{ after: 'pick a profile', send: 'bas' }, { after: '1/2', send: '\r' }]);
  assert.match(r.screen, /GOT=base:AKIAIOSFODNN7EXAMPLE:eu-west-1/);
  assert.equal(r.status, '7');
  assert.equal(r.stdout, '');
});
