// Issues #9 and #15: every test of docs/security.md, sections A-K, exists in the suite and
// names its number. A test implements test N when its title ends with "(security N)" or lists
// N among several, "(security 19, 21)".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TEST_ROOT = fileURLToPath(new URL('..', import.meta.url));
const REQUIRED = [...Array.from({ length: 50 }, (_, i) => i + 1), 51, 52, 53, 54, 55];
// A title on one line: test('... (security 13)', or describe(`... (security 1, 5)`,
const TITLE_TAG = /\b(?:test|it|describe)\(\s*(['"`])(?:(?!\1).)*\(security ([\d, ]+)\)(?:(?!\1).)*\1/g;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' ? [] : testFiles(path);
    return /\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

function securityTags(files: string[]): Map<number, string[]> {
  const found = new Map<number, string[]>();
  for (const file of files) {
    for (const m of readFileSync(file, 'utf8').matchAll(TITLE_TAG)) {
      for (const n of m[2]!.split(',').map((s) => Number(s.trim()))) {
        found.set(n, [...(found.get(n) ?? []), file.slice(TEST_ROOT.length)]);
      }
    }
  }
  return found;
}

test('every test of docs/security.md, sections A-K, is in the suite, by number', () => {
  const found = securityTags(testFiles(TEST_ROOT));
  const missing = REQUIRED.filter((n) => !found.has(n));
  assert.deepEqual(missing, [], `security tests with no test titled "(security N)": ${missing.join(', ')}`);
  const unknown = [...found.keys()].filter((n) => !REQUIRED.includes(n));
  assert.deepEqual(unknown, [], `tags naming no test of the spec: ${unknown.join(', ')}`);
});

test('the tag is read from test titles only, in its exact form', () => {
  // Built from pieces so that this file's own source holds no tagged title.
  const [t, it] = ['test', 'it'];
  const sample = [
    `${t}('cut at the cap (security 13)', () => {});`,
    `  ${it}(\`two at once (security 19, 21)\`, async () => {});`,
    '// (security 7) in a comment',
    "const s = '(security 8)';",
    `${t}('no space (security12)', () => {});`,
  ].join('\n');
  const matches = [...sample.matchAll(TITLE_TAG)].flatMap((m) => m[2]!.split(',').map((s) => Number(s.trim())));
  assert.deepEqual(matches, [13, 19, 21]);
});
