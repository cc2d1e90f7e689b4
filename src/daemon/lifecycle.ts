// Signals and timers of a running daemon (docs/security.md Appendix A, "Signals"):
//   SIGTERM          drain, then exit (SIGINT too: Ctrl-C on `awsx daemon run`)
//   second TERM/INT  exit now
//   SIGHUP           re-read every config file on the next request; sessions are kept (each
//                    is keyed by everything in the config that shapes it), and a file that
//                    no longer parses leaves its last good version in use (configCache.ts)
//   SIGUSR2          drop all credentials and container tokens (T17), as `awsx lock` does
//                    without locking
//   SIGUSR1          handled, so Node's inspector can never be opened by it (T4, test 10)
// plus the idle exit and the check that our socket is still ours (T13, test 7).
import type { Logger } from './log.ts';

export interface LifecycleHooks {
  readonly stop: (why: string) => void;
  readonly forceStop: (why: string) => void;
  /** Leave without closing the server: closing a Unix socket server unlinks its path. */
  readonly abandon: (why: string) => void;
  readonly isStopping: () => boolean;
  readonly reload: () => void;
  readonly dropCredentials: () => void;
  readonly log: Logger;
}

const HANDLED = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGUSR1', 'SIGUSR2'] as const;

/** Installs the handlers; returns a function that removes them. */
export function installSignals(h: LifecycleHooks): () => void {
  const handlers: Record<(typeof HANDLED)[number], () => void> = {
    SIGTERM: () => (h.isStopping() ? h.forceStop('second SIGTERM') : h.stop('SIGTERM')),
    SIGINT: () => (h.isStopping() ? h.forceStop('SIGINT while stopping') : h.stop('SIGINT')),
    SIGHUP: () => {
      h.log.info('SIGHUP: config files are read again on the next request');
      h.reload();
    },
    SIGUSR2: () => {
      h.log.info('SIGUSR2: all sessions dropped, all container tokens revoked');
      h.dropCredentials();
    },
    SIGUSR1: () => h.log.info('SIGUSR1 ignored (the inspector stays closed)'),
  };
  for (const sig of HANDLED) process.on(sig, handlers[sig]);
  return () => {
    for (const sig of HANDLED) process.off(sig, handlers[sig]);
  };
}

export interface Watchers {
  /** Nobody connected and no live session since this long: exit. */
  readonly idleMs: number;
  readonly isIdle: () => boolean;
  readonly lastActivity: () => number;
  readonly ownsSocket: () => boolean;
  readonly socketCheckMs: number;
}

/** Starts the idle and socket checks; returns a function that stops them. */
export function startWatchers(w: Watchers, h: Pick<LifecycleHooks, 'stop' | 'abandon'>): () => void {
  const idle = setInterval(() => {
    if (w.isIdle() && Date.now() - w.lastActivity() >= w.idleMs) h.stop(`idle for ${Math.round(w.idleMs / 1000)} s with no sessions`);
  }, Math.max(250, Math.min(w.idleMs / 4, 30_000)));
  const socket = setInterval(() => {
    // Someone removed or replaced our socket: a new daemon may live there now, so leave
    // without unlinking anything (gpg's check_own_socket).
    if (!w.ownsSocket()) h.abandon('our socket was removed or replaced');
  }, w.socketCheckMs);
  return () => {
    clearInterval(idle);
    clearInterval(socket);
  };
}
