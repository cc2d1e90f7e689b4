// `awsx env` asks the daemon in one round trip, without a hello (ipc/client.ts
// requestDaemon). An older daemon, which refuses the protocol in the request as protocol 1
// does, is still told to shut down and replaced by a current one, and the command succeeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, awsxEnv, runAwsx } from '../helpers/cli.ts';
import { privateRuntime, theDaemon } from '../helpers/daemon.ts';
import { tempDir } from '../helpers/tempDir.ts';

// A protocol-1 daemon: an envelope with any field beyond id, method and params is refused
// and the connection closed; hello names protocol 1; shutdown answers and leaves.
function olderDaemon(socket: string) {
  const script = `
    const net = require('net'), fs = require('fs');
    const server = net.createServer((s) => {
      let buf = '';
      s.on('error', () => {});
      s.on('data', (d) => {
        buf += d;
        for (let nl; (nl = buf.indexOf('\\n')) !== -1; ) {
          const req = JSON.parse(buf.slice(0, nl)); buf = buf.slice(nl + 1);
          if (Object.keys(req).some((k) => !['id', 'method', 'params'].includes(k))) {
            s.end(JSON.stringify({ id: req.id, ok: false, error: { code: 'ValidationError', message: 'ipc request: unexpected field in the envelope', hint: 'x' } }) + '\\n');
            return;
          }
          if (req.method === 'hello') s.write(JSON.stringify({ id: req.id, ok: true, result: { protocol: 1, daemon: '0.0.1', pid: process.pid } }) + '\\n');
          else if (req.method === 'shutdown') { s.end(JSON.stringify({ id: req.id, ok: true, result: {} }) + '\\n'); fs.unlinkSync(${JSON.stringify(socket)}); process.exit(0); }
        }
      });
    });
    server.listen(${JSON.stringify(socket)}, () => console.log('ready'));`;
  return spawn(process.execPath, ['-e', script], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
}

test('awsx env against an older daemon: it is told to shut down, a current one answers', async (t) => {
  const rt = privateRuntime(t);
  const home = tempDir(t);
  writeFileSync(join(home, 'credentials'), '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s\n');
  mkdirSync(rt.dir, { recursive: true, mode: 0o700 });
  const old = olderDaemon(rt.socket);
  t.after(() => old.kill('SIGKILL'));
  await once(old.stdout!, 'data');
  const env = awsxEnv({ ...rt.env, HOME: home, AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials') });
  const r = await runAwsx(['env', 'base', '--shell', 'bash'], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^export AWS_ACCESS_KEY_ID='AKIAIOSFODNN7EXAMPLE';$/m);
  assert.equal(old.exitCode, 0, 'the old daemon was asked to leave');
  await theDaemon(rt.dir);
});
