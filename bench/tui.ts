// The picker with 10,000 profiles (budgets: < 16 ms a keystroke, < 300 ms to the first
// frame, DESIGN.md): the reducer's time per typed character over realistic queries; the
// first frame of the whole App as ink-testing-library renders it; and, when the bundle is
// built, `awsx pick` itself on a pseudo-terminal, from exec to the first frame.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildProfileSet } from '../src/core/config/profiles.ts';
import { summarizeProfile, type ProfileSummary } from '../src/core/config/summary.ts';
import { parseIni } from '../src/core/ini/parse.ts';
import type { DaemonBackend, ProfileWriter } from '../src/tui/backend.ts';
import { createPickerState, pickerReducer } from '../src/tui/picker/state.ts';
import type { BenchRow } from './configScale.ts';
import { generateConfig } from './generateConfig.ts';
import { fmt, measure, type Timing } from './measure.ts';

/** What people type: part of a name, of an account id, a role, a region, words of a name. */
const QUERIES = ['team-42-acct', '1000000071', 'role3', 'euwest', 'acct 99', 'tm4ac12'];
const ROUNDS = 5;
const AWSX = fileURLToPath(new URL('../dist/awsx.js', import.meta.url));

function timing(times: number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted[sorted.length - 1]!, runs: sorted.length };
}

/** Every keystroke of every query, typed from an empty query each time. */
function keystrokes(list: readonly ProfileSummary[]): Timing {
  const times: number[] = [];
  const fresh = createPickerState({ profiles: list, pageSize: 18 });
  for (let round = 0; round <= ROUNDS; round++) {
    for (const query of QUERIES) {
      let state = fresh;
      for (const ch of query) {
        const start = process.hrtime.bigint();
        state = pickerReducer(state, { type: 'insert', text: ch });
        // Round 0 warms the JIT and is not counted.
        if (round > 0) times.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    }
  }
  return timing(times);
}

const daemon: DaemonBackend = { resolve: async () => ({ kind: 'error', error: { code: 'x', message: 'x' } }), openConsole: async () => ({ kind: 'error', error: { code: 'x', message: 'x' } }), sessions: async () => [], forget: async () => 0 };
const writer: ProfileWriter = { preview: () => ({ ok: true, diff: '' }), write: async () => ({ ok: false, error: { code: 'x', message: 'x' } }) };

/** From creating the App (which ranks every profile) to its first frame, with React's production build as `awsx pick` loads it. */
async function firstFrame(list: readonly ProfileSummary[]): Promise<Timing> {
  process.env.NODE_ENV ??= 'production';
  const [{ createElement }, { render }, { App }] = await Promise.all([import('react'), import('ink-testing-library'), import('../src/tui/app/view.tsx')]);
  return measure(9, () => {
    const ui = render(createElement(App, { profiles: list, history: [], daemon, writer, onDone: () => undefined, pollMs: 60_000 }));
    const frame = ui.lastFrame() ?? '';
    ui.unmount();
    if (!/^awsx · pick a profile +\d+\/\d+/.test(frame)) throw new Error(`the first frame did not show the list: ${frame.slice(0, 200)}`);
  });
}

// Forks `argv` on a pseudo-terminal, times exec to the first appearance of the marker,
// then presses Esc and reaps it. Prints the milliseconds.
const PTY_DRIVER = String.raw`
import os, pty, select, sys, time
argv, marker = sys.argv[1:-1], sys.argv[-1].encode()
start = time.monotonic()
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
out, found = b'', None
while found is None:
    r, _, _ = select.select([fd], [], [], 20)
    if not r:
        break
    out += os.read(fd, 65536)
    if marker in out:
        found = (time.monotonic() - start) * 1000
time.sleep(0.2)
os.write(fd, b'\x1b')
while True:
    try:
        if not os.read(fd, 65536):
            break
    except OSError:
        break
os.waitpid(pid, 0)
print(found if found is not None else -1)
`;

/** `awsx pick --print` (the bundle) on a terminal with 10,000 profiles: exec to first frame. */
function commandFirstFrame(awsx: string, config: string, credentials: string): Timing | undefined {
  if (!existsSync(awsx)) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'awsx-bench-tui-'));
  try {
    writeFileSync(join(dir, 'config'), config);
    writeFileSync(join(dir, 'credentials'), credentials);
    const env = {
      PATH: process.env.PATH, HOME: dir, TERM: 'xterm-256color', XDG_CONFIG_HOME: join(dir, '.config'), AWSX_RUNTIME_DIR: join(dir, 'run'),
      AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    };
    const once = (): number => {
      const r = spawnSync('python3', ['-c', PTY_DRIVER, process.execPath, awsx, 'pick', '--print', 'pick a profile'], { env, encoding: 'utf8', timeout: 60_000 });
      const ms = Number(r.stdout.trim());
      if (r.status !== 0 || !(ms > 0)) throw new Error(`awsx pick did not draw its first frame: ${r.stderr}`);
      return ms;
    };
    once(); // warm-up: page cache, conf's first file
    return timing(Array.from({ length: 7 }, once));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `awsx`: the bundle to time (default dist/awsx.js, as `npm run build` makes it). */
export async function tuiBench(awsx = AWSX): Promise<BenchRow[]> {
  const { config, credentials } = generateConfig(10_000);
  let list: ProfileSummary[] = [];
  const load = measure(9, () => {
    const set = buildProfileSet({ config: 'config', credentials: 'credentials' }, parseIni(config, 'config'), parseIni(credentials, 'credentials'));
    list = [...set.profiles.values()].map(summarizeProfile).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  });
  const typed = keystrokes(list);
  const frame = await firstFrame(list);
  const command = commandFirstFrame(awsx, config, credentials);
  return [
    { what: `picker: filter 10,000 profiles, per keystroke (${typed.runs} keystrokes of ${QUERIES.length} queries)`, result: fmt(typed), budget: '< 16 ms', met: typed.median < 16 },
    { what: 'picker: read, summarize and sort 10,000 profiles', result: fmt(load), budget: '(part of the first frame)', met: true },
    { what: 'picker: first frame with 10,000 profiles (App render to frame)', result: fmt(frame), budget: '< 300 ms', met: frame.median < 300 },
    command === undefined
      ? { what: '`awsx pick` exec to first frame, 10,000 profiles', result: 'not measured: run `npm run build` first', budget: '< 300 ms', met: false }
      : { what: '`awsx pick` exec to first frame, 10,000 profiles (node start included)', result: fmt(command), budget: '< 300 ms', met: command.median < 300 },
  ];
}
