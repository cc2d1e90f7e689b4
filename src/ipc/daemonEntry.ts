// How the client starts the daemon: the absolute node binary and an absolute entry file,
// never a PATH lookup or a shell (docs/security.md T4). From source (tests, development)
// the entry is src/daemon/main.ts run through tsx's loader, given by absolute URL because
// the daemon runs with cwd "/"; from the bundle it is dist/awsxd.mjs beside the CLI.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { daemonError } from './connection.ts';

/** The daemon's exit code when another daemon already serves its runtime dir. */
export const EXIT_ALREADY_RUNNING = 3;
/** The daemon's argument for "started by a client": log to daemon.log, not stderr. */
export const DETACHED_FLAG = '--detached';

export interface DaemonCommand {
  readonly execPath: string;
  readonly args: readonly string[];
}

export function daemonCommand(): DaemonCommand {
  if (import.meta.url.endsWith('.ts')) {
    const entry = fileURLToPath(new URL('../daemon/main.ts', import.meta.url));
    return { execPath: process.execPath, args: ['--import', import.meta.resolve('tsx'), entry] };
  }
  // esbuild puts this module in a bundle in dist/ (awsx.js, pick.js) or in dist/chunks/.
  for (const rel of ['./awsxd.mjs', '../awsxd.mjs']) {
    const path = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(path)) return { execPath: process.execPath, args: [path] };
  }
  throw daemonError('daemon: awsxd.mjs is missing beside the awsx bundle', 'reinstall awsx (npm run build makes dist/awsxd.mjs)');
}
