// The new-profile screen on a fake terminal: inline validation with the editor's rules,
// the diff, the confirmation, and the new profile ready to pick; from an empty picker, a
// profile with long-term keys written by the real profile editor into an empty home.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/tui/app/view.tsx';
import { profileWriter } from '../../src/tui/newProfile/writer.ts';
import { awsConfigureGetMany } from '../helpers/awsCli.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { fakeDaemon, fakeWriter, profile } from '../helpers/tuiFakes.ts';
import { KEY, frameWith, press, renderTui, type } from '../helpers/tui.ts';

afterEach(() => cleanup());

async function open() {
  const writer = fakeWriter();
  const ui = await renderTui(<App profiles={[profile('base', { kind: 'static' })]} history={[]} daemon={fakeDaemon()} writer={writer} onDone={() => undefined} pollMs={10_000} />);
  await press(ui, KEY.ctrlO);
  await frameWith(ui, 'new assume-role profile');
  return { ui, writer };
}

test('the form lists the assume-role fields with examples', async () => {
  const { ui } = await open();
  const frame = ui.lastFrame()!;
  for (const label of ['Profile name', 'Role ARN', 'Source profile', 'Credential source', 'MFA serial', 'External ID', 'Duration', 'Region', 'Session name']) {
    assert.match(frame, new RegExp(label));
  }
  assert.match(frame, /e\.g\. arn:aws:iam::123456789012:role\/Admin/);
});

test('a bad value is flagged as it is typed, with the editor\'s words', async () => {
  const { ui } = await open();
  await type(ui, 'prod');
  await press(ui, KEY.tab);
  await type(ui, 'arn:aws:iam::123:role/x');
  assert.match(await frameWith(ui, 'not a role ARN'), /expected arn:aws:iam::123456789012:role\/NAME/);
  await press(ui, KEY.ctrlU);
  await type(ui, 'arn:aws:iam::123456789012:role/Admin');
  await frameWith(ui, (f) => !f.includes('not a role ARN') && !f.includes('required'));
  await press(ui, KEY.down, KEY.down, KEY.down, KEY.down, KEY.down);
  await type(ui, '13h');
  await frameWith(ui, 'outside what STS allows');
});

test('Enter on the last field with problems goes to the first one', async () => {
  const { ui } = await open();
  await press(ui, KEY.shiftTab, KEY.enter);
  const frame = await frameWith(ui, 'needs a name');
  assert.match(frame, /› Profile name/);
});

test('preview shows the diff; n keeps editing, y writes and the new profile is under the cursor', async () => {
  const { ui, writer } = await open();
  await type(ui, 'prod');
  await press(ui, KEY.enter);
  await type(ui, 'arn:aws:iam::123456789012:role/Admin');
  await press(ui, KEY.enter);
  await type(ui, 'base');
  await press(ui, KEY.enter, KEY.enter, KEY.enter, KEY.enter, KEY.enter);
  await type(ui, 'eu-west-1');
  await press(ui, KEY.enter, KEY.enter);
  const diff = await frameWith(ui, 'Write this?');
  assert.match(diff, /\+\[profile prod\]/);
  assert.match(diff, /\+role_arn = arn:aws:iam::123456789012:role\/Admin/);
  assert.match(diff, /\+region = eu-west-1/);
  await press(ui, 'n');
  await frameWith(ui, 'new assume-role profile');
  assert.equal(writer.written.length, 0);
  await press(ui, KEY.enter);
  await frameWith(ui, 'Write this?');
  await press(ui, 'y');
  const picker = await frameWith(ui, 'Added profile prod');
  assert.match(picker, /❯ prod/);
  assert.match(picker, /› prod/);
  assert.deepEqual([...writer.written[0]!.keys], [['role_arn', 'arn:aws:iam::123456789012:role/Admin'], ['source_profile', 'base'], ['region', 'eu-west-1']]);
});

test('what the editor refuses as a whole is shown with its fix; Esc leaves without writing', async () => {
  const { ui, writer } = await open();
  writer.preview = () => ({ ok: false, error: { code: 'InvalidConfigError', message: 'profile prod: the source_profile "nope" does not exist', hint: 'create it first' } });
  await type(ui, 'prod');
  await press(ui, KEY.enter);
  await type(ui, 'arn:aws:iam::123456789012:role/Admin');
  await press(ui, KEY.enter);
  await type(ui, 'nope');
  await press(ui, KEY.shiftTab, KEY.shiftTab, KEY.shiftTab);
  await frameWith(ui, '› Session name');
  await press(ui, KEY.enter);
  assert.match(await frameWith(ui, 'fix: create it first'), /does not exist/);
  await press(ui, KEY.escape);
  await frameWith(ui, 'pick a profile');
  assert.equal(writer.written.length, 0);
});

test('no profiles yet: Ctrl-O opens the long-term keys form; the secret is never drawn; the AWS CLI reads the keys back', async (t) => {
  const home = tempDir(t);
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  const ui = await renderTui(<App profiles={[]} history={[]} daemon={fakeDaemon()} writer={profileWriter({}, home)} onDone={() => undefined} pollMs={10_000} />);
  await frameWith(ui, 'No profiles yet: press Ctrl-O to add one with your access keys.');
  await press(ui, KEY.ctrlO);
  const form = await frameWith(ui, 'new profile with long-term keys');
  for (const label of ['Profile name', 'Access key ID', 'Secret access key', 'MFA serial', 'Region']) assert.match(form, new RegExp(label));
  assert.doesNotMatch(form, /Role ARN/);
  await type(ui, 'base');
  await press(ui, KEY.enter);
  await type(ui, 'AKIAIOSFODNN7EXAMPLE');
  await press(ui, KEY.enter);
  await type(ui, secret);
  await frameWith(ui, '(typed, not shown)');
  await press(ui, KEY.enter, KEY.enter);
  await type(ui, 'us-east-1');
  await press(ui, KEY.enter);
  const diff = await frameWith(ui, 'Write this?');
  assert.match(diff, /\+aws_access_key_id = AKIAIOSFODNN7EXAMPLE/);
  assert.match(diff, /\+aws_secret_access_key = <secret 1>/);
  await press(ui, 'y');
  await frameWith(ui, 'Added profile base');
  assert.ok(!ui.frames.some((f) => f.includes(secret)), 'the secret was drawn on the screen');

  const env = { PATH: process.env['PATH'], HOME: home };
  assert.match(readFileSync(join(home, '.aws', 'credentials'), 'utf8'), /^\[base\]$/m);
  const [keyId, readSecret, region] = await awsConfigureGetMany([['base', 'aws_access_key_id'], ['base', 'aws_secret_access_key'], ['base', 'region']], env);
  assert.deepEqual([keyId, readSecret === secret, region], ['AKIAIOSFODNN7EXAMPLE', true, 'us-east-1']);
});

test('Ctrl-T switches the form from a role to long-term keys and back', async () => {
  const { ui } = await open();
  await type(ui, 'base2');
  await press(ui, KEY.ctrlT);
  const keys = await frameWith(ui, 'new profile with long-term keys');
  assert.match(keys, /› Profile name\s+base2/);
  await press(ui, KEY.ctrlT);
  await frameWith(ui, 'new assume-role profile');
});
