// docs/security.md tests 48b and 49: one endpoint policy for every call awsx signs. The
// attacker is another uid (nobody) listening on a loopback port, where LocalStack users
// point AWS_ENDPOINT_URL; awsx must send it nothing (no signed request, no key id, no MFA
// code), and plain http to loopback needs AWSX_ALLOW_INSECURE_ENDPOINTS=1.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { awsxEnv, runAwsx } from '../helpers/cli.ts';
import { privateRuntime } from '../helpers/daemon.ts';
import { loopbackSpyAs } from '../helpers/loopbackSpy.ts';
import { otherUidSkip } from '../helpers/otherUid.ts';
import { useMotoAndProxy } from '../helpers/stsFixture.ts';
import { tempDir } from '../helpers/tempDir.ts';

const sts = useMotoAndProxy();
const CODE = '731942';
const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';

/** Profile `mfa`: a role behind an MFA session (mfa_process prints CODE), its STS endpoint
 *  from a services section that names the proxy; no endpoint variables set. */
function world(t: TestContext): Record<string, string | undefined> {
  const home = tempDir(t);
  mkdirSync(join(home, '.aws'));
  const config = [
    '[profile mfa]',
    'role_arn = arn:aws:iam::123456789012:role/mfa',
    'source_profile = base',
    'mfa_serial = arn:aws:iam::123456789012:mfa/tester',
    `mfa_process = /bin/echo ${CODE}`,
    'region = us-east-1',
    'services = local',
    '[profile base]',
    'region = us-east-1',
    '[services local]',
    'sts =',
    `  endpoint_url = ${sts.proxy.url}`,
    '',
  ].join('\n');
  writeFileSync(join(home, '.aws', 'config'), config);
  writeFileSync(join(home, '.aws', 'credentials'), `[base]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = CANARY-k-endpoints\n`);
  return awsxEnv({
    ...privateRuntime(t).env,
    HOME: home,
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  });
}

test('AWS_ENDPOINT_URL pointing at another uid\'s loopback listener gets no signed call, key id or MFA code: awsx uses the STS endpoint of the profile (security 49)', { skip: otherUidSkip }, async (t) => {
  const spy = await loopbackSpyAs(t);
  const env = { ...world(t), AWS_ENDPOINT_URL: spy.url, AWSX_ALLOW_INSECURE_ENDPOINTS: '1' };
  const r = await runAwsx(['env', 'mfa', '--shell', 'json'], { env, built: true });
  assert.equal(r.code, 0, r.stderr);
  assert.match(JSON.parse(r.stdout).AWS_ACCESS_KEY_ID as string, /^ASIA/);
  assert.equal(sts.proxy.count('GetSessionToken'), 1, 'the MFA session came from the profile\'s endpoint');
  assert.equal(spy.received(), '', 'the listener on AWS_ENDPOINT_URL received something');
});

test('plain http to a loopback STS without AWSX_ALLOW_INSECURE_ENDPOINTS=1 is refused before anything is sent, and the refusal says why and what to set (security 48, 49)', { skip: otherUidSkip }, async (t) => {
  const spy = await loopbackSpyAs(t);
  const env = { ...world(t), AWS_ENDPOINT_URL_STS: spy.url };
  const r = await runAwsx(['env', 'mfa'], { env, built: true });
  assert.notEqual(r.code, 0);
  assert.equal(r.stdout, '');
  assert.equal(
    r.stderr,
    `awsx: profile mfa: refusing STS endpoint ${spy.url} (from AWS_ENDPOINT_URL_STS): plain http, and any local user can listen on a loopback port\n` +
      '  fix: use an https:// endpoint; for a test service on this machine (moto, LocalStack) set AWSX_ALLOW_INSECURE_ENDPOINTS=1\n',
  );
  assert.equal(spy.received(), '', 'the listener received something');
  assert.equal(sts.proxy.count('GetSessionToken'), 0);
});
