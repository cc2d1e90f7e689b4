// listenPrivate: the socket is 0600 even under umask 000 (docs/security.md test 1), the path
// is absolute (test 5), and a real client/server exchange works over the framing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lstatSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { once } from 'node:events';
import { listenPrivate } from '../../src/ipc/listen.ts';
import { LineReader, encodeFrame, parseFrame } from '../../src/ipc/framing.ts';
import { ensureRuntimeDir, socketPath } from '../../src/ipc/runtimeDir.ts';
import { AwsxError } from '../../src/core/errors.ts';
import { currentUmask, tempDir } from '../helpers/tempDir.ts';

function serve(t: { after: (fn: () => Promise<void>) => void }, onConnection?: (s: net.Socket) => void): net.Server {
  const server = net.createServer(onConnection);
  t.after(async () => {
    if (server.listening) await new Promise<void>((r) => server.close(() => r()));
  });
  return server;
}

test('under umask 000 the socket is still born 0600, and the umask is restored (security 1)', async (t) => {
  const dir = join(tempDir(t), 'run');
  ensureRuntimeDir(dir);
  const path = socketPath(dir);
  const old = process.umask(0);
  try {
    await listenPrivate(serve(t), path);
    assert.equal(currentUmask(), 0);
  } finally {
    process.umask(old);
  }
  const st = lstatSync(path);
  assert.ok(st.isSocket());
  assert.equal(st.mode & 0o777, 0o600);
  assert.equal(st.uid, process.getuid?.());
});

test('relative, abstract and over-long paths are refused before binding (security 5)', async (t) => {
  const server = serve(t);
  for (const path of ['awsx.sock', './run/awsx.sock', '\0awsx', '@awsx']) {
    await assert.rejects(listenPrivate(server, path), (e) => e instanceof AwsxError && e.code === 'UsageError');
  }
  await assert.rejects(listenPrivate(server, '/' + 'x'.repeat(200)), (e) => e instanceof AwsxError && e.code === 'FileError');
  assert.equal(server.listening, false);
});

test('a bind failure rejects with the Node error code, and the umask is restored', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'awsx.sock');
  await listenPrivate(serve(t), path);
  const before = currentUmask();
  await assert.rejects(listenPrivate(serve(t), path), (e) => (e as NodeJS.ErrnoException).code === 'EADDRINUSE');
  assert.equal(currentUmask(), before);
});

test('a client and server exchange frames over the private socket', async (t) => {
  const path = join(tempDir(t), 'awsx.sock');
  const server = serve(t, (socket) => {
    const reader = new LineReader();
    socket.on('data', (chunk: Buffer) => {
      const { lines, failure } = reader.push(chunk);
      for (const line of lines) {
        const r = parseFrame(line);
        socket.write(encodeFrame(r.ok ? { echo: r.value } : { error: r.fault }));
      }
      if (failure) socket.destroy();
    });
  });
  await listenPrivate(server, path);
  const client = net.connect(path);
  await once(client, 'connect');
  // One request split mid-character, then a bad one, in awkward chunks.
  const wire = Buffer.from(encodeFrame({ profile: 'prød' }) + '{"__proto__":{}}\n');
  client.write(wire.subarray(0, 15));
  client.write(wire.subarray(15));
  const reader = new LineReader();
  const got: string[] = [];
  for await (const chunk of client) {
    got.push(...reader.push(chunk as Buffer).lines);
    if (got.length === 2) break;
  }
  client.destroy();
  assert.deepEqual(got, ['{"echo":{"profile":"prød"}}', '{"error":"forbidden-key"}']);
});
