// Ctrl-E in the picker, in a real terminal (tmux), against moto and the fake federation
// endpoint: the profile's console opens in the browser ($BROWSER, a script that follows the
// page it is given), the picker says so and stays open, and nothing was picked.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { awsxHome } from '../helpers/awsxHome.ts';
import { REPO_ROOT } from '../helpers/cli.ts';
import { startFakeFederation, type FakeFederation } from '../helpers/fakeFederation.ts';
import { startMoto, type Moto } from '../helpers/moto.ts';
import { findBinary } from '../helpers/realShell.ts';
import { startStsProxy, type StsProxy } from '../helpers/stsProxy.ts';
import { startTmux } from '../helpers/tmux.ts';
import { waitFor } from '../helpers/waitFor.ts';

const CONFIG = [
  '[profile base]', 'region = us-east-1', '',
  '[profile sandbox]', 'role_arn = arn:aws:iam::210987654321:role/dev', 'source_profile = base', 'region = eu-west-1', '',
].join('\n');
const CREDENTIALS = '[base]\naws_access_key_id = AKIAEXAMPLECONSOLE02\naws_secret_access_key = console-e2e-secret\n';

let moto: Moto | undefined;
let proxy: StsProxy | undefined;
let federation: FakeFederation | undefined;
before(async () => {
  if (findBinary('moto_server') === undefined) return;
  moto = await startMoto();
  proxy = await startStsProxy(moto.url);
  federation = await startFakeFederation(() => proxy!.issued);
});
after(async () => {
  await federation?.stop();
  await proxy?.stop();
  await moto?.stop();
});

test('Ctrl-E on a profile opens its console in the browser and comes back to the list', async (t) => {
  const missing = ['bash', 'tmux', 'moto_server'].filter((b) => findBinary(b) === undefined);
  if (missing.length > 0) return t.skip(`not installed: ${missing.join(', ')}`);
  const env = awsxHome(t, proxy!.url, { config: CONFIG, credentials: CREDENTIALS });
  const log = join(env.HOME!, 'browser.log');
  Object.assign(env, { AWSX_FEDERATION_ENDPOINT: federation!.url, BROWSER: join(REPO_ROOT, 'test/helpers/fakeBrowser.mjs'), FAKE_BROWSER_LOG: log });
  const tmux = await startTmux(t, { command: 'bash --norc --noprofile -i', env, cwd: env.HOME!, width: 100, height: 30 });
  await tmux.waitFor((s) => s.length > 0);
  await tmux.line('clear; awsx pick --print >/dev/null; echo "STATUS=$?"');
  await tmux.waitFor(/pick a profile[\s\S]*\^E console/, 60_000);
  await tmux.keys('-l', 'sandbox');
  await tmux.waitFor(/1\/2[\s\S]*› sandbox/, 30_000);
  await tmux.keys('C-e');
  await tmux.waitFor(/Opened the AWS console for sandbox in the browser\./, 60_000);
  await waitFor(() => existsSync(log), 'the browser followed the page', 30_000);
  const opened = JSON.parse(readFileSync(log, 'utf8').trim()) as { url: string; status: number };
  assert.equal(opened.status, 200);
  const login = federation!.logins.at(-1)!;
  assert.equal(login.tokenValid, true);
  assert.equal(login.destination, 'https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1');
  assert.equal(federation!.signins.at(-1)!.issuedBy, 'AssumeRole');
  await tmux.keys('Escape');
  await tmux.waitFor(/^STATUS=1$/m, 30_000);
});
