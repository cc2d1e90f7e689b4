// The sessions screen on a fake terminal: what the daemon holds with live countdowns,
// refresh now (through the MFA prompt when needed), forget one, forget all.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/tui/app/view.tsx';
import type { PickOutcome } from '../../src/tui/app/state.ts';
import type { ResolveOutcome } from '../../src/tui/backend.ts';
import { credentialsFor, fakeDaemon, fakeWriter, manualClock, roleProfile, session } from '../helpers/tuiFakes.ts';
import { KEY, frameWith, press, renderTui, resize, widestLine } from '../helpers/tui.ts';

afterEach(() => cleanup());

const NOW = Date.UTC(2030, 0, 1, 12);
const PROFILES = [roleProfile('prod', '123456789012', 'Admin'), roleProfile('dev', '210987654321', 'Dev')];
const HELD = [
  session('prod', NOW + 50 * 60_000, { needsMfaToRefresh: true }),
  session('dev', NOW + 10 * 60_000),
];

async function open(script: ResolveOutcome[] = []) {
  const clock = manualClock(NOW);
  const daemon = fakeDaemon(script, HELD);
  const outcomes: PickOutcome[] = [];
  const ui = await renderTui(<App profiles={PROFILES} history={[]} daemon={daemon} writer={fakeWriter()} onDone={(o) => outcomes.push(o)}
    clock={clock} tickMs={20} pollMs={30} />);
  await frameWith(ui, '2 active');
  await press(ui, KEY.tab);
  await frameWith(ui, 'held by the daemon');
  return { ui, daemon, clock, outcomes };
}

test('the daemon\'s sessions, soonest to expire first, counting down', async () => {
  const { ui, clock } = await open();
  const frame = await frameWith(ui, '2 held by the daemon');
  assert.match(frame, /› dev +arn:aws:sts::123456789012:assumed-role\/Role\/dev +…WXYZ +10m/);
  assert.match(frame, /prod .* 50m +mfa/);
  clock.advance(9 * 60_000 + 30_000);
  await frameWith(ui, /dev .* 30s/);
});

test('d forgets the selected session; D asks, then forgets all', async () => {
  const { ui, daemon } = await open();
  await press(ui, 'd');
  assert.match(await frameWith(ui, 'Forgot dev'), /1 held by the daemon/);
  assert.deepEqual(daemon.forgotten, ['dev']);
  await press(ui, 'D');
  await frameWith(ui, 'Forget all 1 sessions? y/N');
  await press(ui, 'n');
  await frameWith(ui, (f) => !f.includes('Forget all'));
  assert.deepEqual(daemon.forgotten, ['dev']);
  await press(ui, 'D');
  await frameWith(ui, 'y/N');
  await press(ui, 'y');
  assert.match(await frameWith(ui, 'Forgot all sessions'), /No sessions/);
  assert.deepEqual(daemon.forgotten, ['dev', undefined]);
});

test('r refreshes the selected session now; a session that needs MFA asks for the code', async () => {
  const ask: ResolveOutcome = { kind: 'mfa-required', profile: 'prod', serial: 'arn:aws:iam::111111111111:mfa/alice', reason: 'no-code' };
  const { ui, daemon, outcomes } = await open([ask, credentialsFor('prod')]);
  await press(ui, KEY.down);
  await frameWith(ui, '› prod');
  await press(ui, 'r');
  await frameWith(ui, 'MFA code for prod');
  await press(ui, '123456');
  assert.match(await frameWith(ui, 'Refreshed prod.'), /held by the daemon/);
  assert.deepEqual(daemon.calls, [{ profile: 'prod', forceRefresh: true }, { profile: 'prod', forceRefresh: true, mfaCode: '123456' }]);
  assert.deepEqual(outcomes, [], 'a refresh hands nothing to the shell');
});

test('a failed forget is shown with its fix', async () => {
  const { ui, daemon } = await open();
  daemon.forget = async () => {
    throw Object.assign(new Error('daemon: not running'), { code: 'FileError', hint: 'start it with awsx daemon start' });
  };
  await press(ui, 'd');
  assert.match(await frameWith(ui, 'fix:'), /daemon: not running[\s\S]*fix: start it with awsx daemon start/);
});

test('Tab or Esc goes back to the picker; the screen fits a narrow terminal', async () => {
  const { ui, outcomes } = await open();
  resize(ui, 60, 15);
  await frameWith(ui, (f) => widestLine(f) <= 60 && f.includes('held by'));
  await press(ui, KEY.escape);
  await frameWith(ui, 'pick a profile');
  await press(ui, KEY.tab);
  await frameWith(ui, 'held by the daemon');
  await press(ui, KEY.tab);
  await frameWith(ui, 'pick a profile');
  assert.deepEqual(outcomes, []);
});

test('with no daemon running there are no sessions, and nothing breaks', async () => {
  const daemon = fakeDaemon();
  daemon.sessions = async () => [];
  const ui = await renderTui(<App profiles={PROFILES} history={[]} daemon={daemon} writer={fakeWriter()} onDone={() => undefined} pollMs={30} />);
  await press(ui, KEY.tab);
  await frameWith(ui, 'No sessions');
});

test('profile names in the screen\'s messages are inert (T6) (security 43)', async () => {
  const evil = 'ev\x1b]0;t\x07il';
  const daemon = fakeDaemon([credentialsFor(evil)], [session(evil, NOW + 60 * 60_000)]);
  const ui = await renderTui(<App profiles={[roleProfile(evil, '123456789012', 'Admin')]} history={[]} daemon={daemon} writer={fakeWriter()}
    onDone={() => undefined} clock={() => NOW} pollMs={30} />);
  await press(ui, KEY.tab);
  await frameWith(ui, '1 held by the daemon');
  await press(ui, 'r');
  assert.match(await frameWith(ui, 'Refreshed'), /Refreshed ev\\e\]0;t\\x07il\./);
  await press(ui, 'd');
  assert.match(await frameWith(ui, 'Forgot'), /Forgot ev\\e\]0;t\\x07il \(1 session\)/);
  for (const f of ui.frames) assert.doesNotMatch(f, /\x1b\]|\x07/);
});
