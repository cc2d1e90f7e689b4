// docs/security.md section H (T11, T13) against the real daemon: a stampede on one cold
// profile, the daemon killed mid-refresh, and the soak (bench/soak.ts) run briefly so the
// script itself is tested; `npm run soak` runs it for 10 minutes.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test, type TestContext } from 'node:test';
import { IpcConnection } from '../../src/ipc/connection.ts';
import type { Result } from '../../src/ipc/protocol.ts';
import { awsxEnv, REPO_ROOT, runAwsx } from '../helpers/cli.ts';
import { isAlive, theDaemon } from '../helpers/daemon.ts';
import { keyOf, liveHome, percentile, startDaemon, type LiveHome } from '../helpers/liveDaemon.ts';
import { useMotoAndProxy } from '../helpers/stsFixture.ts';
import { startStsProxy, type StsProxy } from '../helpers/stsProxy.ts';

const sts = useMotoAndProxy();

const FILES = {
  config: [
    '[profile mid]', 'role_arn = arn:aws:iam::123456789012:role/mid', 'source_profile = base', 'region = us-east-1',
    '[profile top]', 'role_arn = arn:aws:iam::123456789012:role/top', 'source_profile = mid', 'region = us-east-1',
    '[profile app]', 'role_arn = arn:aws:iam::123456789012:role/app', 'source_profile = base', 'region = us-east-1', '',
  ].join('\n'),
  credentials: '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = CANARY-h-load-secret\n',
};

async function ownProxy(t: TestContext): Promise<StsProxy> {
  const proxy = await startStsProxy(sts.moto.url);
  t.after(() => proxy.stop());
  return proxy;
}

/** `n` requests for `profile`, `perConnection` pipelined on each connection; each answer (or error) with its latency. */
async function crowd(home: LiveHome, profile: string, n: number, perConnection: number): Promise<{ results: (Result<'resolve'> | Error)[]; ms: number[] }> {
  const results: (Result<'resolve'> | Error)[] = [];
  const ms: number[] = [];
  const connections = await Promise.all(Array.from({ length: Math.ceil(n / perConnection) }, () => IpcConnection.open(home.runtime.socket, 10_000)));
  const t0 = performance.now();
  await Promise.all(
    connections.flatMap((c) =>
      Array.from({ length: perConnection }, () =>
        c.request('resolve', { profile, env: home.wireEnv }, 60_000).then(
          (r) => void (results.push(r), ms.push(performance.now() - t0)),
          (e: Error) => void (results.push(e), ms.push(performance.now() - t0)),
        ),
      ),
    ),
  );
  for (const c of connections) c.close();
  return { results, ms };
}

test('stampede: 500 requests for a cold two-hop profile with 500 ms of STS latency make one STS call per hop, and all get the same key (security 39)', async (t) => {
  const proxy = await ownProxy(t);
  const home = liveHome(t, proxy.url, FILES);
  await startDaemon(home);
  proxy.setLatency(500);
  // 500 clients, each on its own connection, all in flight at once.
  const { results, ms } = await crowd(home, 'top', 500, 1);
  const errors = results.filter((r): r is Error => r instanceof Error);
  assert.deepEqual(errors.map((e) => e.message), []);
  assert.equal(new Set(results.map((r) => keyOf(r as Result<'resolve'>))).size, 1, 'one AccessKeyId for all 500');
  assert.deepEqual(proxy.calls.map((c) => `${c.action} ${c.params['RoleArn']?.split('/')[1]}`), ['AssumeRole mid', 'AssumeRole top']);
  t.diagnostic(`p50 ${Math.round(percentile(ms, 50))} ms, p99 ${Math.round(percentile(ms, 99))} ms (two hops of 500 ms each)`);
  // The spec's p99 < 600 ms is for one hop; two hops take 1 s at least. 10 s: a loaded machine.
  assert.ok(percentile(ms, 99) < 10_000, `p99 ${percentile(ms, 99)} ms`);
});

test('the daemon killed with SIGKILL while 50 clients wait on a slow refresh: each gets EOF or an error at once; the next command starts a new daemon (security 40)', async (t) => {
  const proxy = await ownProxy(t);
  const home = liveHome(t, proxy.url, FILES);
  const pid = await startDaemon(home);
  proxy.failNext(Infinity, { kind: 'delay', ms: 30_000 });
  const waiting = crowd(home, 'app', 50, 1);
  // All 50 connections were open and their requests written before the first reached STS.
  await proxy.waitForCalls(1);
  const killed = performance.now();
  process.kill(pid, 'SIGKILL');
  const { results } = await waiting;
  const took = performance.now() - killed;
  assert.equal(results.length, 50);
  for (const r of results) {
    assert.ok(r instanceof Error, 'no answer from a dead daemon');
    assert.match(r.message, /^daemon closed the connection$|^daemon connection: ECONNRESET$/);
  }
  t.diagnostic(`all 50 clients had their error ${Math.round(took)} ms after the kill`);
  // The spec's 1 s; 5 s for a loaded machine. A hang would last the 60 s request timeout.
  assert.ok(took < 5_000, `${Math.round(took)} ms`);
  assert.ok(!isAlive(pid));

  proxy.reset();
  const next = await runAwsx(['env', 'app', '--shell', 'json'], { env: awsxEnv(home.env), built: true });
  assert.equal(next.code, 0, next.stderr);
  const fresh = await theDaemon(home.runtime.dir);
  assert.notEqual(fresh, pid, 'a new daemon');
});

// The longest load test: CI (.ci/run) runs it on one Node version, AWSX_TEST_LONG_LOAD=0 on the others.
const LONG_LOAD = process.env['AWSX_TEST_LONG_LOAD'] === '0' ? 'AWSX_TEST_LONG_LOAD=0: the soak runs on one Node version in CI (.ci/run)' : false;

test('the soak script, for 15 s: RSS, fds, STS calls and errors within bounds (security 41)', { timeout: 120_000, skip: LONG_LOAD }, async (t) => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/soak.ts', '--seconds', '15'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => child.kill('SIGKILL'));
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  t.diagnostic(out.trim());
  assert.equal(code, 0, out);
  assert.match(out, /^soak: PASS/m);
  // The report names each measure the spec asks for.
  for (const line of [/^requests: \d+ in \d+ s/m, /^client errors: 0$/m, /^RSS: /m, /^fds: /m, /^STS calls: /m, /^unhandled rejections: 0$/m]) assert.match(out, line);
  const requests = Number(/^requests: (\d+)/m.exec(out)?.[1]);
  assert.ok(requests >= 500, `the clients kept up: ${requests} requests`);
});
