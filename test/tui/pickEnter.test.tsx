// Enter right after typing, before React has run the effects of the render the typing
// caused (Ink subscribes the key handler in an effect): the profile assumed is the one
// selected on screen, not the one the handler's older render had selected.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/tui/app/view.tsx';
import type { PickOutcome } from '../../src/tui/app/state.ts';
import { fakeDaemon, fakeWriter, profile, roleProfile } from '../helpers/tuiFakes.ts';
import { KEY, renderTui, waitFor } from '../helpers/tui.ts';

afterEach(() => cleanup());

const PROFILES = [
  profile('base', { kind: 'static', source: undefined }),
  roleProfile('prod', '123456789012', 'Admin'),
  roleProfile('zz-tools', '210987654321', 'Tools'),
];

test('typing and Enter in one go pick what the typing selected', async () => {
  const outcomes: PickOutcome[] = [];
  const daemon = fakeDaemon();
  const ui = await renderTui(<App profiles={PROFILES} history={[]} daemon={daemon} writer={fakeWriter()} onDone={(o) => outcomes.push(o)} pollMs={60_000} />);
  // Both in the same tick: no effect runs between them.
  ui.stdin.write('zz');
  ui.stdin.write(KEY.enter);
  await waitFor(() => outcomes.length === 1, 'the pick');
  assert.deepEqual(daemon.calls.map((c) => c.profile), ['zz-tools']);
  assert.ok(outcomes[0]!.kind === 'picked' && outcomes[0]!.profile === 'zz-tools');
});
