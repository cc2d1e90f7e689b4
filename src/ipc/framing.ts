// Newline-delimited JSON framing for awsx's IPC: one JSON object per line (DESIGN.md, IPC).
// Every frame comes from a peer we do not trust yet, so (docs/security.md T12, tests 13-14):
// - the line cap is enforced while reading, before any decode or parse, and the reader never
//   holds more than the cap of an unfinished line (ssh-agent's AGENT_MAX_LEN pattern);
// - invalid UTF-8, bad JSON, non-objects, deep nesting and prototype keys are typed faults,
//   never exceptions that could crash a socket handler.
// Splitting on the byte 0x0A is safe before decoding: in UTF-8 it never occurs inside a
// multi-byte character, so a character split across chunks is joined before it is decoded.

import { AwsxError } from '../core/errors.ts';

export const MAX_LINE_BYTES = 64 * 1024;
// Our schema nests a few levels; JSON bombs nest thousands.
export const MAX_DEPTH = 32;

export type FrameFault = 'too-large' | 'bad-utf8' | 'bad-json' | 'not-object' | 'too-deep' | 'forbidden-key';
export interface FrameFailure {
  readonly ok: false;
  readonly fault: FrameFault;
  readonly error: AwsxError;
}
// A parsed frame. Every object in it has a null prototype (see parseFrame).
export type JsonObject = { readonly [key: string]: unknown };
export type FrameResult = { readonly ok: true; readonly value: JsonObject } | FrameFailure;
// Lines completed before a failure are still valid; the caller decides whether to serve
// them before closing the connection.
export interface LineBatch {
  readonly lines: string[];
  readonly failure: FrameFailure | undefined;
}

const HINT = 'the peer does not speak the awsx protocol; if both sides are awsx, restart the daemon so client and daemon run the same version';

function failure(fault: FrameFault, detail: string): FrameFailure {
  // Never echo the offending bytes: they may hold secrets or terminal escapes. (V8's
  // SyntaxError message quotes the input, so it is not kept as a cause either.)
  return { ok: false, fault, error: new AwsxError('ValidationError', `ipc frame: ${detail}`, { hint: HINT }) };
}

const tooLarge = (max: number): FrameFailure => failure('too-large', `line longer than ${max} bytes`);

// fatal: invalid UTF-8 is a fault, not silently replaced by U+FFFD.
// ignoreBOM: a leading BOM stays in the text (and fails JSON.parse) instead of vanishing.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

// Splits a byte stream into lines. One per connection. The cap counts the bytes before the
// '\n', including a '\r' that is then dropped (CRLF peers are tolerated). Empty lines are
// skipped, as NDJSON readers may do. After a failure every push returns that failure.
export class LineReader {
  readonly #max: number;
  #parts: Buffer[] = [];
  #size = 0;
  #failure: FrameFailure | undefined;

  constructor(maxLineBytes: number = MAX_LINE_BYTES) {
    this.#max = maxLineBytes;
  }

  // Bytes of an unfinished line held now; non-zero at EOF means a truncated frame.
  get buffered(): number {
    return this.#size;
  }

  push(chunk: Uint8Array): LineBatch {
    const lines: string[] = [];
    if (this.#failure !== undefined) return { lines, failure: this.#failure };
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      const end = nl === -1 ? chunk.length : nl;
      if (this.#size + (end - start) > this.#max) return this.#fail(lines, tooLarge(this.#max));
      if (nl === -1) break;
      const line = this.#decode(chunk.subarray(start, nl));
      if (line === undefined) return this.#fail(lines, failure('bad-utf8', 'line is not valid UTF-8'));
      if (line !== '') lines.push(line);
      start = nl + 1;
    }
    if (start < chunk.length) {
      // Copy the tail so a small partial line does not pin the whole socket chunk.
      this.#parts.push(Buffer.from(chunk.subarray(start)));
      this.#size += chunk.length - start;
    }
    return { lines, failure: undefined };
  }

  #decode(tail: Uint8Array): string | undefined {
    const bytes = this.#parts.length === 0 ? tail : Buffer.concat([...this.#parts, tail]);
    this.#parts = [];
    this.#size = 0;
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      return undefined;
    }
    return text.endsWith('\r') ? text.slice(0, -1) : text;
  }

  #fail(lines: string[], f: FrameFailure): LineBatch {
    this.#failure = f;
    this.#parts = [];
    this.#size = 0;
    return { lines, failure: f };
  }
}

// One frame: compact JSON plus '\n'. Throws AwsxError for values that cannot be a frame
// (cycles, BigInt, non-objects, over the cap): that is a bug on our side, not peer input.
export function encodeFrame(value: object, maxLineBytes: number = MAX_LINE_BYTES): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (cause) {
    throw new AwsxError('ValidationError', 'ipc frame: value is not serialisable as JSON', {
      hint: 'send only plain data (no cycles, BigInt or class instances)',
      cause,
    });
  }
  if (typeof json !== 'string' || !json.startsWith('{')) {
    throw new AwsxError('ValidationError', 'ipc frame: a frame must be a JSON object', {
      hint: 'wrap the payload in an object',
    });
  }
  // JSON.stringify without indentation escapes every control character, so this cannot
  // fire; it guards the one invariant the framing depends on.
  if (json.includes('\n')) throw new AwsxError('ValidationError', 'ipc frame: encoded JSON contains a newline');
  if (Buffer.byteLength(json) > maxLineBytes) {
    throw new AwsxError('ValidationError', `ipc frame: encoded frame longer than ${maxLineBytes} bytes`, {
      hint: 'split the payload into smaller replies (page through long lists)',
    });
  }
  return json + '\n';
}

// These keys have no use in our schema and are the handles of prototype-pollution attacks.
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

// Parses one line into an object that is safe to read with plain property access:
// 1. JSON.parse itself never pollutes: it defines keys as own data properties, even
//    "__proto__" (no reviver is used: V8 walks revivers recursively).
// 2. An iterative walk (no recursion, so no stack overflow on JSON bombs) then refuses
//    forbidden keys anywhere and nesting beyond maxDepth, and gives every object a null
//    prototype, so `frame.toString` or `frame.constructor` is undefined unless sent and
//    `frame.method` can never resolve to something inherited. Arrays keep Array.prototype.
export function parseFrame(line: string, maxLineBytes: number = MAX_LINE_BYTES, maxDepth: number = MAX_DEPTH): FrameResult {
  if (Buffer.byteLength(line) > maxLineBytes) return tooLarge(maxLineBytes);
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return failure('bad-json', 'line is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return failure('not-object', 'frame is not a JSON object');
  }
  const pending: Array<[unknown, number]> = [[value, 1]];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const [node, depth] = item;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > maxDepth) return failure('too-deep', `nested deeper than ${maxDepth} levels`);
    if (Array.isArray(node)) {
      for (const child of node) pending.push([child, depth + 1]);
      continue;
    }
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (FORBIDDEN_KEYS.has(key)) return failure('forbidden-key', `key "${key}" is not allowed`);
      pending.push([record[key], depth + 1]);
    }
    Object.setPrototypeOf(record, null);
  }
  return { ok: true, value: value as JsonObject };
}
