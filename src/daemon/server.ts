// The daemon's socket server: accepts connections on the private socket, hands each to a
// ServerConnection, caps how many are open, and drains on shutdown. It knows no AWS: what a
// method does is the dispatch function's business (handlers.ts).
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { listenPrivate } from '../ipc/listen.ts';
import { ServerConnection, type ConnectionLimits, type Dispatch } from './connection.ts';
import { admitPeer } from './hardening.ts';
import { describeForLog, type Logger } from './log.ts';

export interface ServerOptions {
  readonly socketPath: string;
  readonly dispatch: Dispatch;
  readonly limits?: Partial<ConnectionLimits>;
  /** Beyond this, new connections are closed at once (docs/security.md test 16). */
  readonly maxConnections?: number;
  readonly log: Logger;
}

// idleMs is long enough for the TUI, which keeps its connection while a person types an
// MFA code; slow peers are cut off by frameMs, which a started frame cannot outlive.
export const DEFAULT_LIMITS: ConnectionLimits = { idleMs: 60_000, frameMs: 5_000, maxQueued: 16 };
// Room for a burst of a thousand clients at once (`npm run bench`), far below the open-file
// limit Node starts with; beyond it a connection is closed at once (test 16).
export const DEFAULT_MAX_CONNECTIONS = 2048;

export class DaemonServer {
  readonly #server: net.Server;
  readonly #connections = new Set<ServerConnection>();
  #lastActivity = Date.now();

  private constructor(server: net.Server) {
    this.#server = server;
  }

  static async listen(opts: ServerOptions): Promise<DaemonServer> {
    const limits = { ...DEFAULT_LIMITS, ...opts.limits };
    const server = net.createServer({ pauseOnConnect: false });
    const self = new DaemonServer(server);
    server.maxConnections = opts.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
    server.on('connection', (socket) => self.#accept(socket, opts.dispatch, limits, opts.log));
    // EMFILE on accept and the like: log and keep serving the connections we have.
    server.on('error', (err) => opts.log.warn(`server: ${describeForLog(err)}`));
    server.on('drop', () => opts.log.debug('server: connection dropped (maxConnections)'));
    await listenPrivate(server, opts.socketPath);
    return self;
  }

  get connectionCount(): number {
    return this.#connections.size;
  }

  /** Epoch ms of the last accepted connection or the last close. */
  get lastActivity(): number {
    return this.#lastActivity;
  }

  /** Stops accepting, lets requests in flight finish (up to timeoutMs), then closes all. */
  async drain(timeoutMs: number): Promise<void> {
    this.#server.close();
    for (const c of this.#connections) c.closeWhenIdle();
    const deadline = Date.now() + timeoutMs;
    while (this.#connections.size > 0 && Date.now() < deadline) await sleep(20);
    this.closeNow();
  }

  closeNow(): void {
    this.#server.close();
    for (const c of this.#connections) c.destroy();
  }

  #accept(socket: net.Socket, dispatch: Dispatch, limits: ConnectionLimits, log: Logger): void {
    this.#lastActivity = Date.now();
    if (!this.#server.listening) {
      socket.destroy();
      return;
    }
    // SO_PEERCRED before reading a byte: another uid (possible only if someone opened the
    // dir and socket modes) is hung up on with nothing sent (docs/security.md test 4b).
    const admission = admitPeer(socket);
    if (!admission.admitted) {
      log.warn(admission.why);
      socket.destroy();
      return;
    }
    const conn = new ServerConnection(socket, dispatch, limits, log, admission.peer);
    this.#connections.add(conn);
    socket.once('close', () => {
      this.#connections.delete(conn);
      this.#lastActivity = Date.now();
    });
  }
}
