// Times whole commands the way a shell runs them: interleaved runs of each side in one
// loop, so both see the same machine load, reporting the median and the spread.
// The child is awaited, not run with spawnSync: the STS proxy that counts calls lives in
// this process and must keep answering while a command runs.
import { spawn } from 'node:child_process';
import type { Timing } from './measure.ts';

export interface Side {
  readonly name: string;
  readonly argv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  /** Throws when the output shows the command did not do its job. */
  readonly check?: (stdout: string) => void;
}

export interface RunOutput {
  readonly ms: number;
  readonly stdout: string;
}

/** Runs the command once; rejects when it exits non-zero. */
export function runTimed(s: Side): Promise<RunOutput> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(s.argv[0]!, s.argv.slice(1), { env: s.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) return reject(new Error(`${s.name} exited ${code}: ${stderr.trim() || stdout.trim()}`));
      try {
        s.check?.(stdout);
      } catch (e) {
        return reject(new Error(`${s.name}: ${(e as Error).message}`));
      }
      resolve({ ms, stdout });
    });
  });
}

export function timing(times: readonly number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted[sorted.length - 1]!, runs: sorted.length };
}

export async function timeInterleaved(sides: readonly Side[], runs: number, warmups = 3): Promise<Map<string, Timing>> {
  const samples = new Map<string, number[]>(sides.map((s) => [s.name, []]));
  for (const s of sides) for (let i = 0; i < warmups; i++) await runTimed(s); // page cache, daemon
  for (let i = 0; i < runs; i++) for (const s of sides) samples.get(s.name)!.push((await runTimed(s)).ms);
  return new Map([...samples].map(([name, times]) => [name, timing(times)]));
}
