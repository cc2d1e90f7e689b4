// The session commands end to end against moto, with real consumers: sh evaluating
// `awsx env`, the AWS CLI and boto3 reading `credential_process = awsx credential-process`,
// and programs run by `awsx exec`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import net from 'node:net';
import { awsxEnv, REPO_ROOT, runAwsx, spawnAwsx } from '../helpers/cli.ts';
import { privateRuntime } from '../helpers/daemon.ts';
import { startMoto, type Moto } from '../helpers/moto.ts';
import { runInPty } from '../helpers/pty.ts';
import { runProgram, runSh } from '../helpers/shell.ts';
import { ACCOUNT, MFA_SERIAL, stsWorld } from '../helpers/stsWorld.ts';

let moto: Moto;
before(async () => {
  moto = await startMoto();
});
after(() => moto?.stop());

const callerArn = (stdout: string): string => (JSON.parse(stdout) as { Arn: string }).Arn;

test('eval "$(awsx env app)" then the AWS CLI is the role; json and dotenv formats carry the same keys', async (t) => {
  const w = stsWorld(t, moto.url);
  const r = await runSh('eval "$("$AWSX_BIN" env app --shell bash)" && aws sts get-caller-identity', w.env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(callerArn(r.stdout), new RegExp(`^arn:aws:sts::${ACCOUNT}:assumed-role/app/`));
  const json = JSON.parse((await runAwsx(['env', 'app', '--shell', 'json'], { env: awsxEnv(w.env) })).stdout) as Record<string, string>;
  assert.equal(json.AWSX_PROFILE, 'app');
  assert.equal(json.AWS_REGION, 'eu-west-1');
  assert.ok(Date.parse(json.AWS_CREDENTIAL_EXPIRATION!) > Date.now() + 15 * 60_000);
  const dotenv = (await runAwsx(['env', 'app', '--shell', 'dotenv'], { env: awsxEnv(w.env) })).stdout;
  assert.match(dotenv, new RegExp(`AWS_ACCESS_KEY_ID="${json.AWS_ACCESS_KEY_ID}"`), 'served from the cache: the same key');
});

test('failures leave stdout empty and exit non-zero', async (t) => {
  const w = stsWorld(t, moto.url);
  for (const args of [['env', 'nope'], ['env', 'app', '--shell', 'tcsh'], ['env'], ['credential-process', 'nope'], ['env', 'app', '--mfa-code', '12']]) {
    const r = await runAwsx(args, { env: awsxEnv(w.env) });
    assert.notEqual(r.code, 0, args.join(' '));
    assert.equal(r.stdout, '', args.join(' '));
    assert.match(r.stderr, /^awsx: /);
  }
});

test('MFA: --mfa-code, a reused code refused, a prompt on the terminal, and no terminal (security 38)', async (t) => {
  const w = stsWorld(t, moto.url);
  const r = await runSh('eval "$("$AWSX_BIN" env mfa --mfa-code 123456 --shell bash)" && aws sts get-caller-identity', w.env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(callerArn(r.stdout), /assumed-role\/mfa\//);
  assert.equal((await runAwsx(['forget', '--all'], { env: awsxEnv(w.env) })).code, 0);
  const reused = await runAwsx(['env', 'mfa', '--mfa-code', '123456'], { env: awsxEnv(w.env) });
  assert.equal(reused.code, 1);
  assert.equal(reused.stdout, '');
  assert.match(reused.stderr, /was used already/);

  // No controlling terminal (setsid): say how to give a code, at once.
  const headless = await runProgram('setsid', ['-w', ...nodeCli(['env', 'mfa'])], w.env);
  assert.equal(headless.code, 1);
  assert.equal(headless.stdout, '');
  assert.ok(headless.stderr.includes(`profile mfa needs an MFA code for ${MFA_SERIAL}: run \`awsx env mfa --mfa-code CODE\` or \`awsx use mfa\` in a terminal`), headless.stderr);

  const pty = await runInPty(nodeCli(['env', 'mfa', '--shell', 'json']), { env: awsxEnv(w.env), cwd: REPO_ROOT, answers: [{ after: `MFA code for ${MFA_SERIAL}: `, send: '654321\r' }] });
  assert.equal(pty.code, 0, pty.screen);
  assert.match(pty.screen, /"AWSX_PROFILE": "mfa"/);
});

function nodeCli(args: string[]): string[] {
  return [process.execPath, '--import', 'tsx', 'src/cli/main.ts', ...args];
}

test('credential_process = awsx credential-process app, read by the AWS CLI and by boto3 (security 47)', async (t) => {
  const w = stsWorld(t, moto.url);
  const cli = await runProgram('aws', ['sts', 'get-caller-identity', '--profile', 'viaawsx'], w.env);
  assert.equal(cli.code, 0, cli.stderr);
  assert.match(callerArn(cli.stdout), /assumed-role\/app\//);
  const py = `import boto3, json; print(json.dumps(boto3.Session(profile_name="viaawsx").client("sts", endpoint_url=${JSON.stringify(moto.url)}).get_caller_identity()))`;
  const boto = await runProgram('python3', ['-c', py], w.env);
  assert.equal(boto.code, 0, boto.stderr);
  assert.match(callerArn(boto.stdout), /assumed-role\/app\//);
});

test('credential-process output: Version 1 with an RFC 3339 Expiration at least 15 min ahead (security 47)', async (t) => {
  const w = stsWorld(t, moto.url);
  const r = await runAwsx(['credential-process', 'app'], { env: awsxEnv(w.env) });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim().split('\n').length, 1);
  const out = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.deepEqual(Object.keys(out).sort(), ['AccessKeyId', 'AccountId', 'Expiration', 'SecretAccessKey', 'SessionToken', 'Version']);
  assert.equal(out.Version, 1);
  assert.match(String(out.Expiration), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.ok(Date.parse(String(out.Expiration)) > Date.now() + 15 * 60_000);
});

test('credential-process with a daemon that never answers: a message on stderr within the deadline (security 47)', async (t) => {
  const rt = privateRuntime(t);
  mkdirSync(rt.dir, { mode: 0o700 });
  const hung = net.createServer(() => undefined); // accepts, never answers
  await new Promise<void>((r) => hung.listen(rt.socket, r));
  t.after(() => hung.close());
  // The deadline is what ended it (its message, exit 1); a CLI that hung would be killed by
  // runAwsx's own 30 s limit and fail here. How long it took is no check on a busy machine.
  const started = performance.now();
  const r = await runAwsx(['credential-process', 'app'], { env: awsxEnv({ ...rt.env, AWSX_TIMEOUT_MS: '1500' }) });
  t.diagnostic(`gave up after ${Math.round(performance.now() - started)} ms`);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /no answer within 1500 ms/);
});

test('exec: credentials in the env, AWS_PROFILE gone, the exit code and signals passed through', async (t) => {
  const w = stsWorld(t, moto.url);
  const env = { ...w.env, AWS_PROFILE: 'stale' };
  const r = await runAwsx(['exec', 'app', '--', 'sh', '-c', 'echo "$AWSX_PROFILE ${AWS_PROFILE-unset} ${AWS_SESSION_TOKEN:+token}"; exit 7'], { env: awsxEnv(env) });
  assert.equal(r.code, 7, r.stderr);
  assert.equal(r.stdout, 'app unset token\n');
  const aws = await runAwsx(['exec', 'app', '--', 'aws', 'sts', 'get-caller-identity'], { env: awsxEnv(w.env) });
  assert.equal(aws.code, 0, `${aws.signal ?? ''} ${aws.stderr}`);
  assert.match(callerArn(aws.stdout), /assumed-role\/app\//);
  assert.equal((await runAwsx(['exec', 'app', '--', 'sh', '-c', 'kill -KILL $$'], { env: awsxEnv(w.env) })).code, 137);

  const child = spawnAwsx(['exec', 'app', '--', 'sh', '-c', 'trap "exit 42" TERM; echo ready; while :; do sleep 0.05; done'], { env: awsxEnv(w.env) });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  await new Promise<void>((resolve) => child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));
  child.kill('SIGTERM');
  assert.equal(await exited, 42);
});

test('exec without "--": everything after the profile is the command, its options too; no command runs $SHELL (issue 18.7)', async (t) => {
  const w = stsWorld(t, moto.url);
  const aws = await runAwsx(['exec', 'app', 'aws', 'sts', 'get-caller-identity', '--output', 'text', '--query', 'Arn'], { env: awsxEnv(w.env) });
  assert.equal(aws.code, 0, aws.stderr);
  assert.match(aws.stdout, /^arn:aws:sts::\d+:assumed-role\/app\/\S+\n$/);
  // exec's own options still go before the command; the command's own -c is its own.
  const ecs = await runAwsx(['exec', 'app', '--ecs-server', 'sh', '-c', 'echo "${AWS_CONTAINER_CREDENTIALS_FULL_URI:+endpoint} ${AWS_ACCESS_KEY_ID-nokeys}"'], { env: awsxEnv(w.env) });
  assert.deepEqual([ecs.code, ecs.stdout], [0, 'endpoint nokeys\n'], ecs.stderr);
  // No command: $SHELL, here a script that shows it ran with the profile's credentials.
  const shell = join(w.env.HOME!, 'fake-shell');
  writeFileSync(shell, '#!/bin/sh\necho "shell $AWSX_PROFILE ${AWS_SESSION_TOKEN:+token}"\n', { mode: 0o755 });
  const bare = await runAwsx(['exec', 'app'], { env: awsxEnv({ ...w.env, SHELL: shell }) });
  assert.deepEqual([bare.code, bare.stdout], [0, 'shell app token\n'], bare.stderr);
});

test('whoami for a profile and for this shell\'s credentials; sessions and forget', async (t) => {
  const w = stsWorld(t, moto.url);
  const created = Date.now();
  const id = await runAwsx(['whoami', 'app', '--json'], { env: awsxEnv(w.env) });
  assert.equal(id.code, 0, id.stderr);
  assert.match(callerArn(id.stdout), /assumed-role\/app\//);
  const mine = await runSh('eval "$("$AWSX_BIN" env app --shell bash)" && "$AWSX_BIN" whoami --json', w.env);
  assert.equal(mine.code, 0, mine.stderr);
  assert.match(callerArn(mine.stdout), /assumed-role\/app\//);
  const none = await runAwsx(['whoami'], { env: awsxEnv(w.env) });
  assert.equal(none.code, 1);
  assert.match(none.stderr, /no AWS_ACCESS_KEY_ID/);

  const listed = JSON.parse((await runAwsx(['sessions', '--json'], { env: awsxEnv(w.env) })).stdout) as { profile: string; expiration: string; needsMfaToRefresh: boolean }[];
  assert.deepEqual(listed.map((s) => s.profile), ['app']);
  const asked = Date.now();
  const table = (await runAwsx(['sessions'], { env: awsxEnv(w.env) })).stdout;
  const answered = Date.now();
  const row = /^PROFILE\s+IDENTITY\s+KEY\s+EXPIRES\s+LEFT\s+MFA\napp\s+arn:aws:iam::123456789012:role\/app\s+…\w{4}\s+(\S+Z)\s+(\d+)m\s+no\n$/.exec(table);
  assert.ok(row, table);
  // LEFT is EXPIRES less the time the command ran at (somewhere between asked and answered).
  const left = (at: number): number => (Date.parse(row[1]!) - at) / 60_000;
  assert.ok(Number(row[2]) >= Math.floor(left(answered)) - 1 && Number(row[2]) <= Math.ceil(left(asked)), table);
  // A one-hour session, made by the first whoami: its expiry is an hour after a time in between.
  assert.ok(left(created) >= 59.9 && left(asked) <= 60, `a one-hour session made after ${new Date(created).toISOString()}: ${table}`);
  assert.equal((await runAwsx(['forget', 'app'], { env: awsxEnv(w.env) })).stdout, '1 session dropped\n');
  assert.equal((await runAwsx(['sessions'], { env: awsxEnv(w.env) })).stdout, 'no sessions\n');
  assert.equal((await runAwsx(['forget', 'app', '--all'], { env: awsxEnv(w.env) })).code, 2);
});

test('daemon start, status, stop', async (t) => {
  const rt = privateRuntime(t);
  const notRunning = await runAwsx(['daemon', 'status'], { env: awsxEnv(rt.env) });
  assert.deepEqual([notRunning.code, notRunning.stdout], [3, 'awsx daemon not running\n']);
  assert.match((await runAwsx(['daemon', 'start'], { env: awsxEnv(rt.env) })).stdout, /^awsx daemon running \(pid \d+\)\n$/);
  const status = JSON.parse((await runAwsx(['daemon', 'status', '--json'], { env: awsxEnv(rt.env) })).stdout) as Record<string, unknown>;
  assert.equal(status.running, true);
  assert.equal(status.runtimeDir, rt.dir);
  assert.equal(status.engineLoaded, false, 'no request needed STS, so the SDK was never loaded');
  assert.match((await runAwsx(['daemon', 'stop'], { env: awsxEnv(rt.env) })).stdout, /^awsx daemon stopped \(pid \d+\)\n$/);
  assert.equal((await runAwsx(['daemon', 'stop'], { env: awsxEnv(rt.env) })).stdout, 'awsx daemon not running\n');
});
