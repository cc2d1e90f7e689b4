// Byte-exact tests of the line splitter: chunks split anywhere, the cap checked while reading.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineReader, MAX_LINE_BYTES, encodeFrame, type LineBatch } from '../../src/ipc/framing.ts';
import { AwsxError } from '../../src/core/errors.ts';

const bytes = (s: string): Buffer => Buffer.from(s, 'utf8');

function readAll(chunks: Uint8Array[], max?: number): { lines: string[]; batches: LineBatch[]; reader: LineReader } {
  const reader = new LineReader(max);
  const batches = chunks.map((c) => reader.push(c));
  return { lines: batches.flatMap((b) => b.lines), batches, reader };
}

const FRAME = encodeFrame({ method: 'env', params: { profile: 'prød-€-☃-𝄞', n: 1 } });
const LINE = FRAME.slice(0, -1);

test('a frame split at every byte offset reads back exactly', () => {
  const all = bytes(FRAME);
  for (let i = 0; i <= all.length; i++) {
    const { lines, reader } = readAll([all.subarray(0, i), all.subarray(i)]);
    assert.deepEqual(lines, [LINE], `split at ${i}`);
    assert.equal(reader.buffered, 0);
  }
});

test('a frame fed one byte at a time reads back exactly', () => {
  const all = bytes(FRAME);
  const chunks = [...all].map((b) => Uint8Array.of(b));
  assert.deepEqual(readAll(chunks).lines, [LINE]);
});

test('multi-byte UTF-8 characters split between chunks are joined before decoding', () => {
  for (const ch of ['ø', '€', '𝄞']) {
    const all = bytes(`{"p":"${ch}"}\n`);
    const at = all.indexOf(bytes(ch)) + 1; // inside the character
    for (let cut = at; cut < at + bytes(ch).length - 1; cut++) {
      assert.deepEqual(readAll([all.subarray(0, cut), all.subarray(cut)]).lines, [`{"p":"${ch}"}`]);
    }
  }
});

test('several frames in one chunk, with a partial one carried over', () => {
  const reader = new LineReader();
  assert.deepEqual(reader.push(bytes('{"a":1}\n{"b":2}\n{"c"')).lines, ['{"a":1}', '{"b":2}']);
  assert.equal(reader.buffered, 4);
  assert.deepEqual(reader.push(bytes(':3}\n')).lines, ['{"c":3}']);
  assert.equal(reader.buffered, 0);
});

test('a line of exactly the cap is accepted, in one chunk or split before the newline', () => {
  const line = 'x'.repeat(MAX_LINE_BYTES);
  assert.deepEqual(readAll([bytes(line + '\n')]).lines, [line]);
  const split = readAll([bytes(line), bytes('\n')]);
  assert.deepEqual(split.lines, [line]);
  assert.equal(split.batches[0]?.failure, undefined);
});

test('the cap exceeded by one byte in one chunk fails, with or without the newline (security 13)', () => {
  for (const chunk of ['x'.repeat(MAX_LINE_BYTES + 1) + '\n', 'x'.repeat(MAX_LINE_BYTES + 1)]) {
    const { batches, reader } = readAll([bytes(chunk)]);
    assert.equal(batches[0]?.failure?.fault, 'too-large');
    assert.deepEqual(batches[0]?.lines, []);
    assert.equal(reader.buffered, 0);
  }
});

test('the cap exceeded by one byte across chunks fails before the newline arrives', () => {
  const { batches } = readAll([bytes('x'.repeat(MAX_LINE_BYTES - 10)), bytes('y'.repeat(11))]);
  assert.equal(batches[0]?.failure, undefined);
  assert.equal(batches[1]?.failure?.fault, 'too-large');
});

test('a 10 MiB line with no newline never buffers more than the cap, and the fault sticks (security 13)', () => {
  const reader = new LineReader();
  const chunk = Buffer.alloc(MAX_LINE_BYTES, 0x61);
  const faults: (string | undefined)[] = [];
  for (let sent = 0; sent < 10 * 1024 * 1024; sent += chunk.length) {
    const batch = reader.push(chunk);
    faults.push(batch.failure?.fault);
    assert.ok(reader.buffered <= MAX_LINE_BYTES);
  }
  assert.equal(faults[0], undefined);
  assert.ok(faults.slice(1).every((f) => f === 'too-large'));
  assert.deepEqual(reader.push(bytes('{"ok":1}\n')).lines, [], 'nothing is read after a fault');
});

test('lines completed before an oversized one are still returned', () => {
  const { batches } = readAll([bytes('{"a":1}\n' + 'x'.repeat(MAX_LINE_BYTES + 1))]);
  assert.deepEqual(batches[0]?.lines, ['{"a":1}']);
  assert.equal(batches[0]?.failure?.fault, 'too-large');
});

test('empty lines are skipped; CRLF loses exactly one CR', () => {
  assert.deepEqual(readAll([bytes('\n\n{"a":1}\n\r\n\n')]).lines, ['{"a":1}']);
  assert.deepEqual(readAll([bytes('{"a":1}\r\n{"b":2}\r'), bytes('\n')]).lines, ['{"a":1}', '{"b":2}']);
  assert.deepEqual(readAll([bytes('x\r\r\n')]).lines, ['x\r']);
});

test('the CR of a CRLF counts toward the cap', () => {
  const { batches } = readAll([bytes('x'.repeat(MAX_LINE_BYTES) + '\r\n')]);
  assert.equal(batches[0]?.failure?.fault, 'too-large');
});

test('invalid UTF-8 is a fault, not replaced by U+FFFD (security 14)', () => {
  const cases = [[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82]];
  for (const bad of cases) {
    const { batches } = readAll([Buffer.from([0x7b, ...bad, 0x7d, 0x0a])]);
    assert.equal(batches[0]?.failure?.fault, 'bad-utf8', `bytes ${bad.join(',')}`);
  }
});

test('a leading BOM is kept, not silently dropped', () => {
  assert.deepEqual(readAll([bytes('\uFEFF{}\n')]).lines, ['\uFEFF{}']);
});

test('a custom cap applies, and faults are AwsxErrors with a subject and a hint', () => {
  const { batches } = readAll([bytes('12345678'), bytes('9')], 8);
  const f = batches[1]?.failure;
  assert.ok(f?.error instanceof AwsxError);
  assert.equal(f.error.code, 'ValidationError');
  assert.equal(f.error.message, 'ipc frame: line longer than 8 bytes');
  assert.ok(f.error.hint);
});
