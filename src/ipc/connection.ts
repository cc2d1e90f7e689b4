// One client connection to the daemon: sends requests, matches answers by id, and gives
// every request a deadline, so a hung daemon can never hang a shell prompt.
import net from 'node:net';
import { AwsxError } from '../core/errors.ts';
import { encodeRequest, parseResponse } from './envelope.ts';
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
  // No dedicated code exists for "the daemon"; FileError because the socket is a file.
  return new AwsxError('FileError', message, cause === undefined ? { hint } : { hint, cause });
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

  static open(path: string, timeoutMs = 2_000): Promise<IpcConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.createConnection({ path });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new ConnectError('other', 'ETIMEDOUT'));
      }, timeoutMs);
      socket.once('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new ConnectError(classify(err.code), err.code ?? 'unknown'));
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new IpcConnection(socket));
      });
    });
  }

  request<M extends Method>(method: M, params: Params<M>, timeoutMs: number = METHODS[method].timeoutMs): Promise<Result<M>> {
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
            resolve(parseResponse(frame, id, method));
          } catch (e) {
            reject(e);
          }
        },
      });
      this.#socket.write(encodeRequest(id, method, params));
    });
  }

  close(): void {
    this.#socket.end();
    this.#socket.destroy();
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

function classify(code: string | undefined): ConnectFailure {
  if (code === 'ENOENT') return 'absent';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'EACCES' || code === 'EPERM') return 'denied';
  return 'other';
}
