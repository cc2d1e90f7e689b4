// `node --import ./moduleTrace.mjs PROGRAM`: records every module the program loads, for
// tests of what a hot path costs. Files come from a loader hook (which runs off-thread, so
// it appends to a file); Node's built-ins from process.moduleLoadList at exit.
import { register } from 'node:module';
import { appendFileSync } from 'node:fs';

const out = process.env.AWSX_MODULE_TRACE;
register(new URL('./moduleTraceHooks.mjs', import.meta.url), { data: { out } });
process.on('exit', () => {
  for (const m of process.moduleLoadList) if (m.startsWith('NativeModule ')) appendFileSync(out, `builtin:${m.slice(13)}\n`);
});
