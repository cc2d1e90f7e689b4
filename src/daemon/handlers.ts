// What each method does, dispatched through a Map keyed by method name (the server knows
// nothing of this). The config is read per request with the caller's env (ConfigCache).
import { homedir } from 'node:os';
import { AwsxError } from '../core/errors.ts';
import type { Dispatch } from './connection.ts';
import type { ConfigCache } from './configCache.ts';
import type { EngineHost } from './engineHost.ts';
import type { Logger } from './log.ts';
import { resolveResultToWire, sessionToWire } from './wire.ts';
import { whoami } from './whoami.ts';
import { PROTOCOL_VERSION, type Method, type Params, type Result } from '../ipc/protocol.ts';
import { CLIENT_VERSION } from '../ipc/version.ts';

export interface HandlerDeps {
  readonly engines: EngineHost;
  readonly configs: ConfigCache;
  readonly log: Logger;
  /** For `status`. */
  readonly stats: () => { readonly connections: number; readonly startedAt: Date; readonly runtimeDir: string; readonly idleExitSeconds: number };
  /** Answer first, then drain and exit. */
  readonly requestShutdown: () => void;
}

type Handler<M extends Method> = (params: Params<M>) => Promise<Result<M>>;
type HandlerTable = { [M in Method]: Handler<M> };

function table(d: HandlerDeps): HandlerTable {
  return {
    hello: async () => ({ protocol: PROTOCOL_VERSION, daemon: CLIENT_VERSION, pid: process.pid }),
    resolve: async (p) => {
      const set = d.configs.load(p.env, p.env.HOME ?? homedir());
      const { engine } = await d.engines.get();
      const r = await engine.resolve({ set, profile: p.profile, env: p.env, cwd: p.cwd, mfaCode: p.mfaCode, forceRefresh: p.forceRefresh });
      d.log.debug(`resolve ${p.profile}: ${r.kind}${r.kind === 'mfa-required' ? ` (${r.reason})` : ''}`);
      return resolveResultToWire(r);
    },
    whoami: (p) => whoami(p, d.configs, d.engines),
    sessions: async () => ({ sessions: (d.engines.loaded()?.sessions() ?? []).map(sessionToWire) }),
    forget: async (p) => {
      if (p.profile === undefined && p.all !== true) {
        throw new AwsxError('UsageError', 'forget: name a profile or say all', { hint: 'awsx forget PROFILE, or awsx forget --all' });
      }
      const engine = d.engines.loaded();
      const dropped = engine === undefined ? 0 : engine.forget(p.all === true ? undefined : p.profile);
      d.log.info(`forget ${p.all === true ? 'all' : p.profile}: ${dropped} dropped`);
      return { dropped };
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
      };
    },
    shutdown: async () => {
      d.log.info('shutdown requested by a client');
      setImmediate(d.requestShutdown);
      return {};
    },
  };
}

export function makeDispatch(deps: HandlerDeps): Dispatch {
  const handlers = new Map<Method, Handler<Method>>(Object.entries(table(deps)) as [Method, Handler<Method>][]);
  return <M extends Method>(method: M, params: Params<M>): Promise<Result<M>> => {
    const handler = handlers.get(method) as Handler<M> | undefined;
    if (handler === undefined) return Promise.reject(new AwsxError('ValidationError', 'ipc request: unknown method'));
    return handler(params);
  };
}
