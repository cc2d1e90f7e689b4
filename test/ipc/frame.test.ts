// encodeFrame / parseFrame: one line per frame, and hostile JSON as typed faults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineReader, MAX_DEPTH, MAX_LINE_BYTES, encodeFrame, parseFrame, type FrameResult } from '../../src/ipc/framing.ts';
import { AwsxError } from '../../src/core/errors.ts';

function faultOf(r: FrameResult): string | undefined {
  return r.ok ? undefined : r.fault;
}

test('encode, read and parse round-trip, with awkward strings', () => {
  const value = {
    id: 7,
    method: 'env',
    params: { profile: 'a\nb\r\u2028\u2029"\\\u0000\u001b]52;c;x\u0007', list: [1, 'two', null, true, { x: -0.5 }] },
  };
  const frame = encodeFrame(value);
  assert.equal(frame.indexOf('\n'), frame.length - 1, 'exactly one newline, at the end');
  const lines = new LineReader().push(Buffer.from(frame)).lines;
  assert.equal(lines.length, 1);
  const parsed = parseFrame(lines[0] ?? '');
  assert.ok(parsed.ok);
  assert.equal(JSON.stringify(parsed.value), JSON.stringify(value));
  // Through plain objects, since parsed ones have null prototypes.
  assert.deepEqual(JSON.parse(JSON.stringify(parsed.value)), value);
});

test('encodeFrame refuses what cannot be one object frame', () => {
  const cyclic: Record<string, unknown> = {};
  cyclic['self'] = cyclic;
  const bad: object[] = [cyclic, { n: 1n }, [1, 2], { toJSON: () => 'str' }, { big: 'x'.repeat(MAX_LINE_BYTES) }];
  for (const v of bad) {
    assert.throws(() => encodeFrame(v), (e) => e instanceof AwsxError && e.message.startsWith('ipc frame:'));
  }
});

test('parsed objects have null prototypes at every level; arrays stay arrays', () => {
  const r = parseFrame('{"a":{"b":[{"c":1}]},"s":"x"}');
  assert.ok(r.ok);
  const a = r.value['a'] as Record<string, unknown>;
  const list = a['b'] as unknown[];
  assert.equal(Object.getPrototypeOf(r.value), null);
  assert.equal(Object.getPrototypeOf(a), null);
  assert.ok(Array.isArray(list));
  assert.equal(Object.getPrototypeOf(list[0]), null);
  // Inherited names read as absent, so a schema check cannot be fooled by them.
  assert.equal(r.value['toString'], undefined);
  assert.equal(r.value['constructor'], undefined);
  assert.equal(r.value['hasOwnProperty'], undefined);
});

test('prototype-pollution keys are refused anywhere, however they are spelled (security 14)', () => {
  const attempts = [
    '{"__proto__":{"polluted":1}}',
    '{"\\u005f_proto__":{"polluted":1}}',
    '{"constructor":{"prototype":{"polluted":1}}}',
    '{"prototype":{"polluted":1}}',
    '{"a":{"b":[1,{"__proto__":{"polluted":1}}]}}',
    '{"params":{"constructor":1}}',
  ];
  for (const line of attempts) {
    const r = parseFrame(line);
    assert.equal(faultOf(r), 'forbidden-key', line);
  }
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  assert.equal(Object.getPrototypeOf({}), Object.prototype);
});

test('non-objects are refused', () => {
  for (const line of ['[]', '[{"a":1}]', '1', '"s"', 'null', 'true']) {
    assert.equal(faultOf(parseFrame(line)), 'not-object', line);
  }
});

test('bad JSON is a fault whose message never echoes the input', () => {
  for (const line of ['', '{', '{"a":1}x', "{'a':1}", '\uFEFF{}', '{"a": CANARY-SECRET}', '{"a":1,}']) {
    const r = parseFrame(line);
    assert.equal(faultOf(r), 'bad-json', line);
    assert.ok(!r.ok && !r.error.message.includes('CANARY') && r.error.cause === undefined);
  }
});

test('nesting is capped without recursion, even for a JSON bomb filling the line (security 14)', () => {
  const nest = (n: number): string => '{"a":'.repeat(n - 1) + '{}' + '}'.repeat(n - 1);
  assert.ok(parseFrame(nest(MAX_DEPTH)).ok);
  assert.equal(faultOf(parseFrame(nest(MAX_DEPTH + 1))), 'too-deep');
  const n = (MAX_LINE_BYTES - 10) >> 1;
  const bomb = '{"a":' + '['.repeat(n) + ']'.repeat(n) + '}';
  assert.ok(Buffer.byteLength(bomb) <= MAX_LINE_BYTES);
  assert.equal(faultOf(parseFrame(bomb)), 'too-deep');
});

test('parseFrame enforces the byte cap on its own, counting UTF-8 bytes', () => {
  const atCap = '{"s":"' + '€'.repeat((MAX_LINE_BYTES - 8) / 3) + '"}';
  assert.ok(Buffer.byteLength(atCap) <= MAX_LINE_BYTES);
  assert.ok(parseFrame(atCap).ok);
  assert.equal(faultOf(parseFrame('{"s":"' + '€'.repeat(MAX_LINE_BYTES / 3) + '"}')), 'too-large');
});

test('every fault carries an AwsxError naming the subject and a hint', () => {
  const r = parseFrame('[]');
  assert.ok(!r.ok);
  assert.ok(r.error instanceof AwsxError);
  assert.equal(r.error.code, 'ValidationError');
  assert.match(r.error.message, /^ipc frame: /);
  assert.ok(r.error.hint && r.error.hint.length > 0);
});
