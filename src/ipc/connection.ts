// One client connection to the daemon: sends requests, matches answers by id, and gives
// every request a deadline, so a hung daemon can never hang a shell prompt.
import net from 'node:net';
import { AwsxError } from '../core/errors.ts';
import { encodeRequest, parseResponse } from './envelope.ts';
import { peerOf } from '../core/native.ts';
import { LineReader, parseFrame, type JsonObject } from './framing.ts';
import { MAX_RESPONSE_BYTES, METHODS, type Method, type Params, type Result } from './protocol.ts';

interface Pending {
  readonly settle: (frame: JsonObject | Error) => void;
}

/** Why a connect failed, for the caller's autostart decision. */
export type ConnectFailure = 'absent' | 'refused' | 'denied' | 'other';

export class ConnectError extends Error {
  constructor(readonly reason: ConnectFailure, readonly errno: string) {
    super(`connect: ${errno}`);
    this.name = 'ConnectError';
  }
}

export function daemonError(message: string, hint: string, cause?: unknown): AwsxError {
  return new AwsxError('DaemonError', message, cause === undefined ? { hint } : { hint, cause });
}

export class IpcConnection {
  readonly #socket: net.Socket;
  readonly #reader = new LineReader(MAX_RESPONSE_BYTES);
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #closed: Error | undefined;

  private constructor(socket: net.Socket) {
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', (err) => this.#fail(daemonError(`daemon connection: ${(err as NodeJS.ErrnoException).code ?? err.message}`, 'run `awsx daemon status`; restart it with `awsx daemon stop`')));
    socket.on('close', () => this.#fail(daemonError('daemon closed the connection', 'see daemon.log in the runtime dir; the next awsx command restarts the daemon')));
  }

  static async open(path: string, timeoutMs = 2_000): Promise<IpcConnection> {
    // EAGAIN: the daemon's listen backlog is full (a burst of clients at once). It is busy,
    // not gone: wait a little and knock again, within the same budget.
    const deadline = Date.now() + timeoutMs;
    for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
      try {
        return await IpcConnection.#open(path, Math.max(1, deadline - Date.now()));
      } catch (e) {
        if (!(e instanceof ConnectError && e.errno === 'EAGAIN') || Date.now() + pause >= deadline) throw e;
        await new Promise((r) => setTimeout(r, pause * (0.5 + Math.random() / 2)));
      }
    }
  }

  static #open(path: string, timeoutMs: number): Promise<IpcConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.createConnection({ path });
      let settled = false;
      // A process starved of CPU (a loaded machine) runs its due timers before it polls for
      // I/O: the connect may be done and not yet seen. Give it one poll before giving up.
      const timer = setTimeout(() => setImmediate(() => {
        if (settled) return;
        socket.destroy();
        reject(new ConnectError('other', 'ETIMEDOUT'));
      }), timeoutMs);
      socket.once('error', (err: NodeJS.ErrnoException) => {
        settled = true;
        clearTimeout(timer);
        reject(new ConnectError(classify(err.code), err.code ?? 'unknown'));
      });
      socket.once('connect', () => {
        settled = true;
        clearTimeout(timer);
        socket.removeAllListeners('error');
        try {
          assertServedByUs(socket, path);
        } catch (e) {
          socket.destroy();
          return reject(e);
        }
        resolve(new IpcConnection(socket));
      });
    });
  }

  /** `protocol`: send the client's protocol with the request (no hello before it; envelope.ts). */
  request<M extends Method>(method: M, params: Params<M>, timeoutMs: number = METHODS[method].timeoutMs, protocol?: number): Promise<Result<M>> {
    if (this.#closed !== undefined) return Promise.reject(this.#closed);
    const id = this.#nextId++;
    return new Promise<Result<M>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(daemonError(`daemon: no answer to ${method} within ${Math.round(timeoutMs / 1000)} s`, 'run `awsx daemon status`; if it hangs, `awsx daemon stop` and try again'));
      }, timeoutMs);
      this.#pending.set(id, {
        settle: (frame) => {
          clearTimeout(timer);
          this.#pending.delete(id);
          if (frame instanceof Error) return reject(frame);
          try {
            resolve(parseResponse(frame, id, method, protocol));
          } catch (e) {
            reject(e);
          }
        },
      });
      this.#socket.write(encodeRequest(id, method, params, protocol));
    });
  }

  /** The daemon hung up (or the connection failed): a new request needs a new connection. */
  get closed(): boolean {
    return this.#closed !== undefined;
  }

  close(): void {
    // Half-closed and let go: the daemon closes its side at once, or this process exits
    // first. Not destroy(): net's destroy reads process.stderr, and creating that stream
    // (a tty one, under `eval "$(awsx env ...)"`) is a cost `awsx env` has no use for.
    this.#socket.end();
    this.#socket.unref();
  }

  #onData(chunk: Buffer): void {
    const { lines, failure } = this.#reader.push(chunk);
    for (const line of lines) {
      const parsed = parseFrame(line, MAX_RESPONSE_BYTES);
      if (!parsed.ok) return this.#fail(parsed.error);
      const id = parsed.value.id;
      // id 0: the daemon could not read our frame; it concerns the oldest request.
      const target = typeof id === 'number' && id !== 0 ? this.#pending.get(id) : this.#pending.values().next().value;
      target?.settle(parsed.value);
    }
    if (failure !== undefined) this.#fail(failure.error);
  }

  #fail(err: Error): void {
    if (this.#closed === undefined) this.#closed = err;
    for (const p of [...this.#pending.values()]) p.settle(err);
    this.#socket.destroy();
  }
}

// Before a byte is sent (docs/security.md T2, test 6): the listener must run as us. The
// runtime-dir checks make an impostor impossible short of root; this is the second lock,
// and is skipped where the native addon was not built.
function assertServedByUs(socket: net.Socket, path: string): void {
  const peer = peerOf(socket);
  const uid = process.getuid?.();
  if (peer === undefined || peer.uid === uid) return;
  throw new AwsxError('DaemonError', `daemon socket ${path}: served by uid ${peer.uid} (pid ${peer.pid}), not by you (uid ${uid}); nothing was sent`, {
    hint: `another user's process listens there: remove ${path} (as root if need be) and run awsx again`,
  });
}

function classify(code: string | undefined): ConnectFailure {
  if (code === 'ENOENT') return 'absent';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'EACCES' || code === 'EPERM') return 'denied';
  return 'other';
}
