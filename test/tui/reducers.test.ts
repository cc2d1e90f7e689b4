// The MFA, sessions, new-profile and flow reducers, without rendering.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INITIAL_APP_STATE, appReducer, pendingRequest, type AppAction, type AppState } from '../../src/tui/app/state.ts';
import { createMfaState, mfaReducer, type MfaAction, type MfaState } from '../../src/tui/mfa/state.ts';
import { EMPTY_VALUES, fieldProblem, formKeys } from '../../src/tui/newProfile/form.ts';
import { createNewProfileState, newProfileReducer, shownProblem, wantsPreview, type NewProfileAction, type NewProfileState } from '../../src/tui/newProfile/state.ts';
import { createSessionsState, selectedSession, sessionsReducer } from '../../src/tui/sessions/state.ts';
import { credentialsFor, session } from '../helpers/tuiFakes.ts';

const mfa = (s: MfaState, ...a: MfaAction[]) => a.reduce(mfaReducer, s);

test('mfa: digits only, six at most; the sixth submits', () => {
  const s = createMfaState('prod', 'arn:aws:iam::111111111111:mfa/alice');
  const five = mfa(s, { type: 'input', text: '12a3' }, { type: 'input', text: '45' });
  assert.equal(five.digits, '12345');
  assert.equal(five.status, 'typing');
  const six = mfa(five, { type: 'input', text: '67' });
  assert.equal(six.digits, '123456');
  assert.equal(six.status, 'checking');
});

test('mfa: a pasted code arrives whole and is submitted', () => {
  const s = mfa(createMfaState('prod', 'serial'), { type: 'input', text: '654321\r' });
  assert.deepEqual([s.digits, s.status], ['654321', 'checking']);
});

test('mfa: Enter with too few digits says what a code is; backspace and clear edit', () => {
  const s = mfa(createMfaState('prod', 'serial'), { type: 'input', text: '123' }, { type: 'submit' });
  assert.equal(s.status, 'typing');
  assert.match(s.problem!, /6 digits/);
  assert.equal(mfa(s, { type: 'delete-back' }).digits, '12');
  assert.equal(mfa(s, { type: 'clear' }).digits, '');
});

test('mfa: while checking, keys wait; a rejected or reused code clears the entry and says why', () => {
  const checking = mfa(createMfaState('prod', 'serial'), { type: 'input', text: '123456' });
  assert.equal(mfa(checking, { type: 'input', text: '7' }), checking);
  const rejected = mfa(checking, { type: 'asked-again', reason: 'code-rejected' });
  assert.deepEqual([rejected.digits, rejected.status], ['', 'typing']);
  assert.match(rejected.problem!, /not accepted/);
  assert.match(mfa(checking, { type: 'asked-again', reason: 'code-reused' }).problem!, /already used/);
  assert.match(createMfaState('p', 's', 'code-rejected').problem!, /not accepted/);
});

test('sessions: sorted by expiry, cursor follows its session across reloads', () => {
  const s = createSessionsState([session('b', 3000), session('a', 1000), session('c', 2000)]);
  assert.deepEqual(s.sessions.map((x) => x.profile), ['a', 'c', 'b']);
  const onB = sessionsReducer(s, { type: 'move', by: 5 });
  assert.equal(selectedSession(onB)?.profile, 'b');
  const reloaded = sessionsReducer(onB, { type: 'loaded', sessions: [session('b', 3000), session('d', 500)] });
  assert.equal(selectedSession(reloaded)?.profile, 'b');
  const gone = sessionsReducer(reloaded, { type: 'loaded', sessions: [session('d', 500)] });
  assert.equal(selectedSession(gone)?.profile, 'd');
  assert.equal(sessionsReducer(gone, { type: 'loaded', sessions: [] }).cursor, 0);
});

test('sessions: forget all asks first; busy, done and failed', () => {
  const s = createSessionsState([session('a', 1000)]);
  assert.equal(sessionsReducer(createSessionsState([]), { type: 'ask-forget-all' }).status, 'ready');
  const asking = sessionsReducer(s, { type: 'ask-forget-all' });
  assert.equal(asking.status, 'confirm-all');
  assert.equal(sessionsReducer(asking, { type: 'dismiss' }).status, 'ready');
  const done = sessionsReducer(sessionsReducer(asking, { type: 'busy' }), { type: 'done', message: 'Forgot all.' });
  assert.deepEqual([done.status, done.message], ['ready', 'Forgot all.']);
  const failed = sessionsReducer(done, { type: 'failed', error: { code: 'FileError', message: 'daemon: gone' } });
  assert.deepEqual([failed.message, failed.error?.message], [undefined, 'daemon: gone']);
});

test('form fields use the profile editor\'s rules', () => {
  assert.match(fieldProblem('role_arn', 'arn:aws:iam::123:role/x')!, /not a role ARN/);
  assert.equal(fieldProblem('role_arn', 'arn:aws:iam::123456789012:role/Admin'), undefined);
  assert.match(fieldProblem('role_arn', '')!, /required/);
  assert.match(fieldProblem('name', '')!, /needs a name/);
  assert.match(fieldProblem('name', 'DEFAULT')!, /INI defaults section/);
  assert.match(fieldProblem('credential_source', 'environment')!, /not one of/);
  assert.match(fieldProblem('duration_seconds', '1 hour')!, /not a duration/);
  assert.match(fieldProblem('duration_seconds', '13h')!, /outside what STS allows/);
  assert.equal(fieldProblem('duration_seconds', '1h'), undefined);
  assert.match(fieldProblem('external_id', 'has space')!, /may hold only/);
  assert.equal(fieldProblem('mfa_serial', ''), undefined);
  assert.deepEqual([...formKeys('role', { ...EMPTY_VALUES, name: 'n', role_arn: 'arn:aws:iam::123456789012:role/A', source_profile: 'base', duration_seconds: '90m' })],
    [['role_arn', 'arn:aws:iam::123456789012:role/A'], ['source_profile', 'base'], ['duration_seconds', '5400']]);
});

test('new profile, long-term keys: key ID and secret required, the secret checked without being quoted', () => {
  assert.match(fieldProblem('aws_access_key_id', '')!, /access key ID is required/);
  assert.match(fieldProblem('aws_access_key_id', 'AKIA')!, /not 16 to 128 letters and digits/);
  assert.match(fieldProblem('aws_secret_access_key', '')!, /secret access key is required/);
  const spaced = fieldProblem('aws_secret_access_key', 'wJalrXUtnFEMI/K7MDENG ')!;
  assert.match(spaced, /starts or ends with a space/);
  assert.ok(!spaced.includes('wJalr'), spaced);
  const values = { ...EMPTY_VALUES, name: 'base', role_arn: 'arn:aws:iam::123456789012:role/A', aws_access_key_id: 'AKIAIOSFODNN7EXAMPLE', aws_secret_access_key: 's3cret', region: 'us-east-1' };
  assert.deepEqual([...formKeys('keys', values)], [['aws_access_key_id', 'AKIAIOSFODNN7EXAMPLE'], ['aws_secret_access_key', 's3cret'], ['region', 'us-east-1']], 'a role typed before switching is not written');
});

const form = (s: NewProfileState, ...a: NewProfileAction[]) => a.reduce(newProfileReducer, s);
const typeInto = (text: string): NewProfileAction => ({ type: 'input', text });

test('new profile: problems show once a field is touched; Enter walks the fields', () => {
  const s = createNewProfileState();
  assert.equal(shownProblem(s, 'name'), undefined);
  const bad = form(s, typeInto('x'), { type: 'delete-back' });
  assert.match(shownProblem(bad, 'name')!, /needs a name/);
  const walked = form(s, { type: 'submit' }, { type: 'submit' });
  assert.equal(walked.focus, 2);
  assert.equal(form(s, { type: 'focus', by: -1 }).focus, 8);
});

test('new profile: Enter on the last field shows every problem and goes to the first', () => {
  const s = form(createNewProfileState(), { type: 'focus', by: -1 }, { type: 'submit' });
  assert.equal(s.focus, 0);
  assert.ok(shownProblem(s, 'name') && shownProblem(s, 'role_arn'));
  assert.equal(wantsPreview(s), false);
});

test('new profile: a clean form on its last field wants a preview; preview, edit, write', () => {
  const s = form(createNewProfileState({ name: 'n', role_arn: 'arn:aws:iam::123456789012:role/A', source_profile: 'base' }), { type: 'focus', by: -1 });
  assert.equal(wantsPreview(s), true);
  const refused = form(s, { type: 'previewed', outcome: { ok: false, error: { code: 'InvalidConfigError', message: 'the source_profile "base" does not exist' } } });
  assert.deepEqual([refused.stage, refused.error?.code], ['editing', 'InvalidConfigError']);
  const preview = form(s, { type: 'previewed', outcome: { ok: true, diff: '+[profile n]\n' } });
  assert.deepEqual([preview.stage, preview.diff], ['preview', '+[profile n]\n']);
  assert.equal(form(preview, typeInto('zz')).values.name, 'n');
  assert.equal(form(preview, { type: 'edit' }).stage, 'editing');
  const writing = form(preview, { type: 'writing' });
  assert.equal(form(writing, { type: 'edit' }), writing);
  assert.equal(form(writing, { type: 'write-failed', error: { code: 'FileError', message: 'locked' } }).error?.message, 'locked');
});

const app = (s: AppState, ...a: AppAction[]) => a.reduce(appReducer, s);

test('flow: resolve, MFA, a wrong code, the right one, done', () => {
  const s = app(INITIAL_APP_STATE, { type: 'resolve', profile: 'prod', purpose: 'pick' });
  assert.deepEqual(pendingRequest(s.screen), { flow: { profile: 'prod', purpose: 'pick', token: 1 } });
  const asked = app(s, { type: 'outcome', token: 1, outcome: { kind: 'mfa-required', profile: 'prod', serial: 'SER', reason: 'no-code' } });
  assert.equal(asked.screen.kind, 'mfa');
  assert.equal(pendingRequest(asked.screen), undefined);
  const sent = app(asked, { type: 'mfa', action: { type: 'input', text: '111111' } });
  assert.equal(pendingRequest(sent.screen)?.mfaCode, '111111');
  const wrong = app(sent, { type: 'outcome', token: 1, outcome: { kind: 'mfa-required', profile: 'prod', serial: 'SER', reason: 'code-rejected' } });
  assert.ok(wrong.screen.kind === 'mfa' && /not accepted/.test(wrong.screen.mfa.problem!));
  const right = app(wrong, { type: 'mfa', action: { type: 'input', text: '222222' } }, { type: 'outcome', token: 1, outcome: credentialsFor('prod') });
  assert.ok(right.screen.kind === 'done' && right.screen.outcome.kind === 'picked' && right.screen.outcome.profile === 'prod');
  assert.equal(app(right, { type: 'quit', how: 'escape' }), right);
});

test('flow: an answer for a flow the user left is dropped', () => {
  const s = app(INITIAL_APP_STATE, { type: 'resolve', profile: 'prod', purpose: 'pick' }, { type: 'back' });
  assert.equal(s.screen.kind, 'picker');
  assert.equal(app(s, { type: 'outcome', token: 1, outcome: credentialsFor('prod') }), s);
  const again = app(s, { type: 'resolve', profile: 'dev', purpose: 'pick' });
  assert.equal(app(again, { type: 'outcome', token: 1, outcome: credentialsFor('prod') }), again);
});

test('flow: errors are shown; refresh goes back to the sessions with a notice', () => {
  const err = app(INITIAL_APP_STATE, { type: 'resolve', profile: 'prod', purpose: 'pick' },
    { type: 'outcome', token: 1, outcome: { kind: 'error', error: { code: 'StsError', message: 'AccessDenied', hint: 'check the trust policy' } } });
  assert.ok(err.screen.kind === 'error' && err.screen.error.hint === 'check the trust policy');
  assert.equal(app(err, { type: 'back' }).screen.kind, 'picker');
  const refreshed = app(INITIAL_APP_STATE, { type: 'resolve', profile: 'prod', purpose: 'refresh' }, { type: 'outcome', token: 1, outcome: credentialsFor('prod') });
  assert.deepEqual([refreshed.screen.kind, refreshed.notice], ['sessions', 'Refreshed prod.']);
  assert.equal(app(INITIAL_APP_STATE, { type: 'resolve', profile: 'p', purpose: 'refresh' }, { type: 'back' }).screen.kind, 'sessions');
});

test('flow: quitting is final', () => {
  const s = app(INITIAL_APP_STATE, { type: 'quit', how: 'interrupt' });
  assert.deepEqual(s.screen, { kind: 'done', outcome: { kind: 'cancelled', how: 'interrupt' } });
  assert.equal(app(s, { type: 'show', screen: 'sessions' }), s);
});

test('new profile: Ctrl-T switches between a role and long-term keys, keeping what was typed', () => {
  const s = form(createNewProfileState(), typeInto('base'), { type: 'focus', by: 1 }, typeInto('arn:aws:iam::123456789012:role/A'), { type: 'switch-kind' });
  assert.equal(s.kind, 'keys');
  assert.equal(s.focus, 0);
  assert.equal(s.values.name, 'base');
  assert.deepEqual(Object.keys(s.problems).sort(), ['aws_access_key_id', 'aws_secret_access_key']);
  assert.equal(shownProblem(s, 'aws_access_key_id'), undefined, 'not shown before the field is touched');
  const back = form(s, { type: 'switch-kind' });
  assert.equal(back.kind, 'role');
  assert.equal(back.values.role_arn, 'arn:aws:iam::123456789012:role/A');
  assert.deepEqual(Object.keys(back.problems), []);
});

test('new profile: two Enters from the field before the last ask for a preview, whatever render the keys met', () => {
  const clean = createNewProfileState({ name: 'n', role_arn: 'arn:aws:iam::123456789012:role/A', source_profile: 'base' });
  const s = form(clean, { type: 'focus', by: -2 }, { type: 'submit' }, { type: 'submit' });
  assert.equal(s.previewWanted, true);
  assert.equal(form(s, { type: 'previewed', outcome: { ok: true, diff: '+[profile n]\n' } }).previewWanted, false);
});

test('flow: the console goes through the MFA prompt like a pick, then back to the picker with a notice', () => {
  const s = app(INITIAL_APP_STATE, { type: 'resolve', profile: 'prod', purpose: 'console' });
  assert.deepEqual(pendingRequest(s.screen), { flow: { profile: 'prod', purpose: 'console', token: 1 } });
  const asked = app(s, { type: 'outcome', token: 1, outcome: { kind: 'mfa-required', profile: 'prod', serial: 'SER', reason: 'no-code' } });
  const sent = app(asked, { type: 'mfa', action: { type: 'input', text: '111111' } });
  assert.deepEqual(pendingRequest(sent.screen), { flow: { profile: 'prod', purpose: 'console', token: 1 }, mfaCode: '111111' });
  const opened = app(sent, { type: 'outcome', token: 1, outcome: { kind: 'console-opened', profile: 'prod' } });
  assert.deepEqual([opened.screen.kind, opened.notice], ['picker', 'Opened the AWS console for prod in the browser.']);
  const failed = app(INITIAL_APP_STATE, { type: 'resolve', profile: 'prod', purpose: 'console' },
    { type: 'outcome', token: 1, outcome: { kind: 'error', error: { code: 'FederationError', message: 'console prod: refused' } } });
  assert.equal(failed.screen.kind, 'error');
  assert.equal(app(failed, { type: 'back' }).screen.kind, 'picker');
});
