// A running daemon: claims the runtime dir, serves, and stops on a signal, a client's
// shutdown, idle, or the loss of its socket. Resolves with the process exit code.
import { ConfigCache } from './configCache.ts';
import { ConsolePages } from './consolePages.ts';
import { LockState } from './lockState.ts';
import { hardeningWarning, type Hardening } from './hardening.ts';
import { readLockMarker, removeLockMarker, writeLockMarker } from './lockMarker.ts';
import { EngineHost, type EngineParts } from './engineHost.ts';
import { makeDispatch } from './handlers.ts';
import { EcsService } from './ecs/service.ts';
import type { RateLimit } from './ecs/rateLimit.ts';
import { claimInstance } from './instance.ts';
import { installSignals, startWatchers } from './lifecycle.ts';
import type { Logger } from './log.ts';
import { DaemonServer, type ServerOptions } from './server.ts';
import { DEFAULT_CONSOLE_PAGE_SECONDS } from './settings.ts';
import { EXIT_ALREADY_RUNNING } from '../ipc/daemonEntry.ts';

export interface DaemonOptions {
  readonly runtimeDir: string;
  readonly log: Logger;
  readonly idleExitSeconds: number;
  /** What hardenProcess achieved (hardening.ts); tests that run the daemon in-process give none. */
  readonly hardening?: Hardening;
  /** How long a console page stays after its first read (settings.ts). */
  readonly consolePageSeconds?: number;
  readonly createEngine: () => Promise<EngineParts>;
  /** How long requests in flight may finish after SIGTERM. */
  readonly drainMs?: number;
  readonly socketCheckMs?: number;
  readonly limits?: ServerOptions['limits'];
  /** The container endpoint's per-client rate limit (ecs/rateLimit.ts). */
  readonly ecsRateLimit?: RateLimit;
}

export async function runDaemon(o: DaemonOptions): Promise<number> {
  const startedAt = new Date();
  const engines = new EngineHost(o.createEngine);
  const configs = new ConfigCache(o.log);
  const graceMs = (o.consolePageSeconds ?? DEFAULT_CONSOLE_PAGE_SECONDS) * 1000;
  const pages = new ConsolePages(o.runtimeDir, { graceMs, maxAgeMs: Math.max(graceMs, 300_000) });
  const marker = readLockMarker(o.runtimeDir);
  if (marker === 'unreadable') o.log.warn('the lock marker is unreadable: starting locked; `awsx unlock` unlocks without a passphrase');
  else if (marker !== undefined) o.log.info('starting locked: awsx was locked when the last daemon stopped');
  const lock = new LockState(undefined, marker);
  let server: DaemonServer | undefined;
  // Hardening off is said once per daemon start, on the first answer that can carry it.
  let startupWarning = o.hardening === undefined ? undefined : hardeningWarning(o.hardening);
  let stop: (why: string) => void = () => undefined;
  let ecsActivity = 0;
  const ecs = new EcsService({ engines, configs, lock, log: o.log, onActivity: () => (ecsActivity = Date.now()), ...(o.ecsRateLimit ? { rateLimit: o.ecsRateLimit } : {}) });
  const dispatch = makeDispatch({
    engines,
    configs,
    lock,
    pages,
    ecs,
    lockMarker: { save: (record) => writeLockMarker(o.runtimeDir, record), remove: () => removeLockMarker(o.runtimeDir) },
    log: o.log,
    stats: () => ({ connections: server?.connectionCount ?? 0, startedAt, runtimeDir: o.runtimeDir, idleExitSeconds: o.idleExitSeconds, hardening: o.hardening }),
    takeStartupWarning: () => {
      const w = startupWarning;
      startupWarning = undefined;
      return w;
    },
    requestShutdown: () => stop('shutdown request'),
  });
  const claim = await claimInstance(o.runtimeDir, async (socketPath) => {
    server = await DaemonServer.listen({ socketPath, dispatch, log: o.log, ...(o.limits ? { limits: o.limits } : {}) });
  });
  if (claim.kind === 'already-running') {
    o.log.info(`another daemon serves ${o.runtimeDir}${claim.pid ? ` (pid ${claim.pid})` : ''}; exiting`);
    return EXIT_ALREADY_RUNNING;
  }
  const { instance } = claim;
  const srv = server!;
  o.log.info(`listening on ${instance.socketPath}`);

  return new Promise<number>((resolve) => {
    let stopping = false;
    let finished = false;
    const finish = (why: string): void => {
      if (finished) return;
      finished = true;
      removeSignals();
      stopWatchers();
      instance.release();
      ecs.close();
      engines.loaded()?.clear();
      pages.clear();
      o.log.info(`stopped (${why})`);
      resolve(0);
    };
    const forceStop = (why: string): void => {
      srv.closeNow();
      finish(why);
    };
    // The process exits right after without closing the server, whose close would unlink
    // the path (libuv does) even though the socket there is no longer ours.
    const abandon = (why: string): void => finish(why);
    stop = (why: string): void => {
      if (stopping) return;
      stopping = true;
      o.log.info(`stopping (${why}): draining`);
      void srv.drain(o.drainMs ?? 5_000).then(() => finish(why));
    };
    const removeSignals = installSignals({
      stop,
      forceStop,
      abandon,
      isStopping: () => stopping,
      reload: () => configs.clear(),
      dropCredentials: () => {
        engines.loaded()?.clear();
        pages.clear();
        ecs.revokeProfile(undefined, 'SIGUSR2');
      },
      log: o.log,
    });
    const stopWatchers = startWatchers(
      {
        idleMs: o.idleExitSeconds === 0 ? Infinity : o.idleExitSeconds * 1000,
        // A locked daemon stays, so `awsx daemon status` keeps saying so (a new one would start
        // locked too, from the marker). A live container token is a process counting on this
        // daemon's endpoint.
        isIdle: () => srv.connectionCount === 0 && liveSessions(engines) === 0 && !lock.isLocked() && ecs.size === 0,
        lastActivity: () => Math.max(srv.lastActivity, ecsActivity),
        ownsSocket: instance.ownsSocket,
        socketCheckMs: o.socketCheckMs ?? 5_000,
      },
      { stop, abandon },
    );
  });
}

function liveSessions(engines: EngineHost): number {
  const now = Date.now();
  return (engines.loaded()?.sessions() ?? []).filter((s) => s.expiration === undefined || s.expiration.getTime() > now).length;
}
