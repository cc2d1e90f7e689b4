// What each method does, dispatched through a Map keyed by method name (the server knows
// nothing of this). The config is read per request with the caller's env (ConfigCache).
import { AwsxError } from '../core/errors.ts';
import type { Dispatch } from './connection.ts';
import type { ConfigCache } from './configCache.ts';
import { consoleUrl } from './console.ts';
import type { ConsolePages } from './consolePages.ts';
import type { EngineHost } from './engineHost.ts';
import type { LockState } from './lockState.ts';
import type { LockRecord } from './lockMarker.ts';
import { describePeer, type Hardening } from './hardening.ts';
import type { PeerCredentials } from '../core/native.ts';
import type { Logger } from './log.ts';
import { sessionToWire } from './wire.ts';
import { credentialCall, engineResolve, holdsNothing } from './credentialCall.ts';
import type { EcsService } from './ecs/service.ts';
import { whoami } from './whoami.ts';
import { ecsServerByDefault } from '../core/config/ecsServer.ts';
import { PROTOCOL_VERSION, type Method, type Params, type Result, } from '../ipc/protocol.ts';
import { CLIENT_VERSION } from '../ipc/version.ts';

export interface HandlerDeps {
  readonly engines: EngineHost;
  readonly configs: ConfigCache;
  readonly lock: LockState;
  /** Private pages that forward a browser to a console sign-in URL. */
  readonly pages: ConsolePages;
  /** Keeps the lock across daemons (lockMarker.ts). */
  readonly lockMarker: { save(record: LockRecord): void; remove(): void };
  readonly log: Logger;
  readonly ecs: EcsService;
  /** For `status`. */
  readonly stats: () => { readonly connections: number; readonly startedAt: Date; readonly runtimeDir: string; readonly idleExitSeconds: number; readonly hardening?: Hardening | undefined };
  /** A warning for the first answer after start, then undefined (hardening off). */
  readonly takeStartupWarning?: () => string | undefined;
  /** Answer first, then drain and exit. */
  readonly requestShutdown: () => void;
}

/** `caller`: the peer's SO_PEERCRED, for the audit trail (undefined without the native addon). */
/** `gone`: aborted when the caller's connection closes (ServerConnection). */
type Handler<M extends Method> = (params: Params<M>, caller: PeerCredentials | undefined, gone: AbortSignal | undefined) => Promise<Result<M>>;
type HandlerTable = { [M in Method]: Handler<M> };

function table(d: HandlerDeps): HandlerTable {
  return {
    hello: async () => ({ protocol: PROTOCOL_VERSION, daemon: CLIENT_VERSION, pid: process.pid }),
    resolve: async (p, caller, gone) => {
      const r = withStartupWarning(d, await credentialCall(d, p, async (set) => {
        const answer = await engineResolve(d, set, p, gone);
        // `awsx use` then serves the container endpoint instead of keys (docs/ecs-server.md).
        return answer.kind === 'credentials' && ecsServerByDefault(set, p.profile) ? { ...answer, ecsServer: true } : answer;
      }));
      d.log.debug(`resolve ${p.profile}: ${r.kind}${r.kind === 'mfa-required' ? ` (${r.reason})` : ''}`);
      // The audit trail (docs/security.md T3): who got which profile's credentials.
      if (r.kind === 'credentials') d.log.info(`served ${p.profile} to ${describePeer(caller)}`);
      return r;
    },
    whoami: async (p, _caller, gone) => withStartupWarning(d, await credentialCall(d, p, (set) => whoami(p, set, d.engines, gone))),
    console: async (p, caller, gone) => {
      const r = await credentialCall(d, p, (set) => consoleUrl(p, set, d.engines, gone));
      if (r.kind === 'mfa-required') return r;
      d.log.info(`console sign-in for ${p.profile} to ${describePeer(caller)}`);
      return p.open ? { kind: 'page', path: d.pages.write(r.url), notes: r.notes, ...warningOf(r) } : r;
    },
    sessions: async () => ({ sessions: d.lock.isLocked() ? [] : (d.engines.loaded()?.sessions() ?? []).map(sessionToWire), endpoints: d.ecs.list() }),
    ecsToken: (p) => d.ecs.register(p),
    ecsRevoke: async (p) => ({ revoked: d.ecs.revokeToken(p.token, 'revoked by its shell (awsx clear)') }),
    lock: async (p) => {
      if (!d.lock.lock(p.passphrase)) {
        throw new AwsxError('Locked', 'lock: awsx is locked already', { hint: 'awsx unlock, then awsx lock again to change the passphrase' });
      }
      const dropped = d.engines.loaded()?.forget() ?? 0;
      d.pages.clear();
      holdsNothing(d, 'lock');
      d.log.info(`locked${p.passphrase === undefined ? '' : ' with a passphrase'}: ${dropped} sessions dropped`);
      // Locked from the first instant; on disk before the answer, so no stop undoes it.
      const record = await d.lock.record();
      if (record !== undefined) d.lockMarker.save(record);
      return { dropped };
    },
    unlock: async (p) => {
      const outcome = await d.lock.unlock(p.passphrase);
      if (outcome === 'passphrase-required') return { kind: 'passphrase-required' };
      if (outcome === 'wrong-passphrase') {
        d.log.warn(`unlock: wrong passphrase (${d.lock.failures} in a row)`);
        throw new AwsxError('Locked', 'unlock: wrong passphrase; awsx stays locked', { hint: 'awsx unlock, and type the passphrase given to awsx lock' });
      }
      if (outcome === 'unlocked') {
        d.lockMarker.remove();
        d.log.info('unlocked');
      }
      return { kind: 'unlocked', wasLocked: outcome === 'unlocked' };
    },
    forget: async (p) => {
      if (p.profile === undefined && p.all !== true) {
        throw new AwsxError('UsageError', 'forget: name a profile or say all', { hint: 'awsx forget PROFILE, or awsx forget --all' });
      }
      const engine = d.engines.loaded();
      const dropped = engine === undefined ? 0 : engine.forget(p.all === true ? undefined : p.profile);
      const revoked = d.ecs.revokeProfile(p.all === true ? undefined : p.profile, 'awsx forget');
      d.log.info(`forget ${p.all === true ? 'all' : p.profile}: ${dropped} dropped, ${revoked} container tokens revoked`);
      return { dropped, revoked };
    },
    status: async () => {
      const s = d.stats();
      const engine = d.engines.loaded();
      return {
        pid: process.pid,
        daemon: CLIENT_VERSION,
        protocol: PROTOCOL_VERSION,
        startedAt: s.startedAt.toISOString(),
        runtimeDir: s.runtimeDir,
        sessions: engine?.sessions().length ?? 0,
        connections: s.connections,
        idleExitSeconds: s.idleExitSeconds,
        engineLoaded: engine !== undefined,
        locked: d.lock.isLocked(),
        ...(s.hardening === undefined ? {} : { hardening: { nonDumpable: s.hardening.nonDumpable, noCoreDumps: s.hardening.noCoreDumps, peerChecks: s.hardening.peerChecks, ...(s.hardening.problem === undefined ? {} : { problem: s.hardening.problem }) } }),
      };
    },
    shutdown: async () => {
      if (d.lock.isLocked()) {
        throw new AwsxError('Locked', 'daemon stop: awsx is locked; it stays running, and locked, until `awsx unlock`', {
          hint: `awsx unlock first; a SIGTERM (kill ${process.pid}) still stops it, and the next daemon starts locked`,
        });
      }
      d.log.info('shutdown requested by a client');
      setImmediate(d.requestShutdown);
      return {};
    },
  };
}

function warningOf(r: { warning?: string }): { warning?: string } {
  return r.warning === undefined ? {} : { warning: r.warning };
}

/** The startup warning (hardening off) rides on the first answer a person will see. */
function withStartupWarning<R extends { kind: string; warning?: string }>(d: HandlerDeps, r: R): R {
  if (r.kind === 'mfa-required') return r;
  const w = d.takeStartupWarning?.();
  return w === undefined ? r : { ...r, warning: r.warning === undefined ? w : `${r.warning}\n${w}` };
}

export function makeDispatch(deps: HandlerDeps): Dispatch {
  const handlers = new Map<Method, Handler<Method>>(Object.entries(table(deps)) as [Method, Handler<Method>][]);
  return <M extends Method>(method: M, params: Params<M>, caller?: PeerCredentials, gone?: AbortSignal): Promise<Result<M>> => {
    const handler = handlers.get(method) as Handler<M> | undefined;
    if (handler === undefined) return Promise.reject(new AwsxError('ValidationError', 'ipc request: unknown method'));
    return handler(params, caller, gone);
  };
}
