// The prompt hook and segment outside the refresh window, in bash, zsh and fish: the time
// per prompt and the processes spawned per prompt (budget: zero). One shell invocation runs
// N prompts with `awsx init SHELL` (from the bundle) sourced and a live session's variables
// set (42 minutes left), each prompt running the hook as the shell would (hookedShell.ts
// PROMPT) and reading the segment from $AWSX_PROMPT; the same shell runs the same loop
// with no hook, interleaved, and the difference over N is the hook's cost. The runtime
// dir (fish's clock file) is on a tmpfs, as $XDG_RUNTIME_DIR is. The processes come from
// `strace -f` between two marker `cd`s, as test/shell/spawnFree.test.ts counts them; a
// control run with `$(awsx_prompt)` in bash's prompt shows the count is real.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expiresIn, PROMPT, SHELL_ARGV, type RealShell } from '../test/helpers/hookedShell.ts';
import { findBinary, isolatedShellEnv } from '../test/helpers/realShell.ts';
import { timeInterleaved } from './commandTiming.ts';
import type { BenchRow } from './configScale.ts';
import type { Timing } from './measure.ts';
import { AWSX } from './world.ts';

const TRACED_PROMPTS = 200;
const PROFILE = 'bench';

interface Loop {
  readonly hook: boolean;
  /** The control: the segment through `$(awsx_prompt)`, a subshell at every prompt (bash). */
  readonly subshell?: boolean;
  readonly prompts: number;
  readonly init: string;
  readonly marks?: { readonly start: string; readonly end: string };
}

// The last prompt's text is checked, so a hook that did nothing cannot pass for a fast one.
function script(shell: RealShell, loop: Loop): string {
  const expected = loop.hook ? `[${PROFILE} 4` : '[]';
  const source = loop.hook ? `source '${loop.init}'` : '';
  const [start, end] = loop.marks ? [`cd '${loop.marks.start}'`, `cd '${loop.marks.end}'`] : ['', ''];
  if (shell === 'fish') {
    return `${source}
${start}
set -g __i 0
while test $__i -lt ${loop.prompts}
  set __i (math $__i + 1)
  ${PROMPT.fish}
  set -g __ps1 "[$AWSX_PROMPT] > "
end
${end}
string match -q -- '${expected}*' "$__ps1"; or exit 9
`;
  }
  return `${source}
${start}
__i=0
while (( __i++ < ${loop.prompts} )); do
  ${PROMPT[shell]}
  __ps1="[${loop.subshell ? '$(awsx_prompt)' : '\${AWSX_PROMPT-}'}] $ "
done
${end}
[[ $__ps1 == '${expected}'* ]] || exit 9
`;
}

const SPAWN = /\b(execve|clone3?|v?fork)\(/;

/** Process-creating syscalls (threads excluded) between the two marker `cd`s. */
function spawnsBetween(trace: string, start: string, end: string): string[] {
  const lines = trace.split('\n');
  // bash and zsh chdir() to the path; fish opens it and fchdir()s.
  const at = (path: string) => lines.findIndex((l) => /\b(chdir|openat)\(/.test(l) && l.includes(`"${path}"`));
  const [from, to] = [at(start), at(end)];
  if (from < 0 || to <= from) throw new Error('strace: the marker cds are not in the trace');
  return lines.slice(from + 1, to).filter((l) => SPAWN.test(l) && !l.includes('CLONE_THREAD'));
}

function countSpawns(shell: RealShell, dir: string, init: string, env: Record<string, string>, subshell = false): number {
  const marks = { start: join(dir, 'mark-start'), end: join(dir, 'mark-end') };
  mkdirSync(marks.start, { recursive: true });
  mkdirSync(marks.end, { recursive: true });
  const trace = join(dir, `trace.${shell}`);
  const argv = [...SHELL_ARGV[shell], script(shell, { hook: true, subshell, prompts: TRACED_PROMPTS, init, marks })];
  const r = spawnSync('strace', ['-f', '-qq', '-o', trace, '-e', 'trace=execve,clone,clone3,fork,vfork,chdir,openat', ...argv], { env, cwd: dir, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${shell} under strace exited ${r.status}: ${r.stderr}`);
  return spawnsBetween(readFileSync(trace, 'utf8'), marks.start, marks.end).length;
}

const us = (ms: number): string => `${(ms * 1000).toFixed(0)} µs`;
const perPrompt = (t: Timing, n: number): string => `${us(t.median / n)} (${us(t.min / n)}..${us(t.max / n)})`;

// fish runs fewer prompts a run: each costs it about ten times what it costs bash.
const CASES: readonly { shell: RealShell; prompts: number }[] = [
  { shell: 'bash', prompts: 2_000 },
  { shell: 'zsh', prompts: 2_000 },
  { shell: 'fish', prompts: 500 },
];

// A user's runtime dir is $XDG_RUNTIME_DIR/awsx, a tmpfs on Linux; fish's clock file is
// written there at every prompt.
const TMPFS = '/dev/shm';

export async function promptBench(runs = 7): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'awsx-bench-prompt-'));
  const shm = existsSync(TMPFS) ? mkdtempSync(join(TMPFS, 'awsx-bench-')) : dir;
  const rows: BenchRow[] = [];
  try {
    for (const c of CASES) {
      const what = `prompt hook + \`$AWSX_PROMPT\` outside the refresh window: ${c.shell}`;
      const missing = [c.shell, 'strace'].filter((b) => findBinary(b) === undefined);
      if (missing.length > 0) {
        rows.push({ what, result: `not measured: ${missing.join(', ')} not installed`, budget: '0 processes a prompt', met: false });
        continue;
      }
      const runtime = join(shm, `run-${c.shell}`);
      mkdirSync(runtime, { mode: 0o700 });
      // A live session as `awsx use` leaves it, 42 minutes left (the window is the last 15).
      const env = isolatedShellEnv(dir, { AWSX_RUNTIME_DIR: runtime, AWSX_PROFILE: PROFILE, AWS_CREDENTIAL_EXPIRATION: expiresIn(42 * 60 + 30) });
      // The script a user's rc file evals, from the bundle (fish's clock file in the runtime dir).
      const made = spawnSync(process.execPath, [AWSX, 'init', c.shell], { env, encoding: 'utf8' });
      if (made.status !== 0) throw new Error(`awsx init ${c.shell}: ${made.stderr}`);
      if (c.shell === 'fish' && !made.stdout.includes(join(runtime, 'shell-clock'))) throw new Error('awsx init fish: the clock file is not in the runtime dir');
      const init = join(runtime, `init.${c.shell}`);
      writeFileSync(init, made.stdout);
      const side = (hook: boolean) => ({ name: hook ? 'hook' : 'none', argv: [...SHELL_ARGV[c.shell], script(c.shell, { hook, prompts: c.prompts, init })], env });
      const t = await timeInterleaved([side(true), side(false)], runs, 1);
      const hook = t.get('hook')!;
      const none = t.get('none')!;
      const spawns = countSpawns(c.shell, runtime, init, env);
      rows.push({
        what: `${what} (${c.prompts} prompts a run)`,
        result: `+${us((hook.median - none.median) / c.prompts)} a prompt: ${perPrompt(hook, c.prompts)} vs ${perPrompt(none, c.prompts)} without the hook, ${runs} runs; ${spawns} processes in ${TRACED_PROMPTS} prompts`,
        budget: '0 processes a prompt',
        met: spawns === 0,
      });
      if (c.shell === 'bash') {
        // The count is real: the same prompts with the segment in a subshell fork each time.
        const forks = countSpawns(c.shell, runtime, init, env, true);
        rows.push({ what: 'control: bash with `$(awsx_prompt)` in the prompt instead', result: `${forks} processes in ${TRACED_PROMPTS} prompts`, budget: '(shows the count is real)', met: null });
        if (forks < TRACED_PROMPTS) throw new Error(`strace saw ${forks} forks for ${TRACED_PROMPTS} subshells`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(shm, { recursive: true, force: true });
  }
  return rows;
}
