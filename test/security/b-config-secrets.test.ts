// docs/security.md test 50 (issue 17, item 2): a broken credentials file never has its
// lines quoted (file and line only), and no value shaped like a secret (an access key id,
// a 40-character secret key, a session token) from either file reaches stderr, daemon.log
// or the warning repeated on every answer. The pasted line is an IAM console CSV row.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { awsxEnv, runAwsx, type RunResult } from '../helpers/cli.ts';
import { useMotoAndProxy } from '../helpers/stsFixture.ts';
import { stsWorld } from '../helpers/stsWorld.ts';

const sts = useMotoAndProxy();

/** A fresh key id and secret key of the real shapes, so a leak is a plain search. */
function pastedKeys(): { keyId: string; secret: string; token: string } {
  const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const keyId = 'AKIA' + [...randomBytes(16)].map((b) => upper[b % 32]).join('');
  const secret = ('Kq7/' + randomBytes(30).toString('base64').replace(/=/g, 'x')).slice(0, 40);
  const token = 'IQoJb3JpZ2luX2VjE' + randomBytes(120).toString('base64').replace(/=/g, '');
  return { keyId, secret, token };
}

function assertNoSecrets(what: string, text: string, secrets: readonly string[]): void {
  for (const s of secrets) assert.ok(!text.includes(s) && !text.includes(s.slice(4, 24)), `${what} quotes a secret:\n${text}`);
}

test('a pasted IAM CSV line in the credentials file is reported by file and line, and no key id, secret key or token from either file reaches stderr, the warning on every answer or daemon.log (security 50)', async (t) => {
  const w = stsWorld(t, sts.proxy.url);
  const env = awsxEnv(w.env);
  const run = (args: string[]): Promise<RunResult> => runAwsx(args, { env, built: true });
  const creds = w.env.AWS_SHARED_CREDENTIALS_FILE!;
  const config = w.env.AWS_CONFIG_FILE!;
  const k = pastedKeys();
  const secrets = [k.keyId, k.secret, k.token];

  assert.equal((await run(['env', 'app'])).code, 0, 'the daemon has read a good config');
  appendFileSync(creds, `${k.keyId},${k.secret}\n`);

  // The daemon serves from the last good config, with the warning on the answer.
  const served = await run(['env', 'app']);
  assert.equal(served.code, 0, served.stderr);
  assert.match(served.stderr, new RegExp(`awsx: warning: ${creds.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}, line 4: `));
  assertNoSecrets('the last-good-config warning', served.stderr, secrets);
  assertNoSecrets('daemon.log', readFileSync(w.runtime.log, 'utf8'), secrets);

  // The CLI's own reading (profile commands), and a daemon that never read a good config.
  for (const args of [['profile', 'list'], ['profile', 'show', 'app'], ['profile', 'explain', 'app']]) {
    const r = await run(args);
    assert.notEqual(r.code, 0, args.join(' '));
    assert.match(r.stderr, /credentials, line 4: /, args.join(' '));
    assertNoSecrets(`awsx ${args.join(' ')}`, r.stderr + r.stdout, secrets);
  }
  assert.equal((await run(['daemon', 'stop'])).code, 0);
  const cold = await run(['env', 'app']);
  assert.notEqual(cold.code, 0);
  assert.equal(cold.stdout, '');
  assert.match(cold.stderr, /credentials, line 4: /);
  assertNoSecrets('a cold daemon\'s error', cold.stderr, secrets);

  // In the config file, lines are quoted (they help), but never a secret-shaped value.
  writeFileSync(creds, `[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = ${w.canary}\n`);
  appendFileSync(config, `[profile pasted]\naws_secret_access_key ${k.secret}\naws_session_token ${k.token}\n`);
  const fromConfig = await run(['env', 'app']);
  assert.match(fromConfig.stderr, /config, line \d+: "aws_secret_access_key \S+" is not "key = value"/);
  assertNoSecrets('a config parse error', fromConfig.stderr, secrets);
  assertNoSecrets('daemon.log', readFileSync(w.runtime.log, 'utf8'), secrets);
});
