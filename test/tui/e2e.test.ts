// The picker end to end in a real terminal (tmux), against moto: a bash with `awsx init`,
// `awsx` alone opens the picker, part of an account id finds the profile, Enter, the MFA
// code, and the AWS CLI in that shell answers with the chosen role. Leaving with Esc
// changes nothing. Profile names with terminal escapes reach the screen inert: the pane
// title and tmux's clipboard buffers stay as they were (docs/security.md T6, test 43).
import assert from 'node:assert/strict';
import { after, before, test, type TestContext } from 'node:test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MANAGED_VARIABLES } from '../../src/shell/variables.ts';
import { awsxHome } from '../helpers/awsxHome.ts';
import { startMoto, type Moto } from '../helpers/moto.ts';
import { startTmux, type Tmux } from '../helpers/tmux.ts';
import { findBinary } from '../helpers/realShell.ts';

const ROLE = 'arn:aws:iam::123456789012:role/awsx-pick';
const MFA = 'arn:aws:iam::111111111111:mfa/alice';
const CONFIG = [
  '[profile base]', 'region = us-east-1', '',
  '[profile payments]', `role_arn = ${ROLE}`, 'source_profile = base', `mfa_serial = ${MFA}`, 'region = eu-west-1', '',
  '[profile sandbox]', 'role_arn = arn:aws:iam::210987654321:role/dev', 'source_profile = base', 'region = us-east-1', '',
  '[profile clip\x1b]52;c;cHduZWQ=\x07]', 'role_arn = arn:aws:iam::222222222222:role/x', 'source_profile = base', '',
  '[profile title\x1b]0;pwned\x07]', 'role_arn = arn:aws:iam::333333333333:role/x', 'source_profile = base',
  'description = wipe \x1b[2J here', '',
].join('\n');
const CREDENTIALS = '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';
const COUNT = `env | grep -cE '^(${MANAGED_VARIABLES.join('|')})='`;
const PROMPT = /^\[(\S*)\]> *$/m;
/** The picker's query line showing exactly `text` (and so having taken every key before it). */
const QUERY = (text: string): RegExp => new RegExp(`^❯ ?${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} *$`, 'm');

let moto: Moto | undefined;
before(async () => {
  if (findBinary('moto_server') !== undefined) moto = await startMoto();
});
after(() => moto?.stop());

async function shell(t: TestContext): Promise<{ tmux: Tmux; home: string }> {
  const env = awsxHome(t, moto!.url, { config: CONFIG, credentials: CREDENTIALS });
  const dir = env.HOME!;
  const tmux = await startTmux(t, { command: 'bash --norc --noprofile -i', env, cwd: dir, width: 100, height: 30 });
  await tmux.waitFor((s) => s.length > 0);
  // OSC 52 would land in a tmux buffer with set-clipboard on; OSC 0 would retitle the pane.
  await tmux.line(`tmux set -g set-clipboard on; tmux set -g allow-rename on; eval "$(awsx init bash)"; PS1='[\${AWSX_PROFILE-}]> '`);
  await tmux.waitFor(PROMPT, 30_000);
  return { tmux, home: dir };
}

function lastValue(screen: string, name: string): string | undefined {
  return [...screen.matchAll(new RegExp(`^${name}=(.*)$`, 'gm'))].at(-1)?.[1]?.trim();
}

async function ask(tmux: Tmux, name: string, command: string): Promise<string> {
  await tmux.line(`clear; echo "${name}=$(${command})"`);
  return lastValue(await tmux.waitFor(new RegExp(`^${name}=.*\\n\\[`, 'm'), 30_000), name)!;
}

test('awsx: find a profile by account id, enter the MFA code, the AWS CLI answers with the role; Esc changes nothing', async (t) => {
  const missing = ['bash', 'tmux', 'moto_server', 'aws'].filter((b) => findBinary(b) === undefined);
  if (missing.length > 0) return t.skip(`not installed: ${missing.join(', ')}`);
  const { tmux, home } = await shell(t);
  const title = await ask(tmux, 'TITLE', "tmux display-message -p '#{pane_title}'");

  await t.test('Esc in a fresh shell: nothing printed, nothing set', async () => {
    await tmux.line('clear; awsx; echo "STATUS=$?"');
    await tmux.waitFor(/pick a profile/, 60_000);
    await tmux.keys('Escape');
    const screen = await tmux.waitFor(/^STATUS=\d+$/m, 30_000);
    assert.equal(lastValue(screen, 'STATUS'), '1');
    assert.equal(await ask(tmux, 'SET', COUNT), '0');
  });

  await t.test('escape sequences in names are shown inert; title and clipboard untouched (security 43)', async () => {
    await tmux.line('clear; awsx');
    await tmux.waitFor(/pick a profile/, 60_000);
    await tmux.keys('-l', 'pwned');
    const screen = await tmux.waitFor(/❯ pwned[\s\S]*› title\\e\]0;pwned\\x07/, 30_000);
    assert.match(screen, /wipe \\e\[2J here/);
    await tmux.keys('C-u');
    await tmux.waitFor(QUERY(''), 30_000);
    await tmux.keys('-l', 'clip');
    await tmux.waitFor(/❯ clip[\s\S]*› clip\\e\]52;c;cHduZWQ=\\x07/, 30_000);
    await tmux.keys('Escape');
    await tmux.waitFor(PROMPT, 30_000);
    assert.equal(await ask(tmux, 'TITLE', "tmux display-message -p '#{pane_title}'"), title);
    assert.equal(await ask(tmux, 'BUFFERS', 'tmux list-buffers | wc -l'), '0');
  });

  await t.test('type part of an account id, Enter, the MFA code: the shell has the role', async () => {
    await tmux.line('clear; awsx');
    await tmux.waitFor(/pick a profile/, 60_000);
    await tmux.keys('-l', '3456789');
    await tmux.waitFor(/1\/5 · \d active[\s\S]*› payments +123456789012 +awsx-pick/, 30_000);
    await tmux.keys('Enter');
    const prompt = await tmux.waitFor(/MFA code for payments/, 60_000);
    assert.match(prompt, /device arn:aws:iam::111111111111:mfa\/alice/);
    await tmux.keys('-l', '123456');
    await tmux.waitFor(/^\[payments\]> *$/m, 60_000);
    await tmux.line('clear; aws --endpoint-url "$AWS_ENDPOINT_URL_STS" sts get-caller-identity --query Arn --output text');
    await tmux.waitFor(/^arn:aws:sts::123456789012:assumed-role\/awsx-pick\/\S+$/m, 60_000);
  });

  await t.test('Esc after a pick leaves the session as it was', async () => {
    const key = await ask(tmux, 'KEY', 'printenv AWS_ACCESS_KEY_ID');
    assert.match(key, /^ASIA/);
    await tmux.line('clear; awsx');
    await tmux.waitFor(/pick a profile[\s\S]*payments .* \d+m +mfa/, 60_000);
    await tmux.keys('-l', 'sandbox');
    await tmux.waitFor(QUERY('sandbox'), 30_000);
    await tmux.keys('Escape');
    await tmux.waitFor(/^\[payments\]> *$/m, 30_000);
    assert.equal(await ask(tmux, 'KEY', 'printenv AWS_ACCESS_KEY_ID'), key);
    assert.equal(await ask(tmux, 'PROFILE', 'printenv AWSX_PROFILE'), 'payments');
  });

  await t.test('a resize of the terminal re-lays out the picker', async () => {
    // The pane resizes itself (through $TMUX) once the test says the picker is up.
    await tmux.line(`clear; (while [ ! -e go ]; do sleep 0.05; done; tmux resize-window -x 60 -y 16) & awsx`);
    await tmux.waitFor(/REGION[\s\S]*pick a profile|pick a profile[\s\S]*REGION/, 60_000);
    writeFileSync(join(home, 'go'), '');
    const small = await tmux.waitFor((s) => /pick a profile/.test(s) && !/REGION/.test(s) && s.split('\n').every((l) => [...l].length <= 60), 30_000);
    // payments was picked before: frecency puts it first.
    assert.match(small, /› payments +123456789012 +awsx-pick +\d+m +mfa/);
    await tmux.keys('Escape');
    await tmux.waitFor(/^\[payments\]> *$/m, 30_000);
  });
});
