// docs/security.md test 47: `awsx credential-process` as the credential_process of a
// profile, consumed by boto3 and by the JS SDK's fromProcess (the package the pinned
// @aws-sdk/client-sts depends on), from a path that contains a space; its failures; and
// its own deadline when the daemon is hung or cannot be reached (JS runs credential_process
// with no timeout of its own).
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { PROTOCOL_VERSION } from '../../src/ipc/protocol.ts';
import { CLIENT_VERSION } from '../../src/ipc/version.ts';
import { quotePosix } from '../../src/shell/quote.ts';
import { awsxArgv, awsxEnv, runAwsx, type RunResult } from '../helpers/cli.ts';
import { privateRuntime } from '../helpers/daemon.ts';
import { liveHome, startDaemon, type LiveHome } from '../helpers/liveDaemon.ts';
import { runProgram } from '../helpers/shell.ts';
import { useMotoAndProxy } from '../helpers/stsFixture.ts';
import { tempDir } from '../helpers/tempDir.ts';

const sts = useMotoAndProxy();

const SECRET = 'CANARY-k-credential-process-secret';
const MFA = 'arn:aws:iam::123456789012:mfa/tester';

/** An `awsx` executable in a directory whose name has a space. */
function awsxWithSpace(t: TestContext): string {
  const dir = join(tempDir(t), 'my tools');
  mkdirSync(dir);
  const path = join(dir, 'awsx');
  writeFileSync(path, `#!/bin/sh\nexec ${awsxArgv([], true).map(quotePosix).join(' ')} "$@"\n`);
  chmodSync(path, 0o755);
  return path;
}

function world(t: TestContext): LiveHome {
  const awsx = awsxWithSpace(t);
  const role = (name: string, extra = '') => `[profile ${name}]\nrole_arn = arn:aws:iam::123456789012:role/${name}\nsource_profile = base\nregion = us-east-1\n${extra}`;
  const config = [
    role('app'),
    role('denied'),
    role('mfa', `mfa_serial = ${MFA}\n`),
    // Quoted as the AWS docs say for a path with a space; botocore and the JS SDK both split it.
    `[profile viaawsx]\ncredential_process = "${awsx}" credential-process app\nregion = us-east-1\n`,
    `[profile viadenied]\ncredential_process = "${awsx}" credential-process denied\nregion = us-east-1\n`,
  ].join('');
  return liveHome(t, sts.proxy.url, { config, credentials: `[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = ${SECRET}\n` });
}

const BOTO3 = `
import boto3, json, sys
s = boto3.Session(profile_name='viaawsx')
c = s.get_credentials().get_frozen_credentials()
me = s.client('sts', endpoint_url=sys.argv[1]).get_caller_identity()
print(json.dumps({'key': c.access_key, 'arn': me['Arn']}))
`;

// fromProcess reads AWS_CONFIG_FILE and runs the command with exec(), with this env.
const JS_SDK = `
import { fromProcess } from '@aws-sdk/credential-provider-process';
const c = await fromProcess({ profile: 'viaawsx' })();
console.log(JSON.stringify({ key: c.accessKeyId, secret: Boolean(c.secretAccessKey), token: Boolean(c.sessionToken), expiration: c.expiration?.toISOString() }));
`;

function assertCleanFailure(r: RunResult, message: RegExp): void {
  assert.notEqual(r.code, 0);
  assert.equal(r.stdout, '', 'nothing on stdout');
  assert.match(r.stderr, message);
  assert.ok(!r.stderr.includes(SECRET), 'no secret in stderr');
}

describe('credential_process = awsx credential-process', { concurrency: true }, () => {
  test('boto3 and the JS SDK read it from a path with a space: Version 1, one JSON object, Expiration at least 15 min ahead (security 47)', async (t) => {
    const h = world(t);
    await startDaemon(h);
    const direct = await runAwsx(['credential-process', 'app'], { env: awsxEnv(h.env), built: true });
    assert.equal(direct.code, 0, direct.stderr);
    assert.equal(direct.stdout.split('\n').length, 2, 'one line, newline-terminated');
    const out = JSON.parse(direct.stdout) as Record<string, unknown>;
    assert.equal(out['Version'], 1);
    assert.ok(Date.parse(String(out['Expiration'])) >= Date.now() + 15 * 60_000, String(out['Expiration']));

    const boto = await runProgram('python3', ['-c', BOTO3, sts.moto.url], h.env);
    assert.equal(boto.code, 0, boto.stderr);
    const b = JSON.parse(boto.stdout) as { key: string; arn: string };
    assert.equal(b.key, out['AccessKeyId'], 'the cached session');
    assert.match(b.arn, /:assumed-role\/app\//);

    const js = await runProgram(process.execPath, ['--input-type=module', '-e', JS_SDK], h.env);
    assert.equal(js.code, 0, js.stderr);
    const j = JSON.parse(js.stdout) as { key: string; secret: boolean; token: boolean; expiration: string };
    assert.deepEqual({ ...j, expiration: undefined }, { key: out['AccessKeyId'], secret: true, token: true, expiration: undefined });
    assert.ok(Date.parse(j.expiration) >= Date.now() + 15 * 60_000);
  });

  test('failures: non-zero, nothing on stdout, no secret in stderr (security 47)', async (t) => {
    const h = world(t);
    await startDaemon(h);
    sts.proxy.failNext(Infinity, { kind: 'accessDenied', message: 'User: arn:aws:iam::123456789012:user/base is not authorized to perform: sts:AssumeRole' }, (r) => r.params['RoleArn']?.endsWith('role/denied') === true);
    const cases: [string[], RegExp][] = [
      [['credential-process', 'nope'], /^awsx: profile nope: not found/],
      [['credential-process', 'denied'], /^awsx: AssumeRole \S+role\/denied: not authorized to perform sts:AssumeRole/],
      [['credential-process', 'mfa', '--mfa-code', '12'], /^awsx: --mfa-code: an MFA code is 6 digits/],
      [['credential-process'], /^awsx: credential-process: name exactly one profile/],
    ];
    for (const [args, message] of cases) assertCleanFailure(await runAwsx(args, { env: awsxEnv(h.env), built: true }), message);
    // What a consumer sees: boto3 fails with awsx's message, and no credentials.
    const py = `import boto3\ntry:\n    boto3.Session(profile_name='viadenied').get_credentials().get_frozen_credentials()\n    print('GOT CREDENTIALS')\nexcept Exception as e:\n    print(type(e).__name__, e)`;
    const boto = await runProgram('python3', ['-c', py], h.env);
    assert.match(boto.stdout, /^CredentialRetrievalError .*not authorized to perform sts:AssumeRole/);
    assert.ok(!boto.stdout.includes(SECRET) && !boto.stderr.includes(SECRET));
  });

  // Either way the command's own 10 s deadline ends it (or, where a client says hello first,
  // the hello's shorter timeout).
  const hungDaemons: [string, (socket: net.Socket) => void, RegExp][] = [
    ['accepts and never answers', () => undefined, /^awsx: (credential-process app: no answer within 10000 ms|daemon: no answer to hello within 3 s)\n {2}fix: /],
    ['says hello, then never answers', (socket) => {
      socket.setEncoding('utf8').on('data', (d: string) => {
        for (const line of d.split('\n').filter((l) => l.includes('"hello"'))) {
          const id = (JSON.parse(line) as { id: number }).id;
          socket.write(JSON.stringify({ id, ok: true, result: { protocol: PROTOCOL_VERSION, daemon: CLIENT_VERSION, pid: process.pid } }) + '\n');
        }
      });
    }, /^awsx: credential-process app: no answer within 10000 ms\n {2}fix: /],
  ];
  for (const [what, behave, message] of hungDaemons) {
    test(`a hung daemon that ${what}: an error within the default 10 s, nothing on stdout (security 47)`, async (t) => {
      const rt = privateRuntime(t);
      mkdirSync(rt.dir, { mode: 0o700 });
      const hung = net.createServer(behave);
      await new Promise<void>((r) => hung.listen(rt.socket, r));
      t.after(() => hung.close());
      const started = performance.now();
      const r = await runAwsx(['credential-process', 'app'], { env: awsxEnv(rt.env), built: true });
      const took = performance.now() - started;
      assertCleanFailure(r, message);
      // The message says the 10 s deadline ended it; a CLI that hung would be killed by
      // runAwsx's 30 s limit and fail above. The time is a diagnostic: a busy machine adds to it.
      t.diagnostic(`gave up after ${Math.round(took)} ms`);
    });
  }

  test('an unreachable daemon (a runtime dir it may not use): a prompt error, nothing on stdout (security 47)', async (t) => {
    const rt = privateRuntime(t);
    mkdirSync(rt.dir, { mode: 0o755 });
    chmodSync(rt.dir, 0o755);
    const started = performance.now();
    const r = await runAwsx(['credential-process', 'app'], { env: awsxEnv(rt.env), built: true });
    assertCleanFailure(r, /^awsx: .*runtime dir/);
    assert.ok(performance.now() - started < 10_000);
  });
});
