// Request and response envelopes around the per-method shapes of protocol.ts, and errors on
// the wire: an AwsxError travels as {code, message, hint} and is rebuilt on the client.
// A request may carry the protocol its client speaks ({"id", "method", "params", "protocol"}):
// then the daemon serves it only in that protocol, and answers another one with an error
// whose envelope names its own ({"id", "ok": false, "protocol", "error"}). That is how the
// hot path asks in one round trip, without a hello first (ipc/client.ts requestDaemon).
import { AwsxError, isAwsxError } from '../core/errors.ts';
import { encodeFrame, type JsonObject } from './framing.ts';
import { MAX_RESPONSE_BYTES, METHODS, PROTOCOL_VERSION, isMethod, wireError, type Method, type Params, type Result, type WireError } from './protocol.ts';
import { ShapeError } from './schema.ts';

export const MAX_REQUEST_ID = 2 ** 31;

export type ParsedRequest =
  | { readonly ok: true; readonly id: number; readonly method: Method; readonly params: Params<Method> }
  /** close: the peer does not speak the protocol (unknown method, no id); answer, then hang up. */
  | { readonly ok: false; readonly id: number; readonly error: AwsxError; readonly close: boolean };

const PROTOCOL_HINT = 'client and daemon disagree on the protocol; run `awsx daemon stop` and try again';

/** What a daemon that knows no `protocol` field (protocols 1 and 2) answers a request with one. */
export const ENVELOPE_REFUSED = 'ipc request: unexpected field in the envelope';

/** A request in another protocol than the daemon's; its envelope tells the client the daemon's. */
export class ProtocolMismatchError extends AwsxError {
  /** The daemon's protocol, when it said (a daemon older than the `protocol` field does not). */
  readonly daemonProtocol: number | undefined;

  constructor(daemonProtocol: number | undefined, message = `ipc request: the daemon speaks protocol ${daemonProtocol ?? 'unknown'}`) {
    super('ValidationError', message, { hint: PROTOCOL_HINT });
    this.daemonProtocol = daemonProtocol;
  }
}

function invalid(what: string, hint = PROTOCOL_HINT): AwsxError {
  return new AwsxError('ValidationError', `ipc request: ${what}`, { hint });
}

/** `protocol`: the client's, for a request that is not preceded by a hello. */
export function encodeRequest<M extends Method>(id: number, method: M, params: Params<M>, protocol?: number): string {
  return encodeFrame(protocol === undefined ? { id, method, params } : { id, method, params, protocol });
}

export function parseRequest(frame: JsonObject): ParsedRequest {
  const { id, method, params, protocol } = frame;
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 1 || id > MAX_REQUEST_ID) {
    return { ok: false, id: 0, error: invalid('id must be a positive integer'), close: true };
  }
  // Before the method: a newer client's request may name a method this daemon lacks.
  if (protocol !== undefined && protocol !== PROTOCOL_VERSION) {
    const said = typeof protocol === 'number' && Number.isSafeInteger(protocol) ? String(protocol) : 'unreadable';
    return { ok: false, id, error: new ProtocolMismatchError(PROTOCOL_VERSION, `ipc request: protocol ${said}; this daemon speaks ${PROTOCOL_VERSION}`), close: false };
  }
  if (typeof method !== 'string' || !isMethod(method)) {
    // Never echo the name back: it is peer input (terminal escapes, secrets pasted by mistake).
    return { ok: false, id, error: invalid('unknown method'), close: true };
  }
  for (const key of Object.keys(frame)) {
    if (key !== 'id' && key !== 'method' && key !== 'params' && key !== 'protocol') return { ok: false, id, error: new AwsxError('ValidationError', ENVELOPE_REFUSED, { hint: PROTOCOL_HINT }), close: true };
  }
  try {
    const checked = METHODS[method].params.check(params ?? {}, 'params') as Params<Method>;
    return { ok: true, id, method, params: checked };
  } catch (e) {
    return { ok: false, id, error: invalid(`${method}: ${describeShapeError(e)}`), close: false };
  }
}

export function encodeResult<M extends Method>(id: number, method: M, result: Result<M>): string {
  // Check our own answer too: a handler bug must not send a shape the client will refuse.
  METHODS[method].result.check(result, 'result');
  return encodeFrame({ id, ok: true, result }, MAX_RESPONSE_BYTES);
}

export function encodeError(id: number, err: unknown): string {
  const error = toWireError(err);
  const frame = err instanceof ProtocolMismatchError ? { id, ok: false, protocol: PROTOCOL_VERSION, error } : { id, ok: false, error };
  return encodeFrame(frame, MAX_RESPONSE_BYTES);
}

/**
 * The result of a response frame for `method`, or the AwsxError it carries. `sentProtocol`:
 * the request carried the client's protocol; an answer that refuses it is then a
 * ProtocolMismatchError, for the client to fall back on a hello.
 */
export function parseResponse<M extends Method>(frame: JsonObject, id: number, method: M, sentProtocol?: number): Result<M> {
  if (frame.id !== id && frame.id !== 0) throw badResponse('the answer is for another request');
  if (sentProtocol !== undefined && frame.ok === false) {
    if (typeof frame.protocol === 'number' && frame.protocol !== sentProtocol) throw new ProtocolMismatchError(frame.protocol);
    const refused = frame.error as { code?: unknown; message?: unknown } | undefined;
    if (refused?.code === 'ValidationError' && refused.message === ENVELOPE_REFUSED) throw new ProtocolMismatchError(undefined);
  }
  try {
    if (frame.ok === true) return METHODS[method].result.check(frame.result, 'result') as Result<M>;
    if (frame.ok === false) throw fromWireError(wireError.check(frame.error, 'error'));
  } catch (e) {
    if (isAwsxError(e)) throw e;
    throw badResponse(`${method}: ${describeShapeError(e)}`);
  }
  throw badResponse('the answer has no "ok" field');
}

function badResponse(what: string): AwsxError {
  return new AwsxError('ValidationError', `daemon answer: ${what}`, { hint: PROTOCOL_HINT });
}

function describeShapeError(e: unknown): string {
  return e instanceof ShapeError ? e.message : 'malformed';
}

const MAX_TEXT = 4000;

export function toWireError(err: unknown): WireError {
  if (isAwsxError(err)) {
    const hint = err.hint === undefined ? undefined : err.hint.slice(0, MAX_TEXT);
    return hint === undefined ? { code: err.code, message: err.message.slice(0, MAX_TEXT) } : { code: err.code, message: err.message.slice(0, MAX_TEXT), hint };
  }
  // Anything else is a bug; its text may hold data we did not mean to share, so only its
  // class travels. The daemon logs the stack.
  const name = err instanceof Error ? err.name : typeof err;
  return {
    code: 'ValidationError',
    message: `daemon: internal error (${name})`,
    hint: 'this is a bug in awsx; see daemon.log in the runtime dir, and report it',
  };
}

export function fromWireError(w: WireError): AwsxError {
  return new AwsxError(w.code, w.message, w.hint === undefined ? {} : { hint: w.hint });
}
