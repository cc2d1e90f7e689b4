// The client side of the daemon: verify the runtime dir and the socket before sending
// anything (docs/security.md T2, test 6), say hello, replace a daemon that speaks an older
// protocol, and start one when none runs. The hot path (requestDaemon) skips the hello: its
// one request carries the protocol, and only a daemon that refuses it costs the long way.
import { lstatSync } from 'node:fs';
import { AwsxError } from '../core/errors.ts';
import { ConnectError, IpcConnection, daemonError } from './connection.ts';
import { ProtocolMismatchError } from './envelope.ts';
import { isPidAlive } from '../core/pidLock.ts';
import { PROTOCOL_VERSION, type Method, type Params, type Result } from './protocol.ts';
import { ensureRuntimeDir, resolveRuntimeDir, socketPath, verifyRuntimeDir } from './runtimeDir.ts';
import { CLIENT_VERSION } from './version.ts';

export interface ConnectOptions {
  /** Where the runtime dir comes from, and what an autostarted daemon inherits (scrubbed). */
  readonly env?: NodeJS.ProcessEnv;
  /** Start the daemon when none answers (default true). */
  readonly autostart?: boolean;
}

export interface DaemonClient {
  readonly connection: IpcConnection;
  readonly hello: Result<'hello'>;
  readonly runtimeDir: string;
}

const OLD_DAEMON_EXIT_MS = 5_000;

/** Thrown with autostart off when no daemon answers. */
export class DaemonNotRunningError extends AwsxError {
  constructor() {
    super('DaemonError', 'daemon: not running', { hint: 'start it with `awsx daemon start` (any command that needs it starts it too)' });
  }
}

export function isDaemonNotRunning(e: unknown): e is DaemonNotRunningError {
  return e instanceof DaemonNotRunningError;
}

export async function connectDaemon(opts: ConnectOptions = {}): Promise<DaemonClient> {
  const env = opts.env ?? process.env;
  const dir = resolveRuntimeDir(env);
  const open = (): Promise<IpcConnection | undefined> => openIfListening(dir);
  let conn = verifyRuntimeDir(dir) === 'ok' ? await open() : undefined;
  if (conn !== undefined) {
    const found = await greet(conn);
    if (found.protocol >= PROTOCOL_VERSION) return { connection: conn, hello: assertSameProtocol(conn, found), runtimeDir: dir };
    await replaceOldDaemon(conn, found.pid);
    conn = undefined;
  }
  if (opts.autostart === false) throw new DaemonNotRunningError();
  ensureRuntimeDir(dir);
  // Only a cold start loads the spawn code (child_process): not the hot path.
  const { autostart } = await import('./autostart.ts');
  conn = await autostart(dir, env, open);
  return { connection: conn, hello: assertSameProtocol(conn, await greet(conn)), runtimeDir: dir };
}

/**
 * One request and its answer, on a connection of its own: the hot path (`awsx env`,
 * `credential-process`; DESIGN.md budget), one small message each way. The request carries
 * this client's protocol instead of a hello before it. A daemon that speaks another one
 * (or is older than that field) refuses it, and only then does the client go the long way
 * of connectDaemon (hello; an older daemon replaced, a newer one refused) and ask again.
 * No daemon: autostart, as connectDaemon.
 */
export async function requestDaemon<M extends Method>(method: M, params: Params<M>, opts: ConnectOptions = {}): Promise<Result<M>> {
  const session = new DaemonSession(opts);
  try {
    return await session.request(method, params);
  } finally {
    session.close();
  }
}

/**
 * Requests on one connection, for the MFA loop: a prompt this caller holds is tied to its
 * connection, and the daemon lets it go the moment the connection closes (Ctrl-C, a closed
 * terminal), so the next caller is asked at once. The first request goes as requestDaemon's;
 * a connection the daemon closed meanwhile (idle while a person typed) is opened again.
 */
export class DaemonSession {
  readonly #opts: ConnectOptions;
  #conn: IpcConnection | undefined;

  constructor(opts: ConnectOptions = {}) {
    this.#opts = opts;
  }

  async request<M extends Method>(method: M, params: Params<M>): Promise<Result<M>> {
    if (this.#conn !== undefined && !this.#conn.closed) return this.#conn.request(method, params);
    const dir = resolveRuntimeDir(this.#opts.env ?? process.env);
    const conn = verifyRuntimeDir(dir) === 'ok' ? await openIfListening(dir) : undefined;
    if (conn !== undefined) {
      try {
        const answer = await conn.request(method, params, undefined, PROTOCOL_VERSION);
        this.#conn = conn;
        return answer;
      } catch (e) {
        conn.close();
        if (!(e instanceof ProtocolMismatchError)) throw e;
      }
    }
    this.#conn = (await connectDaemon(this.#opts)).connection;
    return this.#conn.request(method, params);
  }

  close(): void {
    this.#conn?.close();
    this.#conn = undefined;
  }
}

/** Connects when a daemon listens; undefined when none does (absent or stale socket). */
export async function openIfListening(dir: string): Promise<IpcConnection | undefined> {
  const path = socketPath(dir);
  assertOwnSocket(path);
  try {
    return await IpcConnection.open(path);
  } catch (e) {
    if (e instanceof ConnectError && (e.reason === 'absent' || e.reason === 'refused')) return undefined;
    if (e instanceof AwsxError) throw e; // an impostor at the path (connection.ts)
    const code = e instanceof ConnectError ? e.errno : String(e);
    throw daemonError(`daemon socket ${path}: cannot connect (${code})`, 'check the runtime dir; `awsx daemon stop` and try again');
  }
}

// The dir check keeps other uids out; this one refuses anything else at the socket path.
function assertOwnSocket(path: string): void {
  let st;
  try {
    st = lstatSync(path);
  } catch {
    return; // absent: nothing listens
  }
  if (!st.isSocket() || st.uid !== process.getuid?.()) {
    throw new AwsxError('DaemonError', `unsafe daemon socket ${path}: not a socket owned by you`, { hint: `remove ${path}` });
  }
}

function greet(conn: IpcConnection): Promise<Result<'hello'>> {
  return conn.request('hello', { protocol: PROTOCOL_VERSION, client: CLIENT_VERSION }).catch((e: unknown) => {
    conn.close();
    throw e;
  });
}

function assertSameProtocol(conn: IpcConnection, found: Result<'hello'>): Result<'hello'> {
  if (found.protocol === PROTOCOL_VERSION) return found;
  conn.close();
  throw daemonError(
    `daemon: it speaks protocol ${found.protocol} (awsx ${found.daemon}), this awsx speaks ${PROTOCOL_VERSION} (awsx ${CLIENT_VERSION})`,
    'an older awsx ran this command; use the newer one, or `awsx daemon stop` to let this one start its own',
  );
}

// An older daemon (after an upgrade) is asked to leave; a new one starts in its place.
async function replaceOldDaemon(conn: IpcConnection, pid: number): Promise<void> {
  try {
    await conn.request('shutdown', {});
  } catch {
    // An old daemon may answer shutdown in a shape we no longer read; it still leaves.
  }
  conn.close();
  const deadline = Date.now() + OLD_DAEMON_EXIT_MS;
  while (isPidAlive(pid)) {
    if (Date.now() > deadline) {
      throw daemonError(`daemon: the old daemon (pid ${pid}) did not exit`, `stop it with \`kill ${pid}\``);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}
