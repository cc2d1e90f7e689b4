// Who can reach the daemon (docs/security.md T1, T2; tests 1-4, 6): the runtime dir is 0700
// and the socket 0600 from birth; another uid gets EACCES; an unsafe dir or a foreign file at
// the socket path is refused before anything is sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runAwsx, awsxEnv } from '../helpers/cli.ts';
import { privateRuntime, theDaemon } from '../helpers/daemon.ts';
import { tempDir } from '../helpers/tempDir.ts';

const mode = (path: string): number => lstatSync(path).mode & 0o777;

test('a cold CLI starts the daemon: dir 0700, socket 0600, log and lock 0600, even under umask 000 (security 1)', async (t) => {
  const rt = privateRuntime(t);
  const old = process.umask(0); // inherited by the CLI and, through it, the daemon
  let r;
  try {
    r = await runAwsx(['sessions'], { env: awsxEnv(rt.env) });
  } finally {
    process.umask(old);
  }
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'no sessions\n');
  const pid = await theDaemon(rt.dir);
  assert.equal(mode(rt.dir), 0o700);
  assert.ok(lstatSync(rt.socket).isSocket());
  assert.equal(mode(rt.socket), 0o600);
  assert.equal(mode(rt.log), 0o600);
  assert.equal(mode(join(rt.dir, 'awsxd.lock')), 0o600);
  assert.equal(readFileSync(join(rt.dir, 'awsxd.lock'), 'utf8'), `${pid}\n`);
  assert.equal(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0+$/, ''), 'awsx-daemon');
  // Scrubbed: none of the test runner's NODE_* or secrets reach the daemon.
  const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
  assert.deepEqual(environ.map((e) => e.split('=')[0]).filter((n) => /^(NODE_|AWS_(?!SDK_JS_NODE_VERSION))/.test(n!)), []);
});

test('another uid cannot connect: EACCES from the dir, and from the socket mode alone (security 4)', { skip: process.getuid?.() !== 0 || !existsSync('/usr/bin/setpriv') ? 'needs root and setpriv' : false }, async (t) => {
  const rt = privateRuntime(t);
  assert.equal((await runAwsx(['daemon', 'start'], { env: awsxEnv(rt.env) })).code, 0);
  const asNobody = (): string => {
    const script = `require('net').createConnection(${JSON.stringify(rt.socket)}).on('connect', () => { console.log('CONNECTED'); process.exit(0); }).on('error', (e) => { console.log(e.code); process.exit(0); })`;
    const r = spawnSync('/usr/bin/setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', script], { encoding: 'utf8', timeout: 10_000 });
    return r.stdout.trim();
  };
  // Let nobody traverse down to the runtime dir, so the dir itself is what stops it.
  chmodSync(dirname(rt.dir), 0o755);
  assert.equal(asNobody(), 'EACCES');
  // Open the dir too: the socket's own 0600 still refuses (defence in depth).
  chmodSync(rt.dir, 0o755);
  assert.equal(asNobody(), 'EACCES');
  chmodSync(rt.dir, 0o700);
});

test('an unsafe runtime dir is refused and nothing is created in it (security 2, 3)', async (t) => {
  const base = tempDir(t);
  const open = join(base, 'open');
  mkdirSync(open, { mode: 0o755 });
  chmodSync(open, 0o755);
  const r = await runAwsx(['sessions'], { env: awsxEnv({ AWSX_RUNTIME_DIR: open }) });
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /unsafe runtime dir .*mode 755/);
  assert.equal(existsSync(join(open, 'awsx.sock')), false);

  const target = join(base, 'target');
  mkdirSync(target, { mode: 0o700 });
  const link = join(base, 'link');
  symlinkSync(target, link);
  const s = await runAwsx(['sessions'], { env: awsxEnv({ AWSX_RUNTIME_DIR: link }) });
  assert.equal(s.code, 1);
  assert.match(s.stderr, /symlink/);
  assert.equal(existsSync(join(target, 'awsx.sock')), false);
});

test('something other than a socket at the socket path is refused, not connected to or removed (security 6)', async (t) => {
  const rt = privateRuntime(t);
  mkdirSync(rt.dir, { mode: 0o700 });
  writeFileSync(rt.socket, 'not a socket');
  const r = await runAwsx(['sessions'], { env: awsxEnv(rt.env) });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /unsafe daemon socket/);
  assert.equal(readFileSync(rt.socket, 'utf8'), 'not a socket');
});
