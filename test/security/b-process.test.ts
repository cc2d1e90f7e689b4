// docs/security.md section B: process hygiene (T3, T4). Test 8 lives in
// test/cli/no-secrets-in-argv.test.ts, SIGUSR1 of test 10 also in
// test/daemon/lifecycle.test.ts, and test 11 in b-redaction.test.ts.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { awsxArgv, awsxEnv, REPO_ROOT, runAwsx, spawnAwsx, type RunResult } from '../helpers/cli.ts';
import { privateRuntime, theDaemon } from '../helpers/daemon.ts';
import { NOBODY, asUid, nativeSkip, nobodyHome, nodeForUid, otherUidSkip, runAsUid } from '../helpers/otherUid.ts';
import { listeningTcpInodes, socketInodesOf } from '../helpers/procNet.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { waitFor } from '../helpers/waitFor.ts';

const NODE = realpathSync(process.execPath);
const SECRET_VARS = /^(AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|AWS_SECURITY_TOKEN|AWS_ACCESS_KEY_ID|AWS_CONTAINER_AUTHORIZATION_TOKEN|AWS_CONTAINER_CREDENTIALS_FULL_URI|NODE_OPTIONS)=/;
const CORE_ZERO = /^Max core file size\s+0\s+0\s+bytes\s*$/m;
const CORE_UNLIMITED = /^Max core file size\s+unlimited\s+unlimited\s+bytes\s*$/m;

/** `argv` with core dumps allowed, so that a core limit of 0 in the daemon is its own doing. */
function coreDumpsOn(argv: readonly string[]): string[] {
  return existsSync('/usr/bin/prlimit') ? ['/usr/bin/prlimit', '--core=unlimited', ...argv] : [...argv];
}

function environOf(pid: number): string[] {
  return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
}

test('the daemon is non-dumpable with no core limit and no secret in its environment: its own uid cannot read its environ or mem or attach gdb; and it logs who was served (security 9)', { skip: otherUidSkip }, async (t) => {
  const skip = nativeSkip();
  if (skip) return t.skip(skip);
  const canary = `CANARY-${randomUUID()}`;
  const shell = { AWS_ACCESS_KEY_ID: 'AKIDFROMTHESHELL', AWS_SECRET_ACCESS_KEY: `CANARY-${randomUUID()}`, AWS_SESSION_TOKEN: `CANARY-${randomUUID()}`, AWS_CONTAINER_AUTHORIZATION_TOKEN: `CANARY-${randomUUID()}` };
  const home = nobodyHome(t, canary);
  // The daemon as the spec wants it: an ordinary uid, autostarted by a CLI whose shell holds secrets.
  const [cli, ...cliArgs] = coreDumpsOn(asUid(NOBODY, awsxArgv(['env', 'proc', '--shell', 'json'], true)));
  const r = spawnSync(cli!, cliArgs, { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...home.env, ...shell }, encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as Record<string, string>).AWS_SECRET_ACCESS_KEY, canary, 'the daemon holds the secret now');
  const pid = await theDaemon(home.runDir);
  assert.match(readFileSync(`/proc/${pid}/status`, 'utf8'), new RegExp(`^Uid:\\s+${NOBODY}\\s`, 'm'));

  // Read as root: nothing secret, whatever the starting shell had.
  const environ = environOf(pid);
  assert.deepEqual(environ.filter((e) => SECRET_VARS.test(e)), []);
  for (const secret of [canary, ...Object.values(shell)]) assert.ok(!environ.some((e) => e.includes(secret)), 'a secret in the daemon environment');
  assert.match(readFileSync(`/proc/${pid}/limits`, 'utf8'), CORE_ZERO);

  // Control: an ordinary process of the same uid is open to it, so what follows is the daemon's doing.
  const [cmd, ...args] = coreDumpsOn(asUid(NOBODY, ['sleep', '60']));
  const control = spawn(cmd!, args, { stdio: 'ignore' });
  t.after(() => control.kill('SIGKILL'));
  await waitFor(() => readFileSync(`/proc/${control.pid}/status`, 'utf8').includes(`\t${NOBODY}\t`), 'the control to run as nobody');
  if (existsSync('/usr/bin/prlimit')) assert.match(readFileSync(`/proc/${control.pid}/limits`, 'utf8'), CORE_UNLIMITED);
  const openAs = (target: number, file: string): string =>
    runAsUid(NOBODY, [process.execPath, '-e', `try { require('fs').readFileSync('/proc/${target}/${file}'); console.log('READ'); } catch (e) { console.log(e.code); }`]).stdout.trim();
  assert.equal(openAs(control.pid!, 'environ'), 'READ');
  assert.equal(openAs(pid, 'environ'), 'EACCES');
  assert.equal(openAs(pid, 'mem'), 'EACCES');

  if (existsSync('/usr/bin/gdb')) {
    const gdb = (target: number): string => {
      const g = runAsUid(NOBODY, ['/usr/bin/gdb', '-nx', '-batch', '-p', String(target), '-ex', 'info proc'], { HOME: '/nonexistent' });
      return g.stdout + g.stderr;
    };
    assert.match(gdb(control.pid!), /detached/, 'gdb attaches to an ordinary process of the same uid');
    const refused = gdb(pid);
    assert.match(refused, /ptrace: Operation not permitted/);
    assert.doesNotMatch(refused, /exe = /);
  } else {
    t.diagnostic('gdb is not installed: the ptrace part of test 9 was not run');
  }

  // The audit trail (issue #9): the peer pid from SO_PEERCRED and its exe, never a secret.
  const log = readFileSync(home.log, 'utf8');
  assert.match(log, new RegExp(`info \\[${pid}\\] served proc to pid ${r.pid} \\(${realpathSync(nodeForUid(NOBODY))}\\)$`, 'm'));
  assert.ok(!log.includes(canary), 'a secret in daemon.log');
  assert.doesNotMatch(log, /hardening (unavailable|incomplete)/);
});

test('NODE_OPTIONS with --inspect and --require in the CLI environment reach no autostarted daemon; SIGUSR1 opens no port and the daemon keeps serving (security 10)', async (t) => {
  const rt = privateRuntime(t);
  const dir = tempDir(t);
  const marker = join(dir, 'ran');
  const evil = join(dir, 'evil.js');
  writeFileSync(evil, `require('fs').appendFileSync(${JSON.stringify(marker)}, process.pid + ' ' + process.argv.slice(1).join(' ') + '\\n');\n`);
  const env = awsxEnv({ ...rt.env, NODE_OPTIONS: `--inspect=127.0.0.1:0 --require ${evil}` });
  const r = await runAwsx(['sessions'], { env, built: true });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /Debugger listening on ws:\/\/127\.0\.0\.1:/, 'the CLI itself took NODE_OPTIONS');
  const pid = await theDaemon(rt.dir);
  const ran = readFileSync(marker, 'utf8').trim().split('\n');
  assert.ok(ran.length >= 1, 'evil.js ran in the CLI (the control)');
  assert.deepEqual(ran.filter((line) => line.startsWith(`${pid} `) || /awsxd|daemon[/\\]main/.test(line)), []);
  assert.deepEqual(environOf(pid).filter((e) => e.startsWith('NODE_')), []);
  const daemonListens = (): string[] => {
    const listening = listeningTcpInodes();
    return [...socketInodesOf(pid)].filter((i) => listening.has(i));
  };
  assert.deepEqual(daemonListens(), []);

  process.kill(pid, 'SIGUSR1');
  await waitFor(() => readFileSync(rt.log, 'utf8').includes('SIGUSR1 ignored'), 'the SIGUSR1 handler to run');
  assert.deepEqual(daemonListens(), []);
  const after = await runAwsx(['daemon', 'status'], { env: awsxEnv(rt.env), built: true });
  assert.equal(after.code, 0, after.stderr);
  assert.deepEqual(await theDaemon(rt.dir), pid);
});

/** A config whose two profiles run a credential_process printing `secret`. */
function processProfiles(t: TestContext, secret: string): Record<string, string> {
  const dir = tempDir(t);
  const script = join(dir, 'creds.sh');
  writeFileSync(script, `#!/bin/sh\necho '{"Version": 1, "AccessKeyId": "AKIDCRASHTEST", "SecretAccessKey": "${secret}", "Expiration": "2099-01-01T00:00:00Z"}'\n`);
  chmodSync(script, 0o755);
  writeFileSync(join(dir, 'config'), `[profile ok]\ncredential_process = ${script}\n[profile crash-me]\ncredential_process = ${script}\n`);
  writeFileSync(join(dir, 'credentials'), '');
  return { HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
}

function collect(child: ReturnType<typeof spawnAwsx>): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

test('a bug in one request fails that request, and the daemon serves on; a broken invariant ends the daemon non-zero; neither logs a secret or leaves a core or report; the next CLI starts a fresh one (security 12)', async (t) => {
  const canary = `CANARY-${randomUUID()}`;
  const rt = privateRuntime(t);
  const files = processProfiles(t, canary);
  const cwd = tempDir(t); // where a core file or report.*.json would land
  const entry = fileURLToPath(new URL('../helpers/crashingDaemon.ts', import.meta.url));
  const [node, ...args] = coreDumpsOn([process.execPath, '--import', import.meta.resolve('tsx'), entry]);
  const daemon = spawn(node!, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: files.HOME!, AWSX_DEBUG: '1', ...rt.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  t.after(() => daemon.kill('SIGKILL'));
  let log = '';
  daemon.stderr.setEncoding('utf8').on('data', (d: string) => (log += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => daemon.once('exit', (code, signal) => resolve({ code, signal })));
  await waitFor(() => log.includes('listening on'), 'the crashing daemon to listen', 15_000);
  assert.match(readFileSync(`/proc/${daemon.pid}/limits`, 'utf8'), CORE_ZERO);

  const env = awsxEnv({ ...rt.env, ...files });
  const okChild = spawnAwsx(['env', 'ok', '--shell', 'json'], { env, built: true });
  const ok = await collect(okChild);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(log, new RegExp(`served ok to pid ${okChild.pid} \\(${NODE}\\)`));

  // A bug met in one request: that request gets an internal error, the log its class and stack.
  const bug = await runAwsx(['env', 'crash-me', '--shell', 'json'], { env, built: true });
  assert.notEqual(bug.code, 0);
  assert.equal(bug.stdout, '');
  assert.match(bug.stderr, /internal error \(TypeError\)/);
  assert.match(bug.stderr, /see daemon\.log/);
  assert.match(log, /resolve: an unexpected error, answered as an internal error: TypeError \| at /);
  const again = spawnAwsx(['env', 'ok', '--shell', 'json'], { env, built: true });
  const served = await collect(again);
  assert.equal(served.code, 0, served.stderr);
  assert.match(log, new RegExp(`served ok to pid ${again.pid} `), 'the same daemon serves on');
  assert.equal(await theDaemon(rt.dir), daemon.pid);
  assert.equal(daemon.exitCode, null);

  // A broken invariant: `awsx lock` finds sessions left after dropping them all.
  const lock = await runAwsx(['lock'], { env, built: true });
  assert.deepEqual(await exited, { code: 70, signal: null });
  assert.notEqual(lock.code, 0);
  assert.equal(lock.stdout, '');
  assert.match(lock.stderr, /daemon closed the connection/);
  assert.match(log, /lock: a broken invariant \(lock: sessions remain after dropping them all\); the daemon exits \(crash-only\)/);
  assert.match(log, /uncaught exception: InvariantError( \| at |\n)/);
  for (const text of [log, bug.stderr, lock.stderr]) {
    assert.ok(!text.includes(canary), 'the secret in the error text');
    assert.doesNotMatch(text, /cannot read properties of/, 'the message of the bug');
  }
  assert.deepEqual(readdirSync(cwd), [], 'no core file, no report');

  const next = await runAwsx(['sessions', '--json'], { env, built: true });
  assert.equal(next.code, 0, next.stderr);
  const fresh = await theDaemon(rt.dir);
  assert.notEqual(fresh, daemon.pid);
});
