// Random documents built from the tricky fragments of docs/aws-config.md section 2, parsed
// by awsx and by botocore itself: the two must agree on every profile, value and error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { awsxView } from '../../helpers/iniView.ts';
import { botocoreParse } from '../../helpers/botocore.ts';
import { pick, seededRandom } from '../../helpers/random.ts';

const HEADERS = ['[default]', '[profile a]', '[profile b]', '[profile "my app"]', '[ profile c ]', '[profile a] ; x', '[DEFAULT]',
  '[sso-session s]', '[services svc]', '[profiles x]', '[profile]', '[Profile d]', '  [profile e]', '[profile a b]', "[profile 'q]", '[]', '[x]]'];
const KEYS = ['region', 'Role_ARN', 'source_profile', 's3', 'a:b', 'output', 'x', ' k ', 'sts', '', 'Key'];
const VALUES = ['us-east-1', '', 'a # b', 'x ; y', 'http://h:1', '"q"', 'a = b', ' spaced ', '\u00e9\u00e8', '\u3000wide\u3000', 'v\x1c'];
const INDENTS = ['', ' ', '  ', '\t', '    '];
const EOLS = ['\n', '\n', '\n', '\r\n', '\r'];

function line(rand: () => number): string {
  const r = rand();
  const indent = pick(rand, INDENTS);
  if (r < 0.18) return indent + pick(rand, HEADERS);
  if (r < 0.6) return indent + pick(rand, KEYS) + pick(rand, [' = ', '=', ': ', ' =']) + pick(rand, VALUES);
  if (r < 0.72) return indent + pick(rand, ['# c', '; c', '#', '  ; [profile z]']);
  if (r < 0.82) return '';
  if (r < 0.92) return indent + pick(rand, ['k = v', 'novalue', 'Sub = x', 'y: z']);
  return indent + pick(rand, VALUES);
}

function doc(rand: () => number): string {
  let text = pick(rand, ['[default]', '[profile a]', '']) + '\n';
  const n = 1 + Math.floor(rand() * 12);
  for (let i = 0; i < n; i++) text += line(rand) + pick(rand, EOLS);
  return rand() < 0.2 ? text.replace(/\n$/, '') : text;
}

test('2,000 random documents parse exactly as botocore parses them', () => {
  const rand = seededRandom(20261128);
  const items = Array.from({ length: 2000 }, (_, i) => ({ text: doc(rand), kind: (i % 4 === 0 ? 'credentials' : 'config') as 'config' | 'credentials' }));
  const ref = botocoreParse(items);
  let errors = 0;
  items.forEach((item, i) => {
    const ours = awsxView(item.text, item.kind);
    if ('error' in ours) errors++;
    assert.deepEqual(ours, ref[i], `document ${i} (${item.kind}):\n${JSON.stringify(item.text)}`);
  });
  // The generator must exercise both outcomes, or the comparison proves little.
  assert.ok(errors > 100 && errors < 1900, `errors: ${errors}`);
});
