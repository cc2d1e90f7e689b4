// `awsx pick --exec` on a terminal that goes away (a closed tmux pane, a killed session:
// the pty's master closes and its slave hangs up) ends, and does not spin on the dead
// terminal on the way: its CPU time, read from /proc/PID/stat while it lives, stays small.
// Each case waits for the screen it is about (the list, the MFA prompt, the command
// running) before the terminal goes.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { awsxArgv, awsxEnv, REPO_ROOT } from '../helpers/cli.ts';
import { privateRuntime } from '../helpers/daemon.ts';
import { findBinary } from '../helpers/realShell.ts';
import { startTmux, type Tmux } from '../helpers/tmux.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { waitFor } from '../helpers/waitFor.ts';
import { quotePosix } from '../../src/shell/quote.ts';

const CONFIG = [
  '[profile base]', 'region = eu-west-1', '',
  '[profile prod]', 'role_arn = arn:aws:iam::123456789012:role/Admin', 'source_profile = base', 'mfa_serial = arn:aws:iam::111111111111:mfa/alice', '',
].join('\n');
const CREDENTIALS = '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';
// A process that spins burns ~1000 ms of CPU a second; ending cleanly costs a few dozen.
const MAX_CPU_MS = 500;
const TICK_MS = 10; // USER_HZ is 100 on Linux

/** The process's state letter and CPU time, or undefined once it is gone. */
function procState(pid: number): { state: string; cpuMs: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0]!, cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS };
  } catch {
    return undefined;
  }
}

/**
 * A home with the two profiles, and a tmux pane running `script` (sh), given the CLI and a
 * file in the home to write pids to. The pane runs in the repository, where `--import tsx`
 * resolves when the CLI runs from source.
 */
async function paneWith(t: TestContext, script: (awsx: string, file: (name: string) => string) => string): Promise<{ tmux: Tmux; dir: string }> {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'aws'));
  writeFileSync(join(dir, 'aws', 'config'), CONFIG);
  writeFileSync(join(dir, 'aws', 'credentials'), CREDENTIALS);
  const env = awsxEnv({
    HOME: dir, XDG_CONFIG_HOME: join(dir, '.config'), LANG: 'C.UTF-8', NO_COLOR: undefined, FORCE_COLOR: undefined, CI: undefined,
    AWS_CONFIG_FILE: join(dir, 'aws', 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws', 'credentials'),
    ...privateRuntime(t).env,
  });
  const clean = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
  const awsx = awsxArgv([], true).map(quotePosix).join(' ');
  const file = (name: string): string => quotePosix(join(dir, name));
  return { tmux: await startTmux(t, { command: script(awsx, file), env: clean, cwd: REPO_ROOT, width: 100, height: 30 }), dir };
}

/** Reads the pid a pane script wrote to `file` in `dir`. */
async function pidIn(dir: string, file: string): Promise<number> {
  const path = join(dir, file);
  await waitFor(() => existsSync(path) && /^\d+\n$/.test(readFileSync(path, 'utf8')), `${file} to be written`, 30_000);
  return Number(readFileSync(path, 'utf8'));
}

/** Closes the terminal with `how`, then polls until every pid has ended (a zombie has); none may spin meanwhile. */
async function closeAndWatch(tmux: Tmux, how: 'kill-pane' | 'kill-session', pids: readonly number[]): Promise<void> {
  const screen = await tmux.screen();
  const before = new Map(pids.map((pid) => [pid, procState(pid)?.cpuMs ?? 0]));
  await tmux.command(how, '-t', 'awsx');
  const used = (pid: number): number => (procState(pid)?.cpuMs ?? before.get(pid)!) - before.get(pid)!;
  const seen = new Map<number, number>();
  await waitFor(() => {
    for (const pid of pids) {
      const s = procState(pid);
      if (s !== undefined) seen.set(pid, s.cpuMs - before.get(pid)!);
      assert.ok((seen.get(pid) ?? 0) < MAX_CPU_MS, `pid ${pid} used ${seen.get(pid)} ms of CPU after the terminal closed: it spins`);
    }
    return pids.every((pid) => procState(pid) === undefined || procState(pid)!.state === 'Z');
  }, () => `${pids.map((pid) => `pid ${pid} (${procState(pid)?.state ?? 'gone'}, ${used(pid)} ms of CPU since)`).join(', ')} to end after ${how}; the screen before:\n${screen}`, 20_000);
}

const ready = (t: TestContext): boolean => {
  const missing = ['tmux'].filter((b) => findBinary(b) === undefined);
  if (missing.length > 0) t.skip(`not installed: ${missing.join(', ')}`);
  return missing.length === 0;
};

test('the pane closes while the picker shows the list: the picker (leading the session) ends', { timeout: 90_000 }, async (t) => {
  if (!ready(t)) return;
  const { tmux, dir } = await paneWith(t, (awsx, file) => `echo $$ > ${file('pid')}; exec ${awsx} pick --exec -- true`);
  await tmux.waitFor(/pick a profile[\s\S]*2\/2/, 60_000);
  await closeAndWatch(tmux, 'kill-pane', [await pidIn(dir, 'pid')]);
});

test('the session is killed while the picker, run by a shell, asks for an MFA code: it ends', { timeout: 90_000 }, async (t) => {
  if (!ready(t)) return;
  const { tmux, dir } = await paneWith(t, (awsx, file) => `${awsx} pick --exec -- true & echo $! > ${file('pid')}; wait; echo "EXIT=$?"; sleep 600`);
  await tmux.waitFor(/pick a profile[\s\S]*2\/2/, 60_000);
  await tmux.keys('-l', 'prod');
  await tmux.waitFor(/^❯ ?prod *$/m, 30_000);
  await tmux.keys('Enter');
  await tmux.waitFor(/MFA code for prod/, 60_000);
  await closeAndWatch(tmux, 'kill-session', [await pidIn(dir, 'pid')]);
});

test('the session is killed while the picked command runs: awsx and the command end', { timeout: 90_000 }, async (t) => {
  if (!ready(t)) return;
  const { tmux, dir } = await paneWith(t, (awsx, file) => `echo $$ > ${file('pid')}; exec ${awsx} pick --exec -- sh -c ${quotePosix(`echo $$ > ${file('child')}; echo "RUNNING $AWSX_PROFILE"; exec sleep 600`)}`);
  await tmux.waitFor(/pick a profile[\s\S]*2\/2/, 60_000);
  await tmux.keys('-l', 'base');
  await tmux.waitFor(/^❯ ?base *$/m, 30_000);
  await tmux.keys('Enter');
  await tmux.waitFor(/^RUNNING base$/m, 60_000);
  await closeAndWatch(tmux, 'kill-session', [await pidIn(dir, 'pid'), await pidIn(dir, 'child')]);
});
