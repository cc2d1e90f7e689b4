// The session engine, created on first use: loading the AWS SDK costs ~100 ms, and a
// daemon started for `awsx sessions` or `awsx daemon status` never needs it.
import type { StsApi } from '../core/sts/api.ts';
import type { ResolveRequest, ResolveResult, SessionInfo } from '../core/session/types.ts';

/** What the daemon uses of core/session/engine.ts's SessionEngine. */
export interface Engine {
  resolve(req: ResolveRequest): Promise<ResolveResult>;
  sessions(): SessionInfo[];
  forget(profile?: string): number;
  clear(): void;
}

export interface EngineParts {
  readonly engine: Engine;
  /** For `whoami` (GetCallerIdentity) and `console` (GetFederationToken), on credentials the engine resolved or the caller sent. */
  readonly sts: Pick<StsApi, 'getCallerIdentity' | 'getFederationToken'>;
}

export class EngineHost {
  readonly #create: () => Promise<EngineParts>;
  #loading: Promise<EngineParts> | undefined;
  #parts: EngineParts | undefined;

  constructor(create: () => Promise<EngineParts>) {
    this.#create = create;
  }

  get(): Promise<EngineParts> {
    this.#loading ??= this.#create().then(
      (parts) => (this.#parts = parts),
      (err: unknown) => {
        this.#loading = undefined; // let the next request try again
        throw err;
      },
    );
    return this.#loading;
  }

  /** The engine if it was ever created; undefined means there are no sessions. */
  loaded(): Engine | undefined {
    return this.#parts?.engine;
  }
}
