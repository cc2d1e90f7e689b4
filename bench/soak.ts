// `npm run soak` (docs/security.md test 41): the built daemon under steady load for 10
// minutes. 10 clients, each asking 10 times a second (a connection per request, as the CLI
// does) for one of 20 profiles, while the STS proxy throttles 5% of calls and resets 1%.
// Half the profiles have 20-minute sessions, so each is refreshed every 5 minutes (at 15
// minutes left); the rest hold one session throughout.
//
// It reports, and fails (exit 1) on:
// - RSS drift: the daemon's VmRSS at the end less after warm-up; >= 20 MiB fails;
// - fds: /proc/<pid>/fd once the load has stopped, against the same before it began;
// - STS calls: successful AssumeRoles against the sessions expected (profiles x refreshes);
//   more than expected means a refresh storm;
// - unhandled rejections or crashes in the daemon's log; the daemon still running;
// - any error a client saw, or credentials with less than 10 minutes left.
//
// Options: --seconds N (default 600), --clients N (10), --rate N per client per second (10).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { IpcConnection } from '../src/ipc/connection.ts';
import type { WireEnv } from '../src/ipc/protocol.ts';
import { runAwsx } from '../test/helpers/cli.ts';
import { isAlive, theDaemon } from '../test/helpers/daemon.ts';
import { procStats } from '../test/helpers/liveDaemon.ts';
import { seededRandom } from '../test/helpers/random.ts';
import { benchWorld } from './world.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '600' }, clients: { type: 'string', default: '10' }, rate: { type: 'string', default: '10' } } });
const SECONDS = Number(values.seconds);
const CLIENTS = Number(values.clients);
const RATE = Number(values.rate);
const PROFILES = 20;
const SHORT_SESSION_S = 1200;
const LONG_SESSION_S = 3600;
/** The engine refreshes at 15 minutes left (stepCache.ts ADVISORY_MS). */
const REFRESH_AHEAD_S = 900;
const MAX_RSS_DRIFT_KIB = 20 * 1024;
/** HTTP keep-alive sockets to STS come and go with the load; more than this is a leak. */
const FD_SLACK = 5;

const duration = (i: number): number => (i % 2 === 0 ? SHORT_SESSION_S : LONG_SESSION_S);
const name = (i: number): string => `soak-${String(i).padStart(2, '0')}`;
const config = Array.from({ length: PROFILES }, (_, i) =>
  [`[profile ${name(i)}]`, `role_arn = arn:aws:iam::123456789012:role/${name(i)}`, 'source_profile = base', 'region = us-east-1', `duration_seconds = ${duration(i)}`, ''].join('\n'),
).join('');

const log = (line: string): void => void process.stdout.write(`${line}\n`);
const mib = (kib: number): string => `${(kib / 1024).toFixed(1)} MiB`;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const world = await benchWorld({ config, credentials: '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = soak-secret\n' });
let failed = true;
try {
  failed = await soak();
} catch (e) {
  log(`soak: FAIL (${(e as Error).stack ?? String(e)})`);
} finally {
  await world.close();
}
process.exit(failed ? 1 : 0);

async function soak(): Promise<boolean> {
  const started = await runAwsx(['daemon', 'start'], { env: world.env, built: true });
  if (started.code !== 0) throw new Error(`awsx daemon start: ${started.stderr}`);
  const pid = await theDaemon(world.runtimeDir);
  const wire: WireEnv = { HOME: world.home, AWS_CONFIG_FILE: world.env.AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE: world.env.AWS_SHARED_CREDENTIALS_FILE, AWS_ENDPOINT_URL_STS: world.env.AWS_ENDPOINT_URL_STS, AWSX_ALLOW_INSECURE_ENDPOINTS: '1', PATH: world.env.PATH };
  const errors = new Map<string, number>();
  const seen = (what: string): void => void errors.set(what, (errors.get(what) ?? 0) + 1);
  let requests = 0;

  async function ask(profile: string): Promise<void> {
    let conn: IpcConnection | undefined;
    try {
      conn = await IpcConnection.open(world.socket, 10_000);
      const r = await conn.request('resolve', { profile, env: wire }, 60_000);
      requests++;
      if (r.kind !== 'credentials') return seen(`answer ${r.kind}`);
      const left = Date.parse(r.credentials.expiration ?? '') - Date.now();
      if (!(left >= 10 * 60_000)) seen(`credentials with ${Math.round(left / 1000)} s left`);
    } catch (e) {
      seen((e as Error).message);
    } finally {
      conn?.close();
    }
  }

  // Faults from the start: of the calls the first rule passes over, the second resets 1/95.
  const rand = seededRandom(41);
  world.proxy.failNext(Infinity, { kind: 'throttle' }, () => rand() < 0.05);
  world.proxy.failNext(Infinity, { kind: 'reset' }, () => rand() < 0.01 / 0.95);
  // Warm-up: every profile once, so the engine, the SDK and the first sessions are in.
  await Promise.all(Array.from({ length: PROFILES }, (_, i) => ask(name(i))));
  await sleep(1_000);
  const fdsBefore = procStats(pid).fds;

  const t0 = performance.now();
  const endAt = t0 + SECONDS * 1000;
  const samples: { at: number; rssKiB: number; fds: number }[] = [];
  const sampler = setInterval(() => {
    const s = procStats(pid);
    samples.push({ at: (performance.now() - t0) / 1000, rssKiB: s.rssKiB, fds: s.fds });
  }, Math.min(5_000, (SECONDS * 1000) / 10));
  const client = async (c: number): Promise<void> => {
    const pick = seededRandom(1000 + c);
    for (let next = performance.now(); next < endAt; next += 1000 / RATE) {
      await ask(name(Math.floor(pick() * PROFILES)));
      const wait = next + 1000 / RATE - performance.now();
      if (wait > 0) await sleep(wait);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
  clearInterval(sampler);
  const elapsed = (performance.now() - t0) / 1000;

  // Once the load stops, idle keep-alive sockets to STS close (the proxy drops them after 5 s).
  let fdsAfter = procStats(pid).fds;
  for (let i = 0; i < 40 && fdsAfter > fdsBefore + FD_SLACK; i++) {
    await sleep(250);
    fdsAfter = procStats(pid).fds;
  }
  const alive = samples.length > 0 && isAlive(pid);
  const daemonLog = readFileSync(join(world.runtimeDir, 'daemon.log'), 'utf8');
  const crashes = daemonLog.split('\n').filter((l) => /unhandled rejection|uncaught exception|a bug \(/.test(l)).length;

  // RSS: after warm-up (the first tenth of the run, at least one sample) against the end.
  const warm = samples.filter((s) => s.at >= elapsed / 10);
  const baseline = median((warm.length > 0 ? warm : samples).slice(0, 3).map((s) => s.rssKiB));
  const last = median(samples.slice(-3).map((s) => s.rssKiB));
  const drift = last - baseline;
  const peak = Math.max(...samples.map((s) => s.rssKiB));

  const assumes = world.proxy.calls.filter((c) => c.action === 'AssumeRole');
  const ok = assumes.filter((c) => c.status === 200).length;
  const throttled = assumes.filter((c) => c.errorCode === 'Throttling').length;
  const resets = assumes.filter((c) => c.status === 'reset').length;
  // Sessions per profile: the first, then one each time 15 minutes are left.
  const runS = elapsed + 2;
  const expected = Array.from({ length: PROFILES }, (_, i) => 1 + Math.floor(runS / (duration(i) - REFRESH_AHEAD_S))).reduce((a, b) => a + b, 0);
  const clientErrors = [...errors.values()].reduce((a, b) => a + b, 0);

  const problems: string[] = [];
  if (drift >= MAX_RSS_DRIFT_KIB) problems.push(`RSS drift ${mib(drift)}`);
  if (fdsAfter > fdsBefore + FD_SLACK) problems.push(`fds grew from ${fdsBefore} to ${fdsAfter}`);
  if (ok > expected) problems.push(`${ok} sessions fetched, ${expected} expected: a refresh storm`);
  if (ok < PROFILES) problems.push(`${ok} sessions fetched for ${PROFILES} profiles`);
  if (crashes > 0 || !alive) problems.push(alive ? `${crashes} crash lines in daemon.log` : 'the daemon died');
  if (clientErrors > 0) problems.push(`${clientErrors} client errors`);

  log(`soak: ${problems.length === 0 ? 'PASS' : `FAIL (${problems.join('; ')})`}`);
  log(`requests: ${requests} in ${Math.round(elapsed)} s (${(requests / elapsed).toFixed(1)}/s from ${CLIENTS} clients over ${PROFILES} profiles)`);
  log(`client errors: ${clientErrors}${clientErrors > 0 ? ` (${[...errors].map(([m, n]) => `${n}x ${m}`).join('; ')})` : ''}`);
  log(`RSS: ${mib(baseline)} after warm-up, ${mib(last)} at the end, drift ${drift >= 0 ? '+' : ''}${mib(drift)} (limit 20 MiB), peak ${mib(peak)}`);
  log(`fds: ${fdsBefore} before the load, ${fdsAfter} after it`);
  log(`STS calls: ${assumes.length} AssumeRole (${ok} sessions, ${throttled} throttled, ${resets} reset by the proxy); sessions expected ${expected} (${PROFILES} profiles x refreshes)`);
  log(`unhandled rejections: ${crashes}`);
  return problems.length > 0;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor(s.length / 2)]!;
}
