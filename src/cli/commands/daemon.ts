// `awsx daemon start|stop|status|run`. `run` keeps the daemon in the foreground with its log
// on stderr; it is the same process the CLI autostarts (same entry, same scrubbed env).
import { setTimeout as sleep } from 'node:timers/promises';
import { AwsxError } from '../../core/errors.ts';
import { connectDaemon, isDaemonNotRunning } from '../../ipc/client.ts';
import { daemonError } from '../../ipc/connection.ts';
import { isPidAlive } from '../../core/pidLock.ts';
import { parseCommandArgs, wantsHelp } from '../args.ts';
import type { Command } from '../command.ts';
import { withDaemon } from '../daemonCall.ts';

const USAGE = `Usage: awsx daemon start|stop|status [--json]|run

  start   start the daemon in the background (any command that needs it does this)
  stop    stop it; its sessions are dropped
  status  whether it runs, its pid, sessions and runtime dir (exit 3: not running)
  run     run it in the foreground, logging to stderr (Ctrl-C stops it)`;

// LSB's "program is not running" status code.
export const EXIT_NOT_RUNNING = 3;
// The daemon drains for up to 5 s after a shutdown request.
const STOP_WAIT_MS = 10_000;

export const command: Command = async (argv) => {
  const { values, positionals } = parseCommandArgs('daemon', argv, { json: { type: 'boolean' } }, USAGE);
  if (wantsHelp(values, USAGE)) return 0;
  const [action, ...extra] = positionals;
  if (extra.length > 0) throw new AwsxError('UsageError', 'daemon: one action at a time', { hint: USAGE });
  switch (action) {
    case 'start':
      return start();
    case 'stop':
      return stop();
    case 'status':
      return status(values.json === true);
    case 'run':
      return runForeground();
    default:
      throw new AwsxError('UsageError', action === undefined ? 'daemon: name an action' : 'daemon: unknown action', { hint: USAGE });
  }
};

async function start(): Promise<number> {
  const { connection, hello } = await connectDaemon();
  connection.close();
  process.stdout.write(`awsx daemon running (pid ${hello.pid})\n`);
  return 0;
}

async function stop(): Promise<number> {
  let pid: number;
  try {
    pid = await withDaemon(
      async (c) => {
        const { pid: running } = await c.request('status', {});
        await c.request('shutdown', {});
        return running;
      },
      { autostart: false },
    );
  } catch (e) {
    if (!isDaemonNotRunning(e)) throw e;
    process.stdout.write('awsx daemon not running\n');
    return 0;
  }
  const deadline = Date.now() + STOP_WAIT_MS;
  while (isPidAlive(pid)) {
    if (Date.now() > deadline) throw daemonError(`daemon: pid ${pid} is still running`, `kill ${pid}`);
    await sleep(20);
  }
  process.stdout.write(`awsx daemon stopped (pid ${pid})\n`);
  return 0;
}

async function status(json: boolean): Promise<number> {
  let s;
  try {
    s = await withDaemon((c) => c.request('status', {}), { autostart: false });
  } catch (e) {
    if (!isDaemonNotRunning(e)) throw e;
    process.stdout.write(json ? '{"running": false}\n' : 'awsx daemon not running\n');
    return EXIT_NOT_RUNNING;
  }
  if (json) {
    process.stdout.write(JSON.stringify({ running: true, ...s }, null, 2) + '\n');
    return 0;
  }
  const idle = s.idleExitSeconds === 0 ? 'never' : s.locked ? 'not while locked' : `after ${s.idleExitSeconds} s idle with no sessions`;
  process.stdout.write(
    [
      `awsx daemon running (pid ${s.pid}, awsx ${s.daemon}, protocol ${s.protocol})`,
      `  since:       ${s.startedAt}`,
      `  runtime dir: ${s.runtimeDir}`,
      `  sessions:    ${s.sessions}${s.locked ? ' (locked: awsx unlock)' : ''}`,
      `  connections: ${s.connections}`,
      `  exits:       ${idle}`,
      ...(s.hardening === undefined ? [] : [`  hardening:   ${hardeningLine(s.hardening)}`]),
    ].join('\n') + '\n',
  );
  return 0;
}

function hardeningLine(h: { nonDumpable: boolean; noCoreDumps: boolean; peerChecks: boolean; problem?: string | undefined }): string {
  if (h.problem === undefined) return 'on (non-dumpable, no core dumps, peer uid checks)';
  const off = [h.nonDumpable ? '' : 'dumpable', h.noCoreDumps ? '' : 'core dumps allowed', h.peerChecks ? '' : 'no peer uid checks'].filter(Boolean).join(', ');
  return `OFF: ${off} (${h.problem})`;
}

async function runForeground(): Promise<number> {
  const [{ spawn }, { daemonCommand }, { daemonEnv }, { constants }] = await Promise.all([
    import('node:child_process'),
    import('../../ipc/daemonEntry.ts'),
    import('../../ipc/scrubEnv.ts'),
    import('node:os'),
  ]);
  const cmd = daemonCommand();
  const child = spawn(cmd.execPath, [...cmd.args], { stdio: ['ignore', 'inherit', 'inherit'], env: daemonEnv(process.env), cwd: '/' });
  // Ctrl-C reaches the daemon from the terminal itself (same process group); forwarding it
  // too would count as a second signal and skip the drain.
  const ignore = (): void => undefined;
  const forward = (sig: NodeJS.Signals): void => void child.kill(sig);
  process.on('SIGINT', ignore);
  for (const sig of ['SIGTERM', 'SIGHUP', 'SIGUSR2'] as const) process.on(sig, forward);
  return new Promise((resolve, reject) => {
    child.once('error', (e) => reject(daemonError(`daemon run: cannot start it (${(e as NodeJS.ErrnoException).code ?? e.message})`, 'reinstall awsx')));
    child.once('exit', (code, signal) => resolve(signal ? 128 + (constants.signals[signal] ?? 0) : code ?? 1));
  });
}
