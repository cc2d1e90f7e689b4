// One client connection on the daemon side. Everything a peer sends is untrusted
// (docs/security.md T12): lines are capped while reading, every frame is validated, garbage
// and unknown methods get an error frame and a close, a partial frame must finish within a
// deadline (slowloris), an idle connection is closed, and a request that runs past its
// deadline gets an error while its work goes on (its result is cached by the engine).
// Crash-only (test 12): an error that is not an AwsxError is a bug, and ends the daemon.
import type { Socket } from 'node:net';
import { AwsxError } from '../core/errors.ts';
import { encodeError, encodeResult, parseRequest } from '../ipc/envelope.ts';
import { LineReader, parseFrame } from '../ipc/framing.ts';
import { CREDENTIAL_METHODS, METHODS, type Method, type Params, type Result } from '../ipc/protocol.ts';
import type { PeerCredentials } from '../core/native.ts';
import { describeForLog, type Logger } from './log.ts';

/** `caller`: the peer's SO_PEERCRED, for the audit trail; undefined without the native addon. */
export type Dispatch = <M extends Method>(method: M, params: Params<M>, caller?: PeerCredentials) => Promise<Result<M>>;

export interface ConnectionLimits {
  /** No request in flight and no bytes pending: close after this long. */
  readonly idleMs: number;
  /** A started frame must end with its newline within this long. */
  readonly frameMs: number;
  /** Lines read ahead of the one being served. */
  readonly maxQueued: number;
  /** Cap on any one request's run time; METHODS' timeouts are the default. */
  readonly requestMs?: number;
}

// A credential method waits on STS (or a process) when it is late; the others (lock,
// sessions, ...) wait only on the daemon itself.
function timeoutCode(method: Method): 'StsError' | 'DaemonError' {
  return (CREDENTIAL_METHODS as readonly Method[]).includes(method) ? 'StsError' : 'DaemonError';
}

export class ServerConnection {
  readonly #socket: Socket;
  readonly #dispatch: Dispatch;
  readonly #limits: ConnectionLimits;
  readonly #log: Logger;
  readonly #peer: PeerCredentials | undefined;
  readonly #reader = new LineReader();
  readonly #queue: string[] = [];
  #busy = false;
  #closing = false;
  #timer: NodeJS.Timeout | undefined;
  #partialSince: number | undefined;

  constructor(socket: Socket, dispatch: Dispatch, limits: ConnectionLimits, log: Logger, peer?: PeerCredentials) {
    this.#socket = socket;
    this.#peer = peer;
    this.#dispatch = dispatch;
    this.#limits = limits;
    this.#log = log;
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    // EPIPE / ECONNRESET from a client that left: nothing to do but drop the connection.
    socket.on('error', (err) => {
      this.#log.debug(`connection: ${describeForLog(err)}`);
      socket.destroy();
    });
    socket.on('close', () => this.#clearTimer());
    this.#armTimer();
  }

  get busy(): boolean {
    return this.#busy;
  }

  /** Drain: finish what is in flight, then close. */
  closeWhenIdle(): void {
    this.#closing = true;
    this.#queue.length = 0;
    if (!this.#busy) this.#socket.end();
  }

  destroy(): void {
    this.#socket.destroy();
  }

  #onData(chunk: Buffer): void {
    if (this.#closing) return;
    const { lines, failure } = this.#reader.push(chunk);
    if (failure !== undefined) return this.#refuse(0, failure.error);
    if (this.#reader.buffered === 0) this.#partialSince = undefined;
    else this.#partialSince ??= Date.now();
    if (this.#queue.length + lines.length > this.#limits.maxQueued) {
      return this.#refuse(0, new AwsxError('ValidationError', 'ipc: too many requests queued on one connection', { hint: 'wait for each answer before sending the next request' }));
    }
    this.#queue.push(...lines);
    this.#armTimer();
    void this.#pump();
  }

  async #pump(): Promise<void> {
    if (this.#busy) return;
    for (let line = this.#queue.shift(); line !== undefined && !this.#socket.destroyed; line = this.#queue.shift()) {
      this.#busy = true;
      this.#clearTimer();
      await this.#serve(line);
      this.#busy = false;
    }
    if (this.#closing) this.#socket.end();
    else this.#armTimer();
  }

  async #serve(line: string): Promise<void> {
    const frame = parseFrame(line);
    if (!frame.ok) return this.#refuse(0, frame.error);
    const req = parseRequest(frame.value);
    if (!req.ok) {
      if (req.close) return this.#refuse(req.id, req.error);
      return this.#send(encodeError(req.id, req.error));
    }
    try {
      const result = await this.#withDeadline(req.method, this.#dispatch(req.method, req.params, this.#peer));
      this.#send(encodeResult(req.id, req.method, result));
    } catch (err) {
      if (!(err instanceof AwsxError)) return crash(req.method, err, this.#log);
      this.#send(encodeError(req.id, err));
    }
  }

  #withDeadline<T>(method: Method, work: Promise<T>): Promise<T> {
    const ms = Math.min(this.#limits.requestMs ?? Infinity, METHODS[method].timeoutMs);
    let timer: NodeJS.Timeout | undefined;
    let late = false;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        late = true;
        reject(new AwsxError(timeoutCode(method), `${method}: not done within ${Math.round(ms / 1000)} s`, { hint: 'try again; the work goes on and its result is cached' }));
      }, ms);
    });
    // The handler keeps running after a timeout; its late failure must not be unhandled,
    // and a late bug is still a bug.
    work.catch((err: unknown) => {
      if (late && !(err instanceof AwsxError)) crash(method, err, this.#log);
    });
    return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
  }

  #send(frame: string): void {
    if (!this.#socket.destroyed && this.#socket.writable) this.#socket.write(frame);
  }

  // Answer once (so a confused peer learns why), then hang up.
  #refuse(id: number, err: AwsxError): void {
    this.#log.debug(`connection refused: ${err.message}`);
    this.#closing = true;
    this.#queue.length = 0;
    this.#send(encodeError(id, err));
    this.#socket.end();
    setTimeout(() => this.#socket.destroy(), 1_000).unref();
  }

  #armTimer(): void {
    this.#clearTimer();
    if (this.#busy || this.#socket.destroyed) return;
    // A partial frame gets the shorter frame deadline; it is not reset by more bytes, so a
    // peer dribbling one byte a second is still closed on time.
    const ms = this.#partialSince === undefined ? this.#limits.idleMs : this.#limits.frameMs - (Date.now() - this.#partialSince);
    this.#timer = setTimeout(() => this.#socket.destroy(), Math.max(ms, 0));
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

// A bug leaves the daemon in a state nobody reasoned about, and its message may quote a
// secret: answer nothing, rethrow outside the promise chain, and let the process's
// uncaughtException handler (main.ts) log the class and exit non-zero. Sessions live
// only in memory, so nothing is lost that the next daemon (autostarted) cannot rebuild.
function crash(method: Method, err: unknown, log: Logger): void {
  log.error(`${method}: a bug (${err instanceof Error ? err.name : typeof err}); the daemon exits (crash-only)`);
  process.nextTick(() => {
    throw err instanceof Error ? err : new TypeError(`${method}: a handler threw a ${typeof err}`);
  });
}
