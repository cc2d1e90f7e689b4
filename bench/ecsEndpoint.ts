// The container credentials endpoint with the session cached (DESIGN.md budget: p99 < 5 ms
// an answer on loopback): `awsx exec app --ecs-server` holds a token, and GETs come as the
// SDKs send them, one connection each (botocore and fromHttp open a new one per fetch).
// They are paced under the endpoint's per-client rate limit (200 a second), so no answer is
// a 429. Beside it, the constant-time check of security test 44: wrong tokens that differ
// in their first or in their last byte, interleaved, and the gap between their medians.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { percentile } from '../test/helpers/liveDaemon.ts';
import type { BenchRow } from './configScale.ts';
import { AWSX, benchWorld } from './world.ts';

const CONFIG = `[profile base]
region = us-east-1
[profile app]
role_arn = arn:aws:iam::123456789012:role/app
source_profile = base
region = us-east-1
`;
const CREDENTIALS = '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s\n';
const PACE_MS = 6;

function get(url: URL, token: string): Promise<{ status: number; ms: number }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = http.get({ host: url.hostname, port: url.port, path: url.pathname, headers: { authorization: token }, agent: false }, (res) => {
      res.resume().on('end', () => resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    });
    req.on('error', reject);
  });
}

async function timed(url: URL, token: string, runs: number, status: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await get(url, token);
    if (r.status !== status) throw new Error(`answer ${i}: HTTP ${r.status}, expected ${status}`);
    times.push(r.ms);
    await sleep(PACE_MS);
  }
  return times;
}

const ms = (v: number): string => `${v.toFixed(2)} ms`;

export async function ecsEndpoint(runs = 1000): Promise<BenchRow[]> {
  const world = await benchWorld({ config: CONFIG, credentials: CREDENTIALS });
  const exec = spawn(process.execPath, [AWSX, 'exec', 'app', '--ecs-server', '--', 'sh', '-c', 'echo "$AWS_CONTAINER_CREDENTIALS_FULL_URI $AWS_CONTAINER_AUTHORIZATION_TOKEN"; exec sleep 600'], { env: world.env, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      exec.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        if (out.includes('\n')) resolve(out.trim());
      });
      exec.once('exit', (code) => reject(new Error(`awsx exec --ecs-server exited ${code}`)));
    });
    const [uri, token] = line.split(' ') as [string, string];
    const url = new URL(uri);
    await timed(url, token, 20, 200); // warm: JIT, the engine's cache
    const ok = await timed(url, token, runs, 200);
    const wrongAt = (i: number): string => token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
    const first: number[] = [];
    const last: number[] = [];
    for (let i = 0; i < runs / 2; i++) {
      first.push(...(await timed(url, wrongAt(0), 1, 403)));
      last.push(...(await timed(url, wrongAt(token.length - 1), 1, 403)));
    }
    const p99 = percentile(ok, 99);
    const gap = percentile(last, 50) - percentile(first, 50);
    if (world.proxy.count('AssumeRole') !== 1) throw new Error(`${world.proxy.count('AssumeRole')} AssumeRole calls: the session was not served from the cache`);
    return [
      {
        what: `container endpoint, cached session: one GET on a new loopback connection (${runs} answers, paced at ${PACE_MS} ms)`,
        result: `p50 ${ms(percentile(ok, 50))}, p99 ${ms(p99)}, max ${ms(Math.max(...ok))}`,
        budget: 'p99 < 5 ms',
        met: p99 < 5,
      },
      {
        what: `container endpoint, a wrong token: first byte vs last byte wrong (${runs / 2} each, interleaved)`,
        result: `p50 ${ms(percentile(first, 50))} vs ${ms(percentile(last, 50))} (gap ${gap >= 0 ? '+' : ''}${(gap * 1000).toFixed(0)} µs)`,
        budget: 'no difference beyond noise (security 44)',
        met: null,
      },
    ];
  } finally {
    exec.kill('SIGTERM');
    await world.close();
  }
}
