// The README's Quick start, run as written: its marked block is read from README.md (so
// the text and the test cannot drift) and typed, line by line, into an interactive bash in
// tmux, from a home with nothing in it, against moto. The questions awsx asks on the way
// (the secret key, the confirmation of the edit, the MFA code) are answered as a person
// would; every command must end with status 0, and the last one, the real AWS CLI, must
// answer as the role.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { awsxHome } from '../helpers/awsxHome.ts';
import { REPO_ROOT } from '../helpers/cli.ts';
import { startMoto, type Moto } from '../helpers/moto.ts';
import { findBinary } from '../helpers/realShell.ts';
import { startTmux, type Tmux } from '../helpers/tmux.ts';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
/** What awsx asks on the terminal during the Quick start, and what a person types. */
const ANSWERS: readonly (readonly [RegExp, string])[] = [
  [/^Secret access key for \S+:$/, SECRET],
  [/^Write these changes\? \[y\/N\]$/, 'y'],
  [/^MFA code for \S+:$/, '123456'],
];
/** The pane's prompt, with the last command's status. */
const PROMPT = /^QS\[(\d+)\]>$/;

/** The commands of the README's Quick start block: one entry per command, its lines as written. */
function quickStartCommands(readme: string): string[][] {
  const block = /<!-- quick-start\b[^>]*-->\s*```sh\n([\s\S]*?)\n```\s*<!-- \/quick-start -->/.exec(readme);
  assert.ok(block, 'README.md has no <!-- quick-start --> ... <!-- /quick-start --> block around a ```sh fence');
  const commands: string[][] = [];
  let current: string[] = [];
  for (const line of block[1]!.split('\n')) {
    current.push(line);
    if (!line.endsWith('\\')) {
      commands.push(current);
      current = [];
    }
  }
  return commands;
}

const lastLine = (screen: string): string => screen.split('\n').at(-1)!.trim();

/** Types one command on a cleared screen, answers awsx's questions, returns its status and screen. */
async function runCommand(tmux: Tmux, lines: readonly string[], screens: string[]): Promise<{ status: number; screen: string }> {
  await tmux.keys('C-l');
  await tmux.waitFor((s) => PROMPT.test(s.trim()));
  for (const line of lines) await tmux.line(line);
  for (;;) {
    const screen = await tmux.waitFor((s) => {
      const last = lastLine(s);
      return s.includes('\n') && (PROMPT.test(last) || ANSWERS.some(([question]) => question.test(last)));
    }, 60_000);
    screens.push(screen);
    const last = lastLine(screen);
    const done = PROMPT.exec(last);
    if (done) return { status: Number(done[1]), screen };
    const [question, answer] = ANSWERS.find(([q]) => q.test(last))!;
    await tmux.line(answer);
    await tmux.waitFor((s) => !question.test(lastLine(s)) || s.split('\n').length !== screen.split('\n').length);
  }
}

let moto: Moto | undefined;
before(async () => {
  if (findBinary('moto_server') !== undefined) moto = await startMoto();
});
after(() => moto?.stop());

test('the README Quick start works from an empty home: the AWS CLI answers as the role', async (t) => {
  const missing = ['bash', 'tmux', 'moto_server', 'aws'].filter((b) => findBinary(b) === undefined);
  if (missing.length > 0) return t.skip(`not installed: ${missing.join(', ')}`);
  const commands = quickStartCommands(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8'));
  assert.match(commands.at(-1)!.join('\n'), /^aws sts get-caller-identity$/, 'the Quick start ends with the AWS CLI proving the role');

  // The pane's awsx and aws find moto through AWS_ENDPOINT_URL_STS; nothing else is set up.
  const env = awsxHome(t, moto!.url);
  const tmux = await startTmux(t, { command: "PS1='QS[$?]> ' bash --noprofile --norc -i", env, cwd: env['HOME']!, width: 200, height: 50 });
  await tmux.waitFor((s) => PROMPT.test(lastLine(s)), 30_000);

  const screens: string[] = [];
  let last = '';
  for (const lines of commands) {
    const { status, screen } = await runCommand(tmux, lines, screens);
    assert.equal(status, 0, `${lines.join('\n')}\nended with status ${status}; the screen:\n${screen}`);
    last = screen;
  }
  assert.match(last, /"Arn": "arn:aws:sts::123456789012:assumed-role\/Admin\/[^"]+"/, `the AWS CLI did not answer as the role; the screen:\n${last}`);
  for (const screen of screens) assert.ok(!screen.includes(SECRET), `the secret key was echoed:\n${screen}`);
});
