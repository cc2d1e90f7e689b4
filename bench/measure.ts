// Runs a function repeatedly and reports the median and the spread (min..max) in ms.
export interface Timing {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

export function measure(runs: number, fn: () => void): Timing {
  fn(); // warm-up: JIT and caches
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, min: times[0]!, max: times[times.length - 1]!, runs };
}

export function fmt(t: Timing): string {
  return `${t.median.toFixed(1)} ms (${t.min.toFixed(1)}..${t.max.toFixed(1)}, ${t.runs} runs)`;
}
