// docs/security.md section A: socket, filesystem and peer identity (T1, T2). Tests 2, 3 and
// 4a live in test/daemon/access.test.ts and test/ipc/runtimeDir.test.ts; test 7 in
// test/daemon/lifecycle.test.ts. Acting as another uid needs root and setpriv, and the
// SO_PEERCRED tests need the native addon (dist/native/awsx.node, built with the bundle).
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lchownSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, watch, type FSWatcher } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { PROTOCOL_VERSION } from '../../src/ipc/protocol.ts';
import { awsxArgv, awsxEnv, REPO_ROOT, runAwsx } from '../helpers/cli.ts';
import { privateRuntime, spawnForegroundDaemon, theDaemon } from '../helpers/daemon.ts';
import { NOBODY, asUid, nativeSkip, nobodyHome, otherUidSkip, runAsUid } from '../helpers/otherUid.ts';
import { socketInodesOf, unixSockets } from '../helpers/procNet.ts';
import { rawClient } from '../helpers/rawClient.ts';
import { currentUmask, tempDir } from '../helpers/tempDir.ts';
import { waitFor } from '../helpers/waitFor.ts';

const HELLO = JSON.stringify({ id: 1, method: 'hello', params: { protocol: PROTOCOL_VERSION, client: 'test' } }) + '\n';

/** The daemon's own entry: the bundle when it is fresh (as awsxArgv picks), else the source. */
function daemonArgv(): string[] {
  const bundled = awsxArgv([], true)[1]?.endsWith('/dist/awsx.js') === true;
  const entry = ['awsxd.mjs', 'awsxd.js'].map((name) => join(REPO_ROOT, 'dist', name)).find((p) => existsSync(p));
  return bundled && entry !== undefined ? [process.execPath, entry] : [process.execPath, '--import', 'tsx', join(REPO_ROOT, 'src', 'daemon', 'main.ts')];
}

/**
 * Modes with a group or other bit that an inotify watcher (fs.watch, then lstat) saw, per
 * file name. The runtime dir is watched from its parent for its birth; call armInside once
 * it exists to watch every file born in it.
 */
function watchModes(t: TestContext, base: string, dir: string): { readonly bad: Map<string, number[]>; readonly seen: Map<string, number>; armInside(): void } {
  const bad = new Map<string, number[]>();
  const seen = new Map<string, number>();
  const look = (path: string, name: string): void => {
    try {
      const mode = lstatSync(path).mode & 0o777;
      seen.set(name, (seen.get(name) ?? 0) + 1);
      if ((mode & 0o077) !== 0) bad.set(name, [...(bad.get(name) ?? []), mode]);
    } catch {
      // gone again already
    }
  };
  const watchers: FSWatcher[] = [watch(base, (_, name) => name === 'run' && look(dir, 'run'))];
  t.after(() => watchers.forEach((w) => w.close()));
  return { bad, seen, armInside: () => void watchers.push(watch(dir, (_, name) => name !== null && look(join(dir, name), name))) };
}

function run(argv: readonly string[], env: Record<string, string>, until: string): Promise<void> {
  const child = spawn(argv[0]!, argv.slice(1), { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, stdio: ['ignore', 'ignore', 'pipe'], timeout: 20_000 });
  let log = '';
  return new Promise((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      log += d;
      if (log.includes(until)) child.kill('SIGTERM');
    });
    child.once('error', reject);
    child.once('exit', (code) => (log.includes(until) ? resolve() : reject(new Error(`exited ${code} before "${until}":\n${log}`))));
  });
}

test('born private: daemons started again and again under umask 000 never show the socket or dir with a group or other bit, even for an instant (security 1)', async (t) => {
  const base = tempDir(t);
  const dir = join(base, 'run');
  const { bad, seen, armInside } = watchModes(t, base, dir);
  const argv = daemonArgv();
  // The bind itself is private (the umask is narrowed around it), so one start proves as
  // much as many; repetition is for an implementation that binds and then chmods, whose
  // window the control below shows this watcher catching at once. 100 starts of the
  // bundled daemon take ~10 s here (~100 ms each; the spec suggests 200); from source each
  // start costs ~4x as much, so fewer. Under 20 s on a loaded 2-core machine either way.
  const starts = argv.includes('--import') ? 25 : 100;
  const old = process.umask(0);
  try {
    for (let i = 0; i < starts; i++) {
      await run(argv, { HOME: base, AWSX_RUNTIME_DIR: dir }, 'listening on');
      assert.equal(lstatSync(dir).mode & 0o777, 0o700);
      if (i === 0) armInside(); // the first start made the dir
    }
  } finally {
    process.umask(old);
  }
  // Control: the naive way (bind under umask 000, chmod once listening) is caught. Its
  // window is held open for a second: the watcher reads the mode only after inotify has
  // woken this process, which on a loaded machine can come after an immediate chmod.
  const naive = join(dir, 'naive.sock');
  const script = `process.umask(0); const s = require('net').createServer().listen(${JSON.stringify(naive)}, () => setTimeout(() => { require('fs').chmodSync(${JSON.stringify(naive)}, 0o600); console.error('chmodded'); }, 1000));`;
  await run([process.execPath, '-e', script], {}, 'chmodded');
  assert.ok(bad.has('naive.sock'), 'the watcher saw the naive socket at 0777 during its window');

  assert.ok(seen.has('run'), 'the watcher saw the dir born');
  assert.ok((seen.get('awsx.sock') ?? 0) >= starts - 1, `the watcher saw awsx.sock ${seen.get('awsx.sock') ?? 0} times in ${starts - 1} watched starts`);
  assert.equal(bad.get('awsx.sock'), undefined, `awsx.sock seen with modes ${bad.get('awsx.sock')?.map((m) => m.toString(8))}`);
  assert.equal(bad.get('run'), undefined);
  assert.equal(bad.get('awsxd.lock'), undefined);
  assert.equal(currentUmask(), old);
});

/** Runs the daemon in the foreground until it exits by itself. */
function runDaemonOnce(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const [node, ...args] = daemonArgv();
  const child = spawn(node!, args, { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, stdio: ['ignore', 'ignore', 'pipe'], timeout: 20_000 });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

test('the daemon itself refuses a runtime dir that is 0755, 0770 or another uid\'s, or a fallback path that is a symlink, and creates nothing (security 2, 3)', async (t) => {
  const base = tempDir(t);
  const cases: [string, (dir: string) => void][] = [
    ['mode 755', (dir) => chmodSync(dir, 0o755)],
    ['mode 770', (dir) => chmodSync(dir, 0o770)],
    ...(otherUidSkip ? [] : [['owned by uid 1001', (dir: string) => chownSync(dir, 1001, 1001)] as [string, (dir: string) => void]]),
  ];
  for (const [i, [why, spoil]] of cases.entries()) {
    const dir = join(base, `run${i}`);
    mkdirSync(dir, { mode: 0o700 });
    spoil(dir);
    const r = await runDaemonOnce({ HOME: base, AWSX_RUNTIME_DIR: dir });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, new RegExp(`unsafe runtime dir ${dir}: ${why}`));
    assert.deepEqual(readdirSync(dir), [], why);
  }
  // Test 3: no XDG_RUNTIME_DIR, and ~/.awsx/run is a symlink (uid 1001's, where it can) into a dir it controls.
  const home = join(base, 'home');
  const target = join(base, 'theirs');
  mkdirSync(join(home, '.awsx'), { recursive: true, mode: 0o700 });
  mkdirSync(target, { mode: 0o700 });
  symlinkSync(target, join(home, '.awsx', 'run'));
  if (!otherUidSkip) {
    chownSync(target, 1001, 1001);
    lchownSync(join(home, '.awsx', 'run'), 1001, 1001);
  }
  const r = await runDaemonOnce({ HOME: home });
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /unsafe runtime dir .*\.awsx\/run: it is a symlink/);
  assert.deepEqual(readdirSync(target), []);
});

test('another uid that gets past the file modes is hung up on by SO_PEERCRED with zero bytes, and logged (security 4)', { skip: otherUidSkip }, async (t) => {
  const skip = nativeSkip();
  if (skip) return t.skip(skip);
  const rt = privateRuntime(t);
  const daemon = spawnForegroundDaemon(t, rt);
  await waitFor(() => daemon.log().includes('listening on'), 'the daemon to listen', 10_000);
  // The test hook: nobody with CAP_DAC_OVERRIDE passes the 0700 dir and the 0600 socket as
  // if both had been opened to everyone. (A chmod of the socket would do too, but it
  // changes the socket's ctime, and the daemon then leaves, taking it for a replacement.)
  const script = `const s = require('net').createConnection(${JSON.stringify(rt.socket)}); let n = 0;
    s.on('connect', () => { console.log('PID ' + process.pid); s.write(${JSON.stringify(HELLO)}); });
    s.on('data', (d) => (n += d.length)); s.on('error', () => {});
    s.on('close', () => { console.log('BYTES ' + n); process.exit(0); });
    setTimeout(() => { console.log('TIMEOUT'); process.exit(0); }, 10000);`;
  const r = runAsUid(NOBODY, [process.execPath, '-e', script], {}, ['dac_override']);
  const pid = /^PID (\d+)$/m.exec(r.stdout)?.[1];
  assert.ok(pid !== undefined, `nobody never connected: ${r.stdout}${r.stderr}`);
  assert.match(r.stdout, /^BYTES 0$/m);
  await waitFor(() => daemon.log().includes(`uid mismatch (peer uid ${NOBODY}, pid ${pid})`), 'the uid-mismatch log line');
  // Our own uid is still served.
  const c = await rawClient(rt.socket);
  t.after(() => c.socket.destroy());
  c.send(HELLO);
  assert.equal((await c.frame(1)).ok, true);
});

test('root policy: a daemon of an ordinary uid lets root in, as documented, and still refuses a third uid (security 4)', { skip: otherUidSkip }, async (t) => {
  const skip = nativeSkip();
  if (skip) return t.skip(skip);
  const home = nobodyHome(t, 'unused');
  const started = runAsUid(NOBODY, awsxArgv(['daemon', 'start'], true), home.env);
  assert.equal(started.status, 0, started.stderr);
  // Root passes the file modes, then SO_PEERCRED: uid 0 is let in (src/daemon/hardening.ts).
  const c = await rawClient(home.socket);
  t.after(() => c.socket.destroy());
  c.send(HELLO);
  assert.equal((await c.frame(1)).ok, true);
  const third = runAsUid(1001, [process.execPath, '-e', `require('net').createConnection(${JSON.stringify(home.socket)}).on('connect', () => console.log('CONNECTED')).on('close', () => process.exit(0)).on('error', () => {})`], {}, ['dac_override']);
  assert.match(third.stdout, /CONNECTED/);
  await waitFor(() => readFileSync(home.log, 'utf8').includes('uid mismatch (peer uid 1001,'), 'the uid-mismatch log line');
  assert.doesNotMatch(readFileSync(home.log, 'utf8'), /peer uid 0,/);
});

test('no abstract socket: /proc/net/unix shows the daemon listening on its absolute path only (security 5)', async (t) => {
  const rt = privateRuntime(t);
  const seen = new Set<string>();
  const sample = (): void => unixSockets().forEach((s) => seen.add(s.path));
  const timer = setInterval(sample, 5);
  t.after(() => clearInterval(timer));
  assert.equal((await runAwsx(['sessions'], { env: awsxEnv(rt.env), built: true })).code, 0);
  assert.equal((await runAwsx(['daemon', 'status'], { env: awsxEnv(rt.env), built: true })).code, 0);
  const pid = await theDaemon(rt.dir);
  sample();
  clearInterval(timer);
  const mine = socketInodesOf(pid);
  const listeners = unixSockets().filter((s) => s.listening && mine.has(s.inode));
  assert.deepEqual(listeners.map((s) => s.path), [rt.socket]);
  assert.ok(isAbsolute(rt.socket));
  assert.ok(seen.has(rt.socket), 'the sampler saw the daemon socket');
  assert.deepEqual([...seen].filter((p) => p.startsWith('@') && /awsx/i.test(p)), []);
});

test('the client refuses an impostor before sending a byte: by the dir owner, and by SO_PEERCRED when the files were made to look like ours (security 6)', { skip: otherUidSkip }, async (t) => {
  const base = tempDir(t);
  chmodSync(base, 0o755);
  const dir = join(base, 'run');
  mkdirSync(dir, { mode: 0o700 });
  chownSync(dir, NOBODY, NOBODY);
  const socket = join(dir, 'awsx.sock');
  const script = `const net = require('net');
    net.createServer((s) => { console.log('CONN'); s.on('data', (d) => console.log('BYTES ' + d.length)); s.on('error', () => {}); s.on('close', () => console.log('CLOSE')); })
      .listen(${JSON.stringify(socket)}, () => { require('fs').chmodSync(${JSON.stringify(socket)}, 0o600); console.log('LISTENING'); });`;
  const [cmd, ...args] = asUid(NOBODY, [process.execPath, '-e', script]);
  const impostor = spawn(cmd!, args, { cwd: '/', stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => impostor.kill('SIGKILL'));
  let heard = '';
  impostor.stdout.setEncoding('utf8').on('data', (d: string) => (heard += d));
  await waitFor(() => heard.includes('LISTENING'), 'the impostor to listen');
  const env = awsxEnv({ AWSX_RUNTIME_DIR: dir, HOME: base });

  // As it is: the dir is nobody's, so the CLI stops at the dir check and never connects.
  const a = await runAwsx(['env', 'prod'], { env });
  assert.equal(a.code, 1);
  assert.match(a.stderr, new RegExp(`unsafe runtime dir .*owned by uid ${NOBODY}`));
  assert.doesNotMatch(heard, /CONN/);

  // Disguised (only root can do this): dir and socket now ours, 0700 and 0600, but the
  // listener is still nobody's. Only the server's SO_PEERCRED uid gives it away.
  const skip = nativeSkip();
  if (skip) return t.skip(skip);
  chownSync(dir, 0, 0);
  chownSync(socket, 0, 0);
  const b = await runAwsx(['env', 'prod'], { env });
  assert.equal(b.code, 1);
  assert.match(b.stderr, new RegExp(`served by uid ${NOBODY} \\(pid \\d+\\), not by you \\(uid 0\\); nothing was sent`));
  await waitFor(() => heard.includes('CLOSE'), 'the impostor to see the CLI hang up');
  assert.match(heard, /CONN/);
  assert.doesNotMatch(heard, /BYTES/);
});
