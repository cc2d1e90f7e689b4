// The daemon under load: the built daemon (dist/awsxd.js, started as `awsx daemon start`
// starts it) against moto, behind the proxy that counts STS calls, with a 1,000-profile
// config. Clients speak the wire protocol with the CLI's own connection class (connect,
// hello, resolve, close: what `awsx env` does), many sockets from this one process:
// - 200 concurrent requests for one cold profile two hops deep: STS calls, one per hop;
// - 1,000 clients connecting at once for a cached profile: latency p50/p99, errors (none);
// - VmRSS once 100 sessions are held: under 100 MB.
import { readFileSync } from 'node:fs';
import { forwardedEnv } from '../src/cli/daemonCall.ts';
import { IpcConnection } from '../src/ipc/connection.ts';
import { PROTOCOL_VERSION, type WireEnv } from '../src/ipc/protocol.ts';
import { theDaemon } from '../test/helpers/daemon.ts';
import { runTimed, timing } from './commandTiming.ts';
import type { BenchRow } from './configScale.ts';
import { generateConfig } from './generateConfig.ts';
import { fmt } from './measure.ts';
import { AWSX, benchWorld } from './world.ts';

const PROFILES = 1_000;
const SESSIONS = 100;
const AT_ONCE = 1_000;
const COLD_CONCURRENT = 200;

const OWN = `
[profile bench-hot]
role_arn = arn:aws:iam::123456789012:role/hot
source_profile = base-0
region = us-east-1
[profile bench-hop1]
role_arn = arn:aws:iam::123456789012:role/hop1
source_profile = base-0
region = us-east-1
[profile bench-cold]
role_arn = arn:aws:iam::123456789012:role/cold
source_profile = bench-hop1
region = us-east-1
`;

interface Outcome {
  readonly ms: number;
  readonly error?: string;
  /** Connections the daemon dropped before answering, retried (only with `retry`). */
  readonly retries: number;
}

/** One CLI-like client: connect, hello, resolve, close; the time from `t0`. */
async function client(socket: string, profile: string, env: WireEnv, t0: number, retry: boolean): Promise<Outcome> {
  for (let retries = 0; ; retries++) {
    let conn: IpcConnection | undefined;
    try {
      conn = await IpcConnection.open(socket, 30_000);
      await conn.request('hello', { protocol: PROTOCOL_VERSION, client: 'bench' }, 30_000);
      const r = await conn.request('resolve', { profile, env }, 60_000);
      if (r.kind !== 'credentials') throw new Error(`answer ${r.kind}`);
      return { ms: performance.now() - t0, retries };
    } catch (e) {
      const error = (e as Error).message;
      if (!retry || retries >= 50) return { ms: performance.now() - t0, error, retries };
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
    } finally {
      conn?.close();
    }
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Crowd {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly errors: number;
  /** Each distinct error message with its count. */
  readonly why: string;
  readonly retries: number;
  readonly clients: number;
}

async function crowd(n: number, socket: string, profile: string, env: WireEnv, retry = false): Promise<Crowd> {
  const t0 = performance.now();
  const out = await Promise.all(Array.from({ length: n }, () => client(socket, profile, env, t0, retry)));
  // Latency of the answered requests; the failed ones are counted apart.
  const ok = out.filter((o) => o.error === undefined).map((o) => o.ms).sort((a, b) => a - b);
  const reasons = new Map<string, number>();
  for (const o of out) if (o.error !== undefined) reasons.set(o.error, (reasons.get(o.error) ?? 0) + 1);
  return {
    p50: percentile(ok, 50),
    p99: percentile(ok, 99),
    max: ok[ok.length - 1] ?? NaN,
    errors: [...reasons.values()].reduce((a, b) => a + b, 0),
    why: [...reasons].map(([m, c]) => `${c}x "${m}"`).join(', '),
    retries: out.reduce((a, o) => a + o.retries, 0),
    clients: n,
  };
}

const ms = (x: number): string => `${x.toFixed(0)} ms`;
const latency = (c: Crowd): string => `p50 ${ms(c.p50)}, p99 ${ms(c.p99)}, max ${ms(c.max)}`;

function vm(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

/** Profiles that take one AssumeRole from a base and ask for no MFA code. */
function plainProfiles(names: readonly string[], n: number): string[] {
  const bases = names.filter((x) => x.startsWith('base-')).length;
  const out: string[] = [];
  for (let i = bases; i < names.length && out.length < n; i++) if (i % 4 !== 0 && i % 3 !== 0) out.push(names[i]!);
  if (out.length < n) throw new Error(`only ${out.length} plain profiles in the generated config`);
  return out;
}

interface Daemon {
  readonly socket: string;
  readonly env: WireEnv;
  /** AssumeRole calls STS has seen so far. */
  readonly assumed: () => number;
}

// One cold profile, two hops: every request waits on the same two calls.
async function coldChain(d: Daemon): Promise<BenchRow> {
  const before = d.assumed();
  const cold = await crowd(COLD_CONCURRENT, d.socket, 'bench-cold', d.env);
  const calls = d.assumed() - before;
  return {
    what: `daemon: ${COLD_CONCURRENT} concurrent requests for one cold profile (2-hop chain)`,
    result: `${calls} STS calls; ${cold.clients - cold.errors}/${cold.clients} answered (${latency(cold)})${cold.errors ? `; errors: ${cold.why}` : ''}`,
    budget: 'STS calls: one per hop (2), errors: none',
    met: calls === 2 && cold.errors === 0,
  };
}

async function cachedCrowds(d: Daemon): Promise<BenchRow[]> {
  await crowd(1, d.socket, 'bench-hot', d.env);
  const before = d.assumed();
  // One client at a time: what each of the crowd would see alone (the first 10 warm up).
  const alone: number[] = [];
  for (let i = 0; i < 50; i++) alone.push((await crowd(1, d.socket, 'bench-hot', d.env)).p50);
  // All at once, connecting as the CLI does: no retry.
  const hot = await crowd(AT_ONCE, d.socket, 'bench-hot', d.env);
  // The same crowd with clients that retry a dropped connection, for the latency alone.
  const retried = await crowd(AT_ONCE, d.socket, 'bench-hot', d.env, true);
  const calls = d.assumed() - before;
  if (calls !== 0) throw new Error(`the cached profile cost ${calls} STS calls`);
  return [
    { what: 'daemon: one client at a time for a cached profile (connect, hello, resolve)', result: fmt(timing(alone.slice(10))), budget: '(reference)', met: null },
    {
      what: `daemon: ${AT_ONCE} clients connecting at once for a cached profile (no retry, as the CLI)`,
      result: `${latency(hot)} (${hot.clients - hot.errors} answered); ${hot.errors} errors${hot.errors ? `: ${hot.why}` : ''}`,
      budget: 'errors: none',
      met: hot.errors === 0,
    },
    {
      what: `daemon: ${AT_ONCE} clients at once, each retrying a dropped connection (not what the CLI does)`,
      result: `${latency(retried)}; ${retried.retries} retries, ${retried.errors} errors${retried.errors ? `: ${retried.why}` : ''}`,
      budget: '(for the latency)',
      met: null,
    },
  ];
}

// 100 sessions in all: those made before and more from the generated profiles.
async function memory(d: Daemon, pid: number, names: readonly string[]): Promise<BenchRow> {
  const held = async (): Promise<number> => {
    const conn = await IpcConnection.open(d.socket);
    return (await conn.request('sessions', {}).finally(() => conn.close())).sessions.length;
  };
  const rest = plainProfiles(names, SESSIONS - (await held()));
  for (let i = 0; i < rest.length; i += 10) {
    const batch = await Promise.all(rest.slice(i, i + 10).map((p) => crowd(1, d.socket, p, d.env)));
    const failed = batch.find((c) => c.errors > 0);
    if (failed) throw new Error(`creating sessions: ${failed.why}`);
  }
  const sessions = await held();
  const mem = vm(pid);
  return {
    what: `daemon: RSS with a ${PROFILES}-profile config and ${sessions} sessions`,
    result: `${mem.rss.toFixed(1)} MB VmRSS (peak so far ${mem.hwm.toFixed(1)} MB)`,
    budget: '< 100 MB',
    met: mem.rss < 100 && sessions >= SESSIONS,
  };
}

// After 2,000 clients in two bursts: V8 keeps the heap it grew for them for a while.
function peakAfterLoad(pid: number): BenchRow {
  const mem = vm(pid);
  return { what: `daemon: RSS after the bursts of ${AT_ONCE} clients above`, result: `${mem.rss.toFixed(1)} MB VmRSS (peak ${mem.hwm.toFixed(1)} MB)`, budget: '(reference)', met: null };
}

export async function daemonLoad(): Promise<BenchRow[]> {
  const own = (OWN.match(/^\[profile /gm) ?? []).length;
  const gen = generateConfig(PROFILES - own);
  const world = await benchWorld({ config: `${gen.config}\n${OWN}`, credentials: gen.credentials });
  try {
    await runTimed({ name: 'awsx daemon start', argv: [process.execPath, AWSX, 'daemon', 'start'], env: world.env });
    const pid = await theDaemon(world.runtimeDir);
    const d: Daemon = { socket: world.socket, env: forwardedEnv(world.env), assumed: () => world.proxy.count('AssumeRole') };
    // RSS first, in the steady state the budget is about (1,000 profiles, 100 sessions);
    // the peak after the bursts of 1,000 clients is reported beside it.
    const cold = await coldChain(d);
    const rss = await memory(d, pid, gen.names);
    const crowds = await cachedCrowds(d);
    return [cold, ...crowds, rss, peakAfterLoad(pid)];
  } finally {
    await world.close();
  }
}
