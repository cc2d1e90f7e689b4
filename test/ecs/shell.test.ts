// `awsx use PROFILE --ecs-server` in real bash, zsh and fish (issue 15): the shell holds the
// container endpoint and a token instead of keys, a command started from it gets the role
// through the endpoint, the prompt segment shows the profile and time left, `awsx clear`
// revokes the token, and once the shell has exited its token is refused. `ecs_server = true`
// in [awsx] makes it the default of `awsx use`.
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { awsxArgv } from '../helpers/cli.ts';
import { fetchCreds } from '../helpers/ecsEndpoint.ts';
import { parseShown, PROMPT, runHooked, showVariables, type RealShell } from '../helpers/hookedShell.ts';
import { findBinary } from '../helpers/realShell.ts';
import { useMotoAndProxy } from '../helpers/stsFixture.ts';
import { stsWorld } from '../helpers/stsWorld.ts';

const sts = useMotoAndProxy();
const SHELLS: readonly RealShell[] = ['bash', 'zsh', 'fish'];
const SHOWN = ['AWSX_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_REGION'];

describe('awsx use --ecs-server in a real shell', () => {
  for (const shell of SHELLS) {
    test(`${shell}: the role through the endpoint, no keys in the shell, the prompt segment, and the token dies with the shell`, { skip: findBinary(shell) === undefined ? `${shell} is not installed` : false }, async (t) => {
      const w = stsWorld(t, sts.proxy.url);
      const script = [
        'awsx use app --ecs-server',
        showVariables(shell, SHOWN),
        PROMPT[shell],
        `printf 'segment=%s\\n' "$AWSX_PROMPT"`,
        `aws sts get-caller-identity --query Arn --output text | sed 's/^/arn=/'`,
      ].join('\n');
      const run = await runHooked(t, shell, script, { bin: awsxArgv([], true), env: w.env, timeoutMs: 90_000 });
      assert.equal(run.code, 0, run.stderr);
      const shown = parseShown(run.stdout);
      for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) assert.equal(shown.get(name), undefined, name);
      assert.equal(shown.get('AWSX_PROFILE'), 'app');
      assert.equal(shown.get('AWS_REGION'), 'eu-west-1');
      assert.match(shown.get('AWS_CREDENTIAL_EXPIRATION') ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.match(shown.get('segment') ?? '', /^app (59|60)m$|^app 1h0m$/);
      assert.match(shown.get('arn') ?? '', /:assumed-role\/app\//, run.stderr);
      const url = shown.get('AWS_CONTAINER_CREDENTIALS_FULL_URI')!;
      const token = shown.get('AWS_CONTAINER_AUTHORIZATION_TOKEN')!;
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/creds\//);
      // The shell has exited: its token with it.
      const after = await fetchCreds(url, token);
      assert.equal(after.status, 403, after.body);
    });
  }

  test('bash: awsx clear revokes the token; ecs_server = true in [awsx] makes it the default of awsx use; the hook renews only the expiry', { skip: findBinary('bash') === undefined ? 'bash is not installed' : false }, async (t) => {
    const w = stsWorld(t, sts.proxy.url);
    appendFileSync(w.env['AWS_CONFIG_FILE']!, '[awsx]\necs_server = true\n');
    const script = [
      'awsx use app',
      `printf 'url=%s\\ntoken=%s\\n' "$AWS_CONTAINER_CREDENTIALS_FULL_URI" "$AWS_CONTAINER_AUTHORIZATION_TOKEN"`,
      // The hook near expiry: only AWS_CREDENTIAL_EXPIRATION comes back, no key.
      'AWS_CREDENTIAL_EXPIRATION=2000-01-01T00:00:00Z',
      PROMPT.bash,
      showVariables('bash', ['AWS_ACCESS_KEY_ID', 'AWS_CREDENTIAL_EXPIRATION']),
      'awsx clear',
      showVariables('bash', ['AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN', 'AWSX_PROFILE']),
      // Still running: the clear alone revoked the token.
      `printf 'status=%s\\n' "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: $__t" "$__u")"`,
    ].join('\n').replace('awsx clear', '__u=$AWS_CONTAINER_CREDENTIALS_FULL_URI __t=$AWS_CONTAINER_AUTHORIZATION_TOKEN; awsx clear');
    const run = await runHooked(t, 'bash', script, { bin: awsxArgv([], true), env: w.env, timeoutMs: 90_000 });
    assert.equal(run.code, 0, run.stderr);
    const shown = parseShown(run.stdout);
    assert.match(shown.get('url') ?? '', /^http:\/\/127\.0\.0\.1:\d+\/creds\//, 'the default from [awsx]');
    assert.equal(shown.get('AWS_ACCESS_KEY_ID'), undefined);
    assert.ok(Date.parse(shown.get('AWS_CREDENTIAL_EXPIRATION') ?? '') > Date.now(), 'the hook renewed the expiry');
    for (const name of ['AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN', 'AWSX_PROFILE']) assert.equal(shown.get(name), undefined, name);
    assert.equal(shown.get('status'), '403', 'revoked by awsx clear while the shell still runs');
  });
});
