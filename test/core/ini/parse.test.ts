import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIni } from '../../../src/core/ini/parse.ts';
import { serialize } from '../../../src/core/ini/document.ts';
import { awsxView } from '../../helpers/iniView.ts';
import { botocoreParse } from '../../helpers/botocore.ts';

// Each row: literal config text, then the profiles botocore's load_config gives (checked
// against botocore below) or the error class. Rows follow docs/aws-config.md section 2.
const CONFIG_ROWS: { name: string; text: string; profiles?: Record<string, unknown>; error?: string }[] = [
  { name: 'comment lines, indented comments inside a block', text: '# top\n; semi\n[default]\nregion = eu-west-1\n  # indented comment\n', profiles: { default: { region: 'eu-west-1' } } },
  { name: 'no inline comments', text: '[profile a]\nregion = us-east-1 # home\nexternal_id = x ; y\n', profiles: { a: { region: 'us-east-1 # home', external_id: 'x ; y' } } },
  { name: 'text after the last ] is ignored', text: '[profile app]   ; note\nregion = r\n', profiles: { app: { region: 'r' } } },
  { name: 'header runs to the last ]', text: '[profile a] # [x]\nregion = r\n', profiles: {} },
  { name: 'whitespace inside brackets kept', text: '[ profile b ]\nregion = r\n', profiles: {} },
  { name: 'empty section defines a profile', text: '[profile c]\n', profiles: { c: {} } },
  { name: 'colon delimiter, first delimiter wins', text: '[profile d]\nsource_profile: base\nendpoint_url = http://h:1\na:b = c\n', profiles: { d: { source_profile: 'base', endpoint_url: 'http://h:1', a: 'b = c' } } },
  { name: 'keys lower-cased, quotes kept', text: '[profile e]\nRole_ARN = arn\nregion = "us-east-1"\n', profiles: { e: { role_arn: 'arn', region: '"us-east-1"' } } },
  { name: 'nested sub-section', text: '[profile dev]\ns3 =\n  max_concurrency = 10\n  ; comment ok here\n  Addressing_Style = path\nregion = eu-west-1\n', profiles: { dev: { s3: { max_concurrency: '10', Addressing_Style: 'path' }, region: 'eu-west-1' } } },
  { name: 'nested value split at first =', text: '[profile f]\ns3 =\n  k2 = a = b\n', profiles: { f: { s3: { k2: 'a = b' } } } },
  { name: 'empty value without block', text: '[profile g]\ns3 =\nregion = r\n', profiles: { g: { s3: '', region: 'r' } } },
  { name: 'plain continuation joins with newline', text: '[profile h]\nregion = us-east-1\n  output = json\n', profiles: { h: { region: 'us-east-1\noutput = json' } } },
  { name: 'blank lines inside a value kept, trailing trimmed', text: '[profile i]\nv = a\n\n  b\n\n\nw = c\n', profiles: { i: { v: 'a\n\nb', w: 'c' } } },
  { name: 'indented first key is harmless', text: '[profile j]\n   region = r\noutput = json\n', profiles: { j: { region: 'r', output: 'json' } } },
  { name: 'quoted profile name', text: '[profile "my app"]\nregion = r\n', profiles: { 'my app': { region: 'r' } } },
  { name: 'profile name quirks', text: '[profiles x]\n[profile-y y]\n[profilefoo]\n[profile]\n[profile a b]\n[Profile z]\n[foo]\n', profiles: { x: {}, y: {} } },
  { name: 'later [profile default] replaces [default] whole', text: '[default]\nexternal_id = only-here\nregion = a\n[profile default]\nregion = b\n', profiles: { default: { region: 'b' } } },
  { name: 'later [default] replaces [profile default] whole', text: '[profile default]\nregion = b\n[default]\nregion = a\n', profiles: { default: { region: 'a' } } },
  { name: '[DEFAULT] keys inherited, own key wins', text: '[DEFAULT]\nregion = d\noutput = json\n[profile k]\nregion = k\n', profiles: { k: { region: 'k', output: 'json' } } },
  { name: 'CRLF line endings', text: '[default]\r\nregion = r\r\n  more\r\n', profiles: { default: { region: 'r\nmore' } } },
  { name: 'sso-session and services sections', text: '[sso-session s]\nsso_region = us-east-1\n[services dev]\nsts =\n  endpoint_url = http://localhost:1\n[profile p]\nservices = dev\n', profiles: { p: { services: 'dev' } } },
  { name: 'key before any header', text: 'region = r\n[default]\n', error: 'ConfigParseError' },
  { name: 'duplicate section', text: '[profile a]\n[profile a]\n', error: 'ConfigParseError' },
  { name: 'duplicate key, case-insensitive', text: '[profile a]\nregion = a\nREGION = b\n', error: 'ConfigParseError' },
  { name: 'empty key', text: '[profile a]\n= x\n', error: 'ConfigParseError' },
  { name: 'no delimiter', text: '[profile a]\nnovalue\n', error: 'ConfigParseError' },
  { name: 'colon line inside a nested block', text: '[profile a]\ns3 =\n  addressing_style: path\n', error: 'ConfigParseError' },
  { name: 'UTF-8 BOM', text: '\ufeff[default]\nregion = r\n', error: 'ConfigParseError' },
  { name: 'duplicate key across two [DEFAULT] sections', text: '[DEFAULT]\na = 1\n[DEFAULT]\na = 2\n', error: 'ConfigParseError' },
];

for (const row of CONFIG_ROWS) {
  test(`config: ${row.name}`, () => {
    const got = awsxView(row.text, 'config');
    if (row.error) assert.deepEqual(got, { error: row.error });
    else assert.deepEqual((got as { ok: { profiles: unknown } }).ok.profiles, row.profiles);
  });
}

test('config rows agree with botocore itself', () => {
  const ref = botocoreParse(CONFIG_ROWS.map((r) => ({ text: r.text, kind: 'config' })));
  CONFIG_ROWS.forEach((row, i) => assert.deepEqual(awsxView(row.text, 'config'), ref[i], row.name));
});

test('every byte survives a parse', () => {
  for (const row of CONFIG_ROWS) {
    if (row.error) continue;
    assert.equal(serialize(parseIni(row.text, 'f').lines), row.text, row.name);
  }
  const mixed = '[a]\r\nx = 1\ry = 2\n\n  # c\t\n[b]\nz=3';
  assert.equal(serialize(parseIni(mixed, 'f').lines), mixed);
});

test('parse errors name the file and the line (security 25)', () => {
  assert.throws(() => parseIni('[profile a]\nregion = a\n\nregion = b\n', '/home/u/.aws/config'), (e: Error & { code: string; hint: string }) => {
    assert.equal(e.code, 'ConfigParseError');
    assert.match(e.message, /^\/home\/u\/\.aws\/config, line 4: key "region" appears twice in section \[profile a\]/);
    assert.match(e.hint, /keep one/);
    return true;
  });
  assert.throws(() => parseIni('[x]\n[y]\n[x]\n', 'c'), /c, line 3: section \[x\] appears a second time \(first at line 1\)/);
});

test('entries record their line ranges, including continuation lines', () => {
  const doc = parseIni('[profile a]\ns3 =\n  x = 1\n  # c\n  y = 2\n\nregion = r\n[b]\n', 'f');
  const a = doc.sections[0]!;
  assert.deepEqual([a.line, a.end], [0, 7]);
  assert.deepEqual([a.entries.get('s3')!.line, a.entries.get('s3')!.end], [1, 5]);
  assert.deepEqual([a.entries.get('region')!.line, a.entries.get('region')!.end], [6, 7]);
  assert.deepEqual([doc.sections[1]!.line, doc.sections[1]!.end], [7, 8]);
});
