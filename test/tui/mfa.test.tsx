// The MFA prompt on a fake terminal: it names the device, takes typed or pasted codes,
// says when a code was rejected and lets the user try again, and cancelling sends nothing.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/tui/app/view.tsx';
import type { PickOutcome } from '../../src/tui/app/state.ts';
import type { ResolveOutcome } from '../../src/tui/backend.ts';
import { credentialsFor, fakeDaemon, fakeWriter, roleProfile } from '../helpers/tuiFakes.ts';
import { KEY, frameWith, press, renderTui, type, waitFor } from '../helpers/tui.ts';

afterEach(() => cleanup());

const SERIAL = 'arn:aws:iam::111111111111:mfa/alice';
const PROFILES = [roleProfile('prod', '123456789012', 'Admin', { mfaSerial: SERIAL })];
const ask = (reason: 'no-code' | 'code-rejected' | 'code-reused'): ResolveOutcome => ({ kind: 'mfa-required', profile: 'prod', serial: SERIAL, reason });

async function start(script: ResolveOutcome[]) {
  const outcomes: PickOutcome[] = [];
  const daemon = fakeDaemon(script);
  const ui = await renderTui(<App profiles={PROFILES} history={[]} daemon={daemon} writer={fakeWriter()} onDone={(o) => outcomes.push(o)} pollMs={10_000} />);
  await press(ui, KEY.enter);
  await frameWith(ui, 'MFA code for prod');
  return { ui, outcomes, daemon };
}

test('the prompt names the profile and the device; typed digits fill the boxes and the sixth sends', async () => {
  const { ui, outcomes, daemon } = await start([ask('no-code'), credentialsFor('prod')]);
  const frame = ui.lastFrame()!;
  assert.match(frame, /device arn:aws:iam::111111111111:mfa\/alice/);
  await type(ui, '12345');
  assert.match(await frameWith(ui, ' 5 '), /code  1  2  3  4  5  _$/m);
  await type(ui, '6');
  await waitFor(() => outcomes.length === 1, 'the pick');
  assert.equal(outcomes[0]!.kind, 'picked');
  assert.deepEqual(daemon.calls, [{ profile: 'prod', forceRefresh: false }, { profile: 'prod', forceRefresh: false, mfaCode: '123456' }]);
});

test('a pasted code (six digits in one chunk) is sent as one', async () => {
  const { ui, outcomes, daemon } = await start([ask('no-code'), credentialsFor('prod')]);
  await press(ui, '987654');
  await waitFor(() => outcomes.length === 1, 'the pick');
  assert.equal(daemon.calls[1]!.mfaCode, '987654');
});

test('a rejected code says so and the user tries again; a reused one too', async () => {
  const { ui, outcomes, daemon } = await start([ask('no-code'), ask('code-rejected'), ask('code-reused'), credentialsFor('prod')]);
  await press(ui, '111111');
  assert.match(await frameWith(ui, 'not accepted'), /code  _  _  _  _  _  _$/m);
  await type(ui, '222222');
  await frameWith(ui, 'already used');
  await press(ui, '333333');
  await waitFor(() => outcomes.length === 1, 'the pick');
  assert.deepEqual(daemon.calls.map((c) => c.mfaCode), [undefined, '111111', '222222', '333333']);
});

test('Backspace erases; Enter with too few digits explains and sends nothing', async () => {
  const { ui, daemon } = await start([ask('no-code')]);
  await type(ui, '123');
  await press(ui, KEY.backspace, KEY.enter);
  assert.match(await frameWith(ui, '6 digits'), /code  1  2  _ /);
  assert.equal(daemon.calls.length, 1);
});

test('Esc goes back to the list with nothing sent or picked; Ctrl-C leaves awsx', async () => {
  const { ui, outcomes, daemon } = await start([ask('no-code'), ask('no-code')]);
  await type(ui, '12');
  await press(ui, KEY.escape);
  await frameWith(ui, 'pick a profile');
  assert.deepEqual(outcomes, []);
  assert.equal(daemon.calls.length, 1);
  await press(ui, KEY.enter);
  await frameWith(ui, 'MFA code for prod');
  assert.match(ui.lastFrame()!, /code  _  _ /, 'a fresh prompt: the half-typed code is gone');
  await press(ui, KEY.ctrlC);
  await waitFor(() => outcomes.length === 1, 'leaving');
  assert.deepEqual(outcomes, [{ kind: 'cancelled', how: 'interrupt' }]);
});

test('an answer arriving after Esc is dropped', async () => {
  let release: (o: ResolveOutcome) => void = () => undefined;
  const daemon = fakeDaemon([ask('no-code')]);
  const slow = { ...daemon, resolve: async (p: string, o?: { mfaCode?: string }) => (o?.mfaCode ? new Promise<ResolveOutcome>((r) => (release = r)) : daemon.resolve(p, o)) };
  const outcomes: PickOutcome[] = [];
  const ui = await renderTui(<App profiles={PROFILES} history={[]} daemon={slow} writer={fakeWriter()} onDone={(o) => outcomes.push(o)} pollMs={10_000} />);
  await press(ui, KEY.enter);
  await frameWith(ui, 'MFA code');
  await press(ui, '123456');
  await frameWith(ui, 'checking');
  await press(ui, KEY.escape);
  await frameWith(ui, 'pick a profile');
  release(credentialsFor('prod'));
  await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(outcomes, []);
  assert.match(ui.lastFrame()!, /pick a profile/);
});
