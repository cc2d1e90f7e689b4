// `node --import ./moduleTrace.mjs PROGRAM`: records every module the program loads, for
// tests of what a hot path costs. Files come from a loader hook (which runs off-thread, so
// it appends to a file) and, for CommonJS require(), from the module cache at exit; Node's
// built-ins from process.moduleLoadList at exit. A file may be listed twice.
import { createRequire, register } from 'node:module';
import { appendFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const out = process.env.AWSX_MODULE_TRACE;
register(new URL('./moduleTraceHooks.mjs', import.meta.url), { data: { out } });
const cjsCache = createRequire(import.meta.url).cache;
process.on('exit', () => {
  for (const m of process.moduleLoadList) if (m.startsWith('NativeModule ')) appendFileSync(out, `builtin:${m.slice(13)}\n`);
  for (const file of Object.keys(cjsCache)) appendFileSync(out, `${pathToFileURL(file).href}\n`);
});
