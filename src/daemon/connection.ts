// One client connection on the daemon side. Everything a peer sends is untrusted
// (docs/security.md T12): lines are capped while reading, every frame is validated, garbage
// and unknown methods get an error frame and a close, a partial frame must finish within a
// deadline (slowloris), an idle connection is closed, and a request that runs past its
// deadline gets an error while its work goes on (its result is cached by the engine).
//
// What a request can end with (docs/architecture.md, "When the daemon exits"):
// - an AwsxError: what the world did (a file, a process, a config value, STS, a peer);
//   answered as it is;
// - any other exception (a bug met in one request), or an answer that does not fit the
//   protocol: that request gets an internal error, and the log gets the class and stack
//   (never the message text, which may quote a secret); the daemon serves on;
// - an InvariantError: the daemon's own state cannot be trusted (the lock promised that
//   no session is left, and one is): nothing is answered, and the daemon exits (crash-only,
//   test 12). So does an exception outside any request (a timer, an event handler), through
//   the uncaughtException and unhandledRejection handlers of main.ts: nobody can tell what
//   it interrupted.
import type { Socket } from 'node:net';
import { AwsxError } from '../core/errors.ts';
import { InvariantError } from '../core/invariant.ts';
import { encodeError, encodeResult, parseRequest } from '../ipc/envelope.ts';
import { LineReader, parseFrame } from '../ipc/framing.ts';
import { CREDENTIAL_METHODS, METHODS, type Method, type Params, type Result } from '../ipc/protocol.ts';
import { ShapeError } from '../ipc/schema.ts';
import type { PeerCredentials } from '../core/native.ts';
import { describeForLog, type Logger } from './log.ts';

/**
 * `caller`: the peer's SO_PEERCRED, for the audit trail; undefined without the native addon.
 * `gone`: aborted when the peer's connection closes (an MFA prompt it holds is let go).
 */
export type Dispatch = <M extends Method>(method: M, params: Params<M>, caller?: PeerCredentials, gone?: AbortSignal) => Promise<Result<M>>;

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
  readonly #gone = new AbortController();
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
    socket.on('close', () => {
      this.#clearTimer();
      this.#gone.abort();
    });
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
    let answer: string;
    try {
      const result = await this.#withDeadline(req.method, this.#dispatch(req.method, req.params, this.#peer, this.#gone.signal));
      answer = this.#encode(req.id, req.method, result);
    } catch (err) {
      if (err instanceof InvariantError) return crash(req.method, err, this.#log);
      if (!(err instanceof AwsxError)) this.#log.error(`${req.method}: an unexpected error, answered as an internal error: ${describeForLog(err)}`);
      answer = encodeError(req.id, err);
    }
    this.#send(answer);
  }

  /** Our own answer is checked too; one that does not fit (a value nobody checked where it
   *  entered) fails that request, and says which field, never its value. */
  #encode<M extends Method>(id: number, method: M, result: Result<M>): string {
    try {
      return encodeResult(id, method, result);
    } catch (err) {
      if (!(err instanceof ShapeError)) throw err;
      this.#log.error(`${method}: the answer does not fit the protocol: ${err.message}`);
      throw new AwsxError('ValidationError', `${method}: the daemon's answer does not fit the protocol (${err.message})`, {
        hint: 'a value in the profile or from its credential source is longer than awsx accepts; see daemon.log in the runtime dir, and report it',
      });
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
    // The handler keeps running after a timeout; its late failure must not be unhandled.
    // Nobody is left to answer: a bug is logged, a broken invariant still ends the daemon.
    work.catch((err: unknown) => {
      if (!late || err instanceof AwsxError) return;
      if (err instanceof InvariantError) crash(method, err, this.#log);
      else this.#log.error(`${method}: an unexpected error after the deadline: ${describeForLog(err)}`);
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

// A broken invariant leaves the daemon in a state nobody reasoned about: answer nothing,
// rethrow outside the promise chain, and let the process's uncaughtException handler
// (main.ts) log the class and exit non-zero. Sessions live only in memory, so nothing is
// lost that the next daemon (autostarted) cannot rebuild.
function crash(method: Method, err: InvariantError, log: Logger): void {
  log.error(`${method}: a broken invariant (${err.message}); the daemon exits (crash-only)`);
  process.nextTick(() => {
    throw err;
  });
}
