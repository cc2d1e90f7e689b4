// The picker on a fake terminal: type, move, select, cancel, resize, live countdowns,
// and escape sequences in profile names shown inert (docs/security.md T6, test 43).
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/tui/app/view.tsx';
import type { PickOutcome } from '../../src/tui/app/state.ts';
import { fakeDaemon, fakeWriter, manualClock, profile, roleProfile, session, type FakeDaemon } from '../helpers/tuiFakes.ts';
import { KEY, frameWith, press, renderTui, resize, type, waitFor, widestLine } from '../helpers/tui.ts';

afterEach(() => cleanup());

const NOW = Date.UTC(2030, 0, 1, 12);
const PROFILES = [
  roleProfile('dev', '210987654321', 'Developer', { region: 'eu-west-1', description: 'sandbox for the web team' }),
  roleProfile('prod', '123456789012', 'Admin', { region: 'us-east-1', mfaSerial: 'arn:aws:iam::111111111111:mfa/alice' }),
  roleProfile('staging', '555555555555', 'Deployer', { region: 'ap-southeast-2' }),
  profile('base', { kind: 'static', source: undefined }),
];

async function start(options: { profiles?: typeof PROFILES; daemon?: FakeDaemon; clock?: () => number; tickMs?: number } = {}) {
  const outcomes: PickOutcome[] = [];
  const daemon = options.daemon ?? fakeDaemon();
  const ui = await renderTui(
    <App profiles={options.profiles ?? PROFILES} history={[]} daemon={daemon} writer={fakeWriter()} onDone={(o) => outcomes.push(o)}
      clock={options.clock ?? (() => NOW)} tickMs={options.tickMs ?? 1000} pollMs={50} />,
  );
  return { ui, outcomes, daemon };
}

/** The list rows of a frame (the lines between the column titles and the details). */
function rows(frame: string): string[] {
  const lines = frame.split('\n');
  const from = lines.findIndex((l) => l.includes('PROFILE')) + 1;
  return lines.slice(from, -2).filter((l) => l.trim() !== '');
}

test('every profile is listed with account, role, region, source and an MFA mark', async () => {
  const { ui } = await start();
  const frame = await frameWith(ui, 'staging');
  assert.match(frame, /› dev +210987654321 Developer +eu-west-1/);
  assert.match(frame, /prod +123456789012 Admin +us-east-1 .* mfa/);
  assert.match(frame, /base +\(static\)/);
  assert.match(frame, /4\/4 · 0 active/);
  assert.match(frame, /arn:aws:iam::210987654321:role\/Developer from base · sandbox for the web team/);
});

test('typing filters; the best match is under the cursor', async () => {
  const { ui } = await start();
  await type(ui, '5555');
  const frame = await frameWith(ui, '1/4');
  assert.deepEqual(rows(frame).map((r) => r.trim().split(/\s+/)[1]), ['staging']);
  await press(ui, KEY.ctrlU);
  await type(ui, 'zzz');
  assert.match(await frameWith(ui, '0/4'), /No profile matches "zzz"/);
});

test('arrows, Ctrl-N/P, PgUp/PgDn, Home/End move the cursor', async () => {
  const many = Array.from({ length: 40 }, (_, i) => profile(`p${String(i).padStart(2, '0')}`));
  const { ui } = await start({ profiles: many });
  await press(ui, KEY.down, KEY.down, KEY.ctrlN);
  assert.match(await frameWith(ui, '› p03'), /› p03/);
  await press(ui, KEY.ctrlP, KEY.up);
  await frameWith(ui, '› p01');
  await press(ui, KEY.pageDown);
  const paged = await frameWith(ui, '› p19');
  assert.ok(!paged.includes(' p00 '), 'the window scrolled');
  await press(ui, KEY.end);
  await frameWith(ui, '› p39');
  await press(ui, KEY.pageUp);
  await frameWith(ui, '› p21');
  await press(ui, KEY.home);
  await frameWith(ui, '› p00');
});

test('Enter assumes the selected profile and hands back its credentials', async () => {
  const { ui, outcomes, daemon } = await start();
  await type(ui, 'prod');
  await press(ui, KEY.enter);
  await waitFor(() => outcomes.length === 1, 'the pick');
  assert.equal(outcomes[0]!.kind, 'picked');
  assert.ok(outcomes[0]!.kind === 'picked' && outcomes[0]!.profile === 'prod' && outcomes[0]!.credentials.accessKeyId === 'ASIAFAKE');
  assert.deepEqual(daemon.calls, [{ profile: 'prod', forceRefresh: false }]);
});

test('Esc and Ctrl-C leave without asking the daemon for anything', async () => {
  for (const [key, how] of [[KEY.escape, 'escape'], [KEY.ctrlC, 'interrupt']] as const) {
    const { ui, outcomes, daemon } = await start();
    await type(ui, 'pr');
    await press(ui, key);
    await waitFor(() => outcomes.length === 1, 'leaving');
    assert.deepEqual(outcomes, [{ kind: 'cancelled', how }]);
    assert.deepEqual(daemon.calls, []);
    ui.unmount();
  }
});

test('an STS error is shown with its fix, never a stack; Esc goes back to the list', async () => {
  const daemon = fakeDaemon([{ kind: 'error', error: { code: 'StsError', message: 'profile prod: AccessDenied: not authorized to perform sts:AssumeRole', hint: 'check the role\'s trust policy names your user' } }]);
  const { ui, outcomes } = await start({ daemon });
  await type(ui, 'prod');
  await press(ui, KEY.enter);
  const frame = await frameWith(ui, 'fix:');
  assert.match(frame, /could not get credentials for prod/);
  assert.match(frame, /AccessDenied: not authorized/);
  assert.match(frame, /fix: check the role's trust policy names your user/);
  assert.doesNotMatch(frame, /at .*\.ts:\d+/);
  await press(ui, KEY.escape);
  assert.match(await frameWith(ui, 'pick a profile'), /❯ prod/);
  assert.deepEqual(outcomes, []);
});

test('an unexpected failure shows its class only', async () => {
  const { ui } = await start({ daemon: fakeDaemon([new TypeError('secret detail at /home/x')]) });
  await press(ui, KEY.enter);
  const frame = await frameWith(ui, 'unexpected error');
  assert.match(frame, /unexpected error \(TypeError\)/);
  assert.doesNotMatch(frame, /secret detail/);
});

test('active sessions show their time left, counting down live', async () => {
  const clock = manualClock(NOW);
  const daemon = fakeDaemon([], [session('prod', NOW + 42 * 60_000 + 30_000)]);
  const { ui } = await start({ daemon, clock, tickMs: 20 });
  assert.match(await frameWith(ui, '42m'), /prod .* 42m +mfa/);
  assert.match(ui.lastFrame()!, /1 active/);
  clock.advance(40 * 60_000);
  await frameWith(ui, / 2m /);
  clock.advance(3 * 60_000);
  assert.match(await frameWith(ui, 'expired'), /0 active/);
});

test('80x24: every line fits, the list fills the screen; a resize re-lays it out', async () => {
  const many = Array.from({ length: 60 }, (_, i) => roleProfile(`team-${i}-a-rather-long-profile-name`, String(100000000000 + i), 'OrganizationAccountAccessRole', { region: 'ap-southeast-2' }));
  const { ui } = await start({ profiles: many });
  resize(ui, 80, 24);
  let frame = await frameWith(ui, (f) => widestLine(f) <= 80 && rows(f).length === 18);
  assert.ok(frame.split('\n').length <= 23, 'one line spare below the frame');
  assert.match(frame, /REGION/);
  resize(ui, 50, 12);
  frame = await frameWith(ui, (f) => widestLine(f) <= 50 && rows(f).length === 6);
  assert.doesNotMatch(frame, /REGION/);
  assert.match(frame, /› team-0/);
  resize(ui, 120, 40);
  frame = await frameWith(ui, (f) => f.includes('SOURCE') && rows(f).length === 34);
});

test('escape sequences in profile names and descriptions are shown inert (T6) (security 43)', async () => {
  const evil = [
    roleProfile('clip\x1b]52;c;cm0gLXJmIH4=\x07', '123456789012', 'Admin'),
    roleProfile('title\x1b]0;pwned\x07', '210987654321', 'Dev', { description: 'wipe \x1b[2J here\x9b31m' }),
  ];
  const { ui } = await start({ profiles: evil });
  resize(ui, 160, 24);
  await press(ui, KEY.down);
  const frame = await frameWith(ui, 'wipe');
  for (const f of ui.frames) {
    assert.doesNotMatch(f, /\x1b\]|\x07|\x1b\[2J|\x9b/, 'no raw OSC, BEL, clear or CSI in any frame');
  }
  assert.match(frame, /clip\\e\]52;c;cm0gLXJmIH4=\\x07/);
  assert.match(frame, /title\\e\]0;pwned\\x07/);
  assert.match(frame, /wipe \\e\[2J here\\x9b31m/);
});

test('escape sequences in STS error texts are shown inert (T6) (security 43)', async () => {
  const daemon = fakeDaemon([{ kind: 'error', error: { code: 'StsError', message: 'AccessDenied \x1b]52;c;cm0gLXJm\x07 for role', hint: 'clear \x1b[2J and \x1b]0;t\x07' } }]);
  const { ui } = await start({ daemon });
  await press(ui, KEY.enter);
  const frame = await frameWith(ui, 'fix:');
  for (const f of ui.frames) assert.doesNotMatch(f, /\x1b\]|\x07|\x1b\[2J/);
  assert.match(frame, /AccessDenied \\e\]52;c;cm0gLXJm\\x07 for role/);
  assert.match(frame, /fix: clear \\e\[2J and \\e\]0;t\\x07/);
});

test('Ctrl-E opens the console of the profile under the cursor, through the MFA prompt when needed; the footer lists it', async () => {
  const daemon = fakeDaemon([{ kind: 'mfa-required', profile: 'prod', serial: 'arn:aws:iam::111111111111:mfa/alice', reason: 'no-code' }]);
  const { ui, outcomes } = await start({ daemon });
  assert.match(await frameWith(ui, 'staging'), /\^E console/);
  await type(ui, 'prod');
  await frameWith(ui, '1/4');
  await press(ui, KEY.ctrlE);
  await frameWith(ui, 'arn:aws:iam::111111111111:mfa/alice');
  await type(ui, '123456');
  const frame = await frameWith(ui, 'Opened the AWS console for prod in the browser.');
  assert.match(frame, /› prod/, 'back on the picker, where it was');
  assert.deepEqual(daemon.calls, [{ profile: 'prod', method: 'console' }, { profile: 'prod', method: 'console', mfaCode: '123456' }]);
  assert.deepEqual(outcomes, [], 'nothing was picked');
});
