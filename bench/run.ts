// `npm run bench`: every benchmark, then one Markdown table for the README.
// Run `npm run build` first: the command benchmarks time the built dist/awsx.js.
import { cpus } from 'node:os';
import { configScale, type BenchRow } from './configScale.ts';
import { envLatency } from './envLatency.ts';
import { tuiBench } from './tui.ts';

const rows: BenchRow[] = [...configScale(), ...(await envLatency()), ...(await tuiBench())];

const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
console.log(`Machine: ${machine}\n`);
console.log('| Benchmark | Result: median (min..max) | Budget | Met |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(`| ${r.what} | ${r.result} | ${r.budget} | ${r.met ? 'yes' : 'NO'} |`);
