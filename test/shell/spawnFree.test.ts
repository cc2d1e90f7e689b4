// The performance budget "prompt segment: zero processes spawned per prompt", measured:
// an interactive bash, zsh and fish in tmux under `strace -f`, with the hook installed, a
// profile active (outside the refresh window) and the segment in the prompt, gets Enter
// 200 times. Between two marker `cd`s the trace must hold no fork, vfork, clone (other
// than a thread) or execve. A prompt with `$(awsx_prompt)` shows the count is real.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeAwsx } from '../helpers/fakeAwsx.ts';
import { expiresIn, writeInit, type RealShell } from '../helpers/hookedShell.ts';
import { startTmux } from '../helpers/tmux.ts';
import { findBinary, isolatedShellEnv } from '../helpers/realShell.ts';
import { waitFor } from '../helpers/waitFor.ts';

const PROMPTS = 200;

interface Setup {
  /** The pane command after `strace … `. */
  readonly argv: string;
  readonly env?: Record<string, string>;
}

// Each prompt shows a counter (`[n]`) and the segment; the counter is shell arithmetic.
function setupFor(shell: RealShell, dir: string, init: string, prompt: 'variable' | 'subshell'): Setup {
  if (shell === 'bash') {
    const segment = prompt === 'variable' ? '${AWSX_PROMPT}' : '$(awsx_prompt)';
    writeFileSync(join(dir, 'rc'), `PROMPT_COMMAND='__n=$((__n+1))'\nsource '${init}'\nPS1='[$__n] ${segment} $ '\n`);
    return { argv: `bash --noprofile --rcfile '${join(dir, 'rc')}' -i` };
  }
  if (shell === 'zsh') {
    writeFileSync(join(dir, '.zshrc'), `function __count { (( __n++ )) }\nprecmd_functions=(__count)\nsetopt PROMPT_SUBST\nsource '${init}'\nPROMPT='[$__n] \${AWSX_PROMPT} %# '\n`);
    return { argv: 'zsh -d -i', env: { ZDOTDIR: dir } };
  }
  // fish runs command substitutions of functions in-process: `(awsx_prompt)` is the segment.
  writeFileSync(join(dir, 'rc.fish'), `source '${init}'\nset -g __n 0\nfunction fish_prompt; set -g __n (math $__n + 1); printf '[%s] %s > ' $__n (awsx_prompt); end\n`);
  return { argv: `fish --no-config -i -C 'source ${join(dir, 'rc.fish')}'` };
}

const SPAWN = /\b(execve|clone3?|v?fork)\(/;

/** Process-creating syscalls in the trace between the two marker `cd`s (threads excluded). */
function between(trace: string, start: string, end: string): string[] {
  const lines = trace.split('\n');
  // bash and zsh chdir() to the path; fish opens it and fchdir()s.
  const from = lines.findIndex((l) => l.includes(`"${start}"`));
  const to = lines.findIndex((l) => l.includes(`"${end}"`));
  assert.ok(from >= 0 && to > from, 'the markers are in the trace');
  return lines.slice(from + 1, to);
}

const isSpawn = (line: string): boolean => SPAWN.test(line) && !line.includes('CLONE_THREAD');

async function countSpawns(t: TestContext, shell: RealShell, prompt: 'variable' | 'subshell'): Promise<{ spawns: string[]; traced: string[]; screen: string }> {
  const fake = fakeAwsx(t);
  const { dir, init } = writeInit(t, shell, [fake.bin]);
  const [start, end] = [join(dir, 'mark-start'), join(dir, 'mark-end')];
  mkdirSync(start);
  mkdirSync(end);
  const trace = join(dir, 'trace');
  const setup = setupFor(shell, dir, init, prompt);
  const env = isolatedShellEnv(dir, { LANG: 'C.UTF-8', AWSX_PROFILE: 'prod', AWS_CREDENTIAL_EXPIRATION: expiresIn(42 * 60 + 30), ...setup.env });
  const tmux = await startTmux(t, { command: `strace -f -qq -o '${trace}' -e trace=execve,clone,clone3,fork,vfork,chdir,openat ${setup.argv}`, env, cwd: dir });
  const counter = (screen: string): number => Math.max(0, ...[...screen.matchAll(/\[(\d+)\] prod 4[12]m/g)].map((m) => Number(m[1])));
  await tmux.waitFor((s) => counter(s) > 0, 30_000);
  await tmux.line(`cd '${start}'`);
  const base = counter(await tmux.waitFor((s) => counter(s) > 1, 30_000));
  await tmux.keys(...Array.from({ length: PROMPTS }, () => 'Enter'));
  await tmux.waitFor((s) => counter(s) >= base + PROMPTS, 60_000);
  await tmux.line(`cd '${end}'`);
  await tmux.waitFor((s) => counter(s) >= base + PROMPTS + 1, 30_000);
  const screen = await tmux.screen();
  await tmux.line('exit');
  // strace has written the whole trace once the shell (and with it the session) has ended.
  await waitFor(async () => !(await tmux.isAlive()), `${shell} to exit; the screen:\n${screen}`, 30_000);
  assert.deepEqual(fake.calls(), [], 'outside the window the hook never starts awsx');
  const traced = between(readFileSync(trace, 'utf8'), start, end);
  return { spawns: traced.filter(isSpawn), traced, screen };
}

const ready = (t: TestContext, shell: RealShell): boolean => {
  const missing = [shell, 'tmux', 'strace'].filter((b) => findBinary(b) === undefined);
  if (missing.length > 0) t.skip(`not installed: ${missing.join(', ')}`);
  return missing.length === 0;
};

for (const shell of ['bash', 'zsh', 'fish'] as const) {
  test(`${shell}: ${PROMPTS} prompts with the hook and the segment spawn no process`, async (t) => {
    if (!ready(t, shell)) return;
    const { spawns, traced, screen } = await countSpawns(t, shell, 'variable');
    assert.match(screen, /prod 4[12]m/);
    assert.deepEqual(spawns, []);
    if (shell === 'fish') {
      // fish's clock is a write and an mtime read of its clock file: it ran at every prompt.
      const writes = traced.filter((l) => l.includes('shell-clock"') && l.includes('O_WRONLY')).length;
      assert.ok(writes >= PROMPTS, `${writes} clock writes`);
    }
  });
}

test(`bash: the count is real: $(awsx_prompt) in PS1 forks at every prompt`, async (t) => {
  if (!ready(t, 'bash')) return;
  const { spawns } = await countSpawns(t, 'bash', 'subshell');
  assert.ok(spawns.length >= PROMPTS, `${spawns.length} spawns`);
});
