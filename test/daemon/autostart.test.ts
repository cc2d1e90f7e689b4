// Autostart and single instance (docs/security.md T13; tests 19-22): many cold CLIs start
// one daemon, a SIGKILLed daemon is replaced, an older daemon is replaced, a newer one is
// refused, and a daemon that cannot start fails the CLI fast, without a retry storm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { REPO_ROOT, runAwsx, awsxEnv } from '../helpers/cli.ts';
import { countLines, daemonPids, isAlive, privateRuntime, spawnForegroundDaemon, theDaemon } from '../helpers/daemon.ts';
import { waitFor } from '../helpers/waitFor.ts';

test('20 concurrent cold CLIs start exactly one daemon, and all succeed (security 21)', async (t) => {
  const rt = privateRuntime(t);
  const results = await Promise.all(Array.from({ length: 20 }, () => runAwsx(['sessions'], { env: awsxEnv(rt.env), built: true })));
  for (const r of results) assert.equal(r.code, 0, r.stderr);
  await theDaemon(rt.dir);
  assert.equal(countLines(readFileSync(rt.log, 'utf8'), 'awsx daemon starting'), 1);
});

test('after SIGKILL the next CLI finds the stale socket and lock and starts a new daemon (security 20)', async (t) => {
  const rt = privateRuntime(t);
  assert.equal((await runAwsx(['daemon', 'start'], { env: awsxEnv(rt.env) })).code, 0);
  const first = await theDaemon(rt.dir);
  process.kill(first, 'SIGKILL');
  await waitFor(() => !isAlive(first), 'the daemon to die');
  assert.ok(existsSync(rt.socket), 'SIGKILL leaves the socket behind');
  const r = await runAwsx(['sessions'], { env: awsxEnv(rt.env) });
  assert.equal(r.code, 0, r.stderr);
  const second = await theDaemon(rt.dir);
  assert.notEqual(second, first);
  assert.equal(readFileSync(`${rt.dir}/awsxd.lock`, 'utf8'), `${second}\n`);
});

test('50 daemons started at once for one dir: one serves, the 49 others exit with code 3, and the socket is never replaced (security 19)', async (t) => {
  const rt = privateRuntime(t);
  const daemons = Array.from({ length: 50 }, () => spawnForegroundDaemon(t, rt, {}, { built: true }));
  // Every socket inode seen at the path while they start: the first one bound must stay.
  const inodes = new Set<number>();
  const watch = setInterval(() => {
    try {
      inodes.add(statSync(rt.socket).ino);
    } catch {
      // not bound yet
    }
  }, 2);
  t.after(() => clearInterval(watch));
  await waitFor(() => daemons.filter((d) => d.child.exitCode !== null).length === 49, '49 to give up', 60_000);
  clearInterval(watch);
  inodes.add(statSync(rt.socket).ino);
  const codes = daemons.map((d) => d.child.exitCode);
  assert.equal(codes.filter((c) => c === 3).length, 49, `exit codes: ${codes.join(', ')}`);
  const survivors = daemonPids(rt.dir);
  assert.equal(survivors.length, 1);
  assert.equal(inodes.size, 1, 'the socket inode never changed');
  assert.equal(readFileSync(`${rt.dir}/awsxd.lock`, 'utf8'), `${survivors[0]}\n`, 'the survivor holds the instance lock');
  assert.equal((await runAwsx(['sessions'], { env: awsxEnv(rt.env) })).code, 0);
});

test('a daemon that cannot start: the CLI fails within the budget with the reason, having spawned it once (security 22)', async (t) => {
  const rt = privateRuntime(t, { AWSX_DAEMON_IDLE_SECONDS: 'soon' });
  const started = performance.now();
  const r = await runAwsx(['sessions'], { env: awsxEnv(rt.env) });
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /could not start it: it exited \(code 1\)/);
  assert.match(r.stderr, /AWSX_DAEMON_IDLE_SECONDS/);
  assert.ok(performance.now() - started < 8_000);
  assert.equal(countLines(readFileSync(rt.log, 'utf8'), 'awsx daemon starting'), 1);
  assert.deepEqual(daemonPids(rt.dir), []);
});

// A stand-in for a daemon of another awsx version: answers hello with `protocol`, and
// leaves on shutdown the way a daemon does (answer, unlink its socket, exit).
function fakeDaemon(socket: string, protocol: number) {
  const script = `
    const net = require('net'), fs = require('fs');
    const server = net.createServer((s) => {
      let buf = '';
      s.on('data', (d) => {
        buf += d;
        for (let nl; (nl = buf.indexOf('\\n')) !== -1; ) {
          const req = JSON.parse(buf.slice(0, nl)); buf = buf.slice(nl + 1);
          if (req.method === 'hello') s.write(JSON.stringify({ id: req.id, ok: true, result: { protocol: ${protocol}, daemon: '0.0.1', pid: process.pid } }) + '\\n');
          else if (req.method === 'shutdown') { s.end(JSON.stringify({ id: req.id, ok: true, result: {} }) + '\\n'); fs.unlinkSync(${JSON.stringify(socket)}); process.exit(0); }
        }
      });
    });
    server.listen(${JSON.stringify(socket)}, () => console.log('ready'));`;
  return spawn(process.execPath, ['-e', script], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
}

test('an older daemon is told to shut down and replaced by a current one', async (t) => {
  const rt = privateRuntime(t);
  mkdirSync(rt.dir, { recursive: true, mode: 0o700 });
  const old = fakeDaemon(rt.socket, 0);
  t.after(() => old.kill('SIGKILL'));
  await once(old.stdout!, 'data');
  const r = await runAwsx(['sessions'], { env: awsxEnv(rt.env) });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(old.exitCode, 0, 'the old daemon was asked to leave');
  await theDaemon(rt.dir);
});

test('a newer daemon is left alone, with an error that says what to do', async (t) => {
  const rt = privateRuntime(t);
  mkdirSync(rt.dir, { recursive: true, mode: 0o700 });
  const newer = fakeDaemon(rt.socket, 99);
  t.after(() => newer.kill('SIGKILL'));
  await once(newer.stdout!, 'data');
  const r = await runAwsx(['sessions'], { env: awsxEnv(rt.env) });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /speaks protocol 99/);
  assert.match(r.stderr, /awsx daemon stop/);
  assert.equal(newer.exitCode, null);
});
