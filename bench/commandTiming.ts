// Times whole commands the way a shell runs them: interleaved runs of each side in one
// loop, so both see the same machine load, reporting the median and the spread.
import { spawnSync } from 'node:child_process';
import type { Timing } from './measure.ts';

export interface Side {
  readonly name: string;
  readonly argv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

export function timeInterleaved(sides: readonly Side[], runs: number): Map<string, Timing> {
  const samples = new Map<string, number[]>(sides.map((s) => [s.name, []]));
  const once = (s: Side) => {
    const start = process.hrtime.bigint();
    const r = spawnSync(s.argv[0]!, s.argv.slice(1), { env: s.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) throw new Error(`${s.name} failed: ${r.stderr.toString()}`);
    return ms;
  };
  for (const s of sides) for (let i = 0; i < 3; i++) once(s); // warm-up: page cache, daemon
  for (let i = 0; i < runs; i++) for (const s of sides) samples.get(s.name)!.push(once(s));
  const out = new Map<string, Timing>();
  for (const [name, times] of samples) {
    times.sort((a, b) => a - b);
    out.set(name, { median: times[Math.floor(times.length / 2)]!, min: times[0]!, max: times[times.length - 1]!, runs });
  }
  return out;
}
