// The daemon process (dist/awsxd.js; src/daemon/main.ts from source). Started detached by
// the CLI (`--detached`: logs go to daemon.log) or in the foreground by `awsx daemon run`
// (logs go to stderr). Never started with secrets in argv or env (ipc/scrubEnv.ts).

// First, before any await: with a SIGUSR1 handler installed, `kill -USR1` cannot open
// Node's inspector (docs/security.md T4, test 10; Node 20 has no --disable-sigusr1).
process.on('SIGUSR1', () => undefined);

import { describeForLog, fileLogger, stderrLogger, type Logger } from './log.ts';
import { hardenProcess } from './hardening.ts';
import { closeInheritedFds } from './inheritedFds.ts';
import { DAEMON_TITLE } from './instance.ts';
import { runDaemon } from './daemon.ts';
import { readSettings } from './settings.ts';
import { createEngineParts } from './createEngine.ts';
import { DETACHED_FLAG } from '../ipc/daemonEntry.ts';
import { ensureRuntimeDir, logPath, resolveRuntimeDir } from '../ipc/runtimeDir.ts';

// The instance lock's liveness check reads this back from /proc/<pid>/cmdline.
process.title = DAEMON_TITLE;
// Every file the daemon creates (log, lock, socket) is private.
process.umask(0o077);
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// Before anything secret is in memory: no core file, and not dumpable, so a same-uid
// process can neither ptrace us nor read /proc/<pid>/mem or environ (T3, T4; test 9).
const hardening = hardenProcess();
// Before any child is spawned: what the starting shell held open is not ours to pass on.
const inheritedFds = closeInheritedFds();

let log: Logger | undefined;

async function main(): Promise<number> {
  const dir = resolveRuntimeDir(process.env);
  ensureRuntimeDir(dir);
  const debug = Boolean(process.env['AWSX_DEBUG']);
  log = process.argv.includes(DETACHED_FLAG) ? fileLogger(logPath(dir), debug) : stderrLogger(debug);
  log.info(`awsx daemon starting (node ${process.version})`);
  if (hardening.problem !== undefined) log.warn(hardening.problem);
  if (inheritedFds.length > 0) log.info(`closed ${inheritedFds.length} inherited descriptor(s): ${inheritedFds.join(', ')}`);
  // After the log exists, so a bad setting is explained where the CLI looks for it.
  const settings = readSettings(process.env);
  // Crash-only: a bug ends the process (the next CLI starts a fresh one); the log gets the
  // error's class and stack, never its message text.
  process.on('uncaughtException', (err) => crash('uncaught exception', err));
  process.on('unhandledRejection', (err) => crash('unhandled rejection', err));
  return runDaemon({ runtimeDir: dir, log, hardening, idleExitSeconds: settings.idleExitSeconds, consolePageSeconds: settings.consolePageSeconds, createEngine: () => createEngineParts(log!, settings.processTimeoutSeconds) });
}

function crash(what: string, err: unknown): never {
  log?.error(`${what}: ${describeForLog(err)}`);
  process.exit(70);
}

main().then(
  (code) => {
    log?.close();
    process.exit(code);
  },
  (err: unknown) => {
    const text = `awsx daemon: ${describeForLog(err)}`;
    if (log) log.error(text);
    else process.stderr.write(`${text}\n`);
    process.exit(1);
  },
);
