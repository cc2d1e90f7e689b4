// Signals and lifetime of a running daemon (docs/security.md Appendix A "Signals"; tests 7,
// 10, 23): SIGTERM drains, a second signal exits at once, SIGUSR1 opens no inspector,
// SIGUSR2 drops sessions, an idle daemon leaves, and one whose socket was removed leaves
// without unlinking anything. The daemon runs in the foreground as the test's child; a
// credential_process that sleeps gives it slow work without STS.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { runAwsx, spawnAwsx, awsxEnv } from '../helpers/cli.ts';
import { privateRuntime, spawnForegroundDaemon, type ForegroundDaemon } from '../helpers/daemon.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { waitFor } from '../helpers/waitFor.ts';
import { listeningTcpInodes, socketInodesOf } from '../helpers/procNet.ts';

/** A config whose profile `slow` runs a credential_process taking `seconds`. */
function slowProfile(t: TestContext, seconds: number): Record<string, string> {
  const dir = tempDir(t);
  const script = join(dir, 'slow.sh');
  writeFileSync(script, `#!/bin/sh\nsleep ${seconds}\necho '{"Version": 1, "AccessKeyId": "AKIDSLOWPROCESS", "SecretAccessKey": "s3cr3t", "Expiration": "2099-01-01T00:00:00Z"}'\n`);
  chmodSync(script, 0o755);
  mkdirSync(join(dir, 'aws'));
  writeFileSync(join(dir, 'aws', 'config'), `[profile slow]\ncredential_process = ${script}\nregion = eu-west-1\n`);
  return { HOME: dir, AWS_CONFIG_FILE: join(dir, 'aws', 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws', 'credentials') };
}

async function listening(daemon: ForegroundDaemon): Promise<void> {
  await waitFor(() => daemon.log().includes('listening on'), 'the daemon to listen', 10_000);
}

function canConnect(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createConnection({ path });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

test('SIGTERM drains: the request in flight gets its answer, then the daemon exits 0 and removes its socket and lock (security 23)', async (t) => {
  const rt = privateRuntime(t);
  const files = slowProfile(t, 1.5);
  const daemon = spawnForegroundDaemon(t, rt);
  await listening(daemon);
  const env = spawnAwsx(['env', 'slow', '--shell', 'json'], { env: awsxEnv({ ...rt.env, ...files }) });
  const envExit = new Promise<number | null>((r) => env.once('exit', (code) => r(code)));
  let stdout = '';
  env.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  await waitFor(() => procHasChild(daemon.child.pid!), 'the credential_process to run', 10_000);
  daemon.child.kill('SIGTERM');
  await waitFor(async () => !(await canConnect(rt.socket)), 'new connections to be refused', 3_000);
  assert.equal(await envExit, 0);
  assert.match(stdout, /AKIDSLOWPROCESS/);
  assert.deepEqual(await daemon.exited, { code: 0, signal: null });
  assert.equal(existsSync(rt.socket), false);
  assert.equal(existsSync(join(rt.dir, 'awsxd.lock')), false);
  assert.match(daemon.log(), /stopping \(SIGTERM\): draining/);
});

function procHasChild(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim() !== '';
  } catch {
    return false;
  }
}

test('a second SIGTERM while draining exits at once (security 23)', async (t) => {
  const rt = privateRuntime(t);
  const files = slowProfile(t, 30);
  const daemon = spawnForegroundDaemon(t, rt);
  await listening(daemon);
  const env = spawnAwsx(['env', 'slow'], { env: awsxEnv({ ...rt.env, ...files }) });
  const envExit = new Promise<number | null>((r) => env.once('exit', (code) => r(code)));
  t.after(() => env.kill('SIGKILL'));
  await waitFor(() => procHasChild(daemon.child.pid!), 'the credential_process to run', 10_000);
  daemon.child.kill('SIGTERM');
  await waitFor(() => daemon.log().includes('draining'), 'the drain to start');
  const started = performance.now();
  daemon.child.kill('SIGTERM');
  assert.deepEqual(await daemon.exited, { code: 0, signal: null });
  assert.ok(performance.now() - started < 1_000);
  assert.equal(await envExit, 1, 'the waiting CLI fails instead of hanging');
});

// SIGUSR2 drops every session, like `awsx lock` without the lock (T17: nothing kept in memory).
test('SIGUSR1 opens no inspector and the daemon keeps serving; SIGUSR2 drops sessions; SIGHUP is logged (security 10, 27)', async (t) => {
  const rt = privateRuntime(t);
  const files = slowProfile(t, 0);
  const daemon = spawnForegroundDaemon(t, rt);
  await listening(daemon);
  const pid = daemon.child.pid!;
  const before = listeningTcpInodes();
  daemon.child.kill('SIGUSR1');
  await waitFor(() => daemon.log().includes('SIGUSR1 ignored'), 'the SIGUSR1 handler to run');
  assert.equal(await canConnectTcp(9229), false, 'no inspector on the default port');
  assert.deepEqual([...socketInodesOf(pid)].filter((i) => !before.has(i) && listeningTcpInodes().has(i)), []);
  assert.equal((await runAwsx(['env', 'slow'], { env: awsxEnv({ ...rt.env, ...files }) })).code, 0);
  const listed = await runAwsx(['sessions', '--json'], { env: awsxEnv(rt.env) });
  assert.equal(JSON.parse(listed.stdout).length, 1);
  daemon.child.kill('SIGUSR2');
  await waitFor(() => daemon.log().includes('SIGUSR2'), 'the SIGUSR2 handler to run');
  assert.deepEqual(JSON.parse((await runAwsx(['sessions', '--json'], { env: awsxEnv(rt.env) })).stdout), []);
  daemon.child.kill('SIGHUP');
  await waitFor(() => daemon.log().includes('SIGHUP'), 'the SIGHUP handler to run');
  assert.equal(daemon.child.exitCode, null);
});

function canConnectTcp(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createConnection({ host: '127.0.0.1', port });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

test('an idle daemon with no sessions exits by itself and cleans up', async (t) => {
  const rt = privateRuntime(t);
  const daemon = spawnForegroundDaemon(t, rt, { AWSX_DAEMON_IDLE_SECONDS: '1' });
  await listening(daemon);
  assert.deepEqual(await daemon.exited, { code: 0, signal: null });
  assert.match(daemon.log(), /idle for 1 s/);
  assert.equal(existsSync(rt.socket), false);
});

test('a daemon whose socket was removed exits without unlinking what is there now (security 7)', async (t) => {
  const rt = privateRuntime(t);
  const daemon = spawnForegroundDaemon(t, rt);
  await listening(daemon);
  unlinkSync(rt.socket);
  writeFileSync(rt.socket, 'a newcomer');
  const { code } = await daemon.exited;
  assert.equal(code, 0);
  assert.match(daemon.log(), /socket was removed or replaced/);
  assert.equal(readFileSync(rt.socket, 'utf8'), 'a newcomer');
});
