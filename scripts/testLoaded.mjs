// `npm run test:loaded`: what `npm test` runs (scripts/test.mjs, with the same arguments),
// with two CPU-bound processes beside it, as on a developer's busy machine. A test that
// passes idle and fails here waits for a time where it must wait for a state.
// The burners are killed however the run ends; should this script itself be killed
// (SIGKILL), each burner notices it has lost its parent and exits on its own.
import { spawn } from 'node:child_process';

const BURNERS = 2;
// Checks its parent every ~16M iterations (a few ms): spinning is the point, outliving us is not.
const BURN = `const p = ${process.pid}; for (let i = 1; ; i++) if ((i & 0xffffff) === 0 && process.ppid !== p) process.exit(0);`;

const burners = Array.from({ length: BURNERS }, () => spawn(process.execPath, ['-e', BURN], { stdio: 'ignore' }));
const stop = () => {
  for (const b of burners) if (b.exitCode === null && b.signalCode === null) b.kill('SIGKILL');
};
process.on('exit', stop);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stop();
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
  });
}

console.error(`test:loaded: ${BURNERS} CPU burners running (pids ${burners.map((b) => b.pid).join(', ')})`);
const suite = spawn(process.execPath, ['scripts/test.mjs', ...process.argv.slice(2)], { stdio: 'inherit' });
suite.on('error', (e) => {
  console.error(`test:loaded: cannot start the suite: ${e.message}`);
  process.exit(1);
});
suite.on('close', (code, signal) => {
  stop();
  process.exit(code ?? (signal === null ? 1 : 128 + 9));
});
