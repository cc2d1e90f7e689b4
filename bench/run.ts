// `npm run bench`: every benchmark of issue #8, then one Markdown table for docs/benchmarks.md.
// The command benchmarks time the built dist/ (`npm run bench` builds first). Every
// service they need (moto_server, the STS proxy, daemons) is started and stopped by each.
// A benchmark that fails becomes a failed row; the exit code is then 1.
import { cpus, loadavg, release } from 'node:os';
import { configScale, type BenchRow } from './configScale.ts';
import { credentialProcess } from './credentialProcess.ts';
import { daemonLoad } from './daemonLoad.ts';
import { ecsEndpoint } from './ecsEndpoint.ts';
import { envLatency } from './envLatency.ts';
import { promptBench } from './prompt.ts';
import { tuiBench } from './tui.ts';

const BENCHMARKS: readonly [string, () => BenchRow[] | Promise<BenchRow[]>][] = [
  ['config scale', configScale],
  ['picker', () => tuiBench()],
  ['awsx env latency', () => envLatency()],
  ['credential_process', () => credentialProcess()],
  ['prompt', () => promptBench()],
  ['daemon under load', daemonLoad],
  ['container endpoint', () => ecsEndpoint()],
];

/** A multi-line error (a Python traceback, say) as its first and last lines. */
function firstAndLast(message: string): string {
  const lines = message.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines.length > 1 ? `${lines[0]} … ${lines[lines.length - 1]}` : (lines[0] ?? '');
}

const started = performance.now();
const load = loadavg()[0]!.toFixed(2);
const rows: BenchRow[] = [];
let failed = false;
for (const [name, bench] of BENCHMARKS) {
  const t0 = performance.now();
  try {
    rows.push(...(await bench()));
  } catch (e) {
    failed = true;
    rows.push({ what: `${name}: did not run`, result: `failed: ${firstAndLast((e as Error).message)}`, budget: '', met: false });
  }
  process.stderr.write(`bench: ${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}

const ca = process.env['NODE_EXTRA_CA_CERTS'] ? 'set' : 'unset';
const cell = (text: string): string => text.replaceAll('|', '\\|');
console.log(`Machine: ${cpus().length} x ${cpus()[0]?.model.trim() ?? 'cpu'}, Linux ${release()}, Node ${process.version}; load average ${load} at the start; NODE_EXTRA_CA_CERTS ${ca} in the calling environment`);
console.log('Command: `npm run bench` (build, then `node --import tsx bench/run.ts`)\n');
console.log('| Benchmark | Result: median (min..max) | Budget | Met |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(`| ${cell(r.what)} | ${cell(r.result)} | ${cell(r.budget)} | ${r.met === null ? '—' : r.met ? 'yes' : 'NO'} |`);
console.log(`\nTotal: ${((performance.now() - started) / 1000).toFixed(0)} s`);
if (failed) process.exitCode = 1;
