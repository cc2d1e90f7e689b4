// A real terminal for end-to-end tests: a tmux server on a private socket in a temp dir
// (never the user's), one detached session running the given command, keys sent with
// send-keys and the screen read with capture-pane. The server is killed when the test ends.
// A key is sent only once the screen shows the state that key is meant for (waitFor after
// each step): a program that has not taken the previous keys yet would read the next ones
// with them (Esc and a letter make Alt-letter; Ctrl-U and text one paste).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';

export interface TmuxOptions {
  /** The pane's command line, run by tmux through /bin/sh -c. */
  readonly command: string;
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  readonly width?: number;
  readonly height?: number;
}

export interface Tmux {
  /** Sends keys as tmux names them (`Enter`, `C-c`) or literal text with `literal`. */
  keys(...keys: string[]): Promise<void>;
  /** Types a line of text and presses Enter. */
  line(text: string): Promise<void>;
  /** The visible screen, lines joined with \n, trailing blanks trimmed. */
  screen(): Promise<string>;
  /** Polls the screen until `test` passes; fails with the last screen after `timeoutMs`. */
  waitFor(test: RegExp | ((screen: string) => boolean), timeoutMs?: number): Promise<string>;
  /** Whether the session (its command) is still running. */
  isAlive(): Promise<boolean>;
  /** Runs a tmux command on this server (`kill-pane`, `display-message -p ...`); its stdout. */
  command(...args: string[]): Promise<string>;
}

function run(args: readonly string[], env: Readonly<Record<string, string>>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('tmux', args, { env, timeout: 10_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

export async function startTmux(t: TestContext, options: TmuxOptions): Promise<Tmux> {
  // Our own dir, not tempDir(): after-hooks run in the order they were added, and the
  // server must be killed through its socket before the socket's directory goes.
  const dir = mkdtempSync(join(tmpdir(), 'awsx-tmux-'));
  const socket = join(dir, 'tmux.sock');
  // The server inherits this environment, and the pane inherits the server's.
  const env = { ...options.env, TERM: 'xterm-256color' };
  const base = ['-S', socket, '-f', '/dev/null'];
  t.after(async () => {
    await run([...base, 'kill-server'], env);
    rmSync(dir, { recursive: true, force: true });
  });
  const started = await run([...base, 'new-session', '-d', '-s', 'awsx', '-x', String(options.width ?? 120), '-y', String(options.height ?? 40), '-c', options.cwd, options.command], env);
  if (started.code !== 0) throw new Error(`tmux new-session failed: ${started.stderr}`);
  const tmux = async (...args: string[]): Promise<string> => {
    const r = await run([...base, ...args], env);
    if (r.code !== 0) throw new Error(`tmux ${args[0]} failed: ${r.stderr}`);
    return r.stdout;
  };
  const screen = async (): Promise<string> => (await tmux('capture-pane', '-p', '-t', 'awsx')).replace(/\s+$/, '');
  return {
    keys: async (...keys) => {
      await tmux('send-keys', '-t', 'awsx', ...keys);
    },
    line: async (text) => {
      await tmux('send-keys', '-t', 'awsx', '-l', text);
      await tmux('send-keys', '-t', 'awsx', 'Enter');
    },
    screen,
    waitFor: async (test, timeoutMs = 15_000) => {
      const matches = typeof test === 'function' ? test : (s: string) => test.test(s);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const current = await screen().catch(() => '');
        if (matches(current)) return current;
        if (Date.now() > deadline) throw new Error(`tmux: timed out waiting for ${String(test)}; the screen:\n${current}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    isAlive: async () => (await run([...base, 'has-session', '-t', 'awsx'], env)).code === 0,
    command: tmux,
  };
}
