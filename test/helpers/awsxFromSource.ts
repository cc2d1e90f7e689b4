// An `awsx` executable that runs the CLI from source, for tests that need the real binary
// on PATH (a shell typing `awsx …`). tsx's loader is given by absolute URL so the wrapper
// works from any directory, as the daemon's own autostart does (ipc/daemonEntry.ts).
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { quotePosix } from '../../src/shell/quote.ts';
import { REPO_ROOT } from './cli.ts';

/** Writes `DIR/bin/awsx` and returns its path; put DIR/bin on PATH and in AWSX_BIN. */
export function awsxFromSource(dir: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  const path = join(bin, 'awsx');
  const argv = [process.execPath, '--import', import.meta.resolve('tsx'), join(REPO_ROOT, 'src', 'cli', 'main.ts')];
  writeFileSync(path, `#!/bin/sh\nexec ${argv.map(quotePosix).join(' ')} "$@"\n`);
  chmodSync(path, 0o755);
  return path;
}
