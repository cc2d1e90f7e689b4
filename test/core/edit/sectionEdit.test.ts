import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serialize } from '../../../src/core/ini/document.ts';
import { parseIni } from '../../../src/core/ini/parse.ts';
import { editSection, replaceBody } from '../../../src/core/edit/sectionEdit.ts';
import { appendSection, removeSections } from '../../../src/core/edit/sectionAddRemove.ts';

function section(text: string, name: string) {
  const doc = parseIni(text, 'f');
  const s = doc.sections.find((x) => x.name === name);
  assert.ok(s, `section [${name}] in the row's text`);
  return { doc, s };
}

// Each row: literal INI, the section, the change, and the exact text that must result.
const EDIT_ROWS: { name: string; text: string; section: string; set?: Record<string, string>; unset?: string[]; want: string }[] = [
  { name: 'replace a value in place, keep key spelling and spacing', text: '[p]\nRegion :  us-east-1\nx = 1\n', section: 'p', set: { region: 'eu-west-1' }, want: '[p]\nRegion :  eu-west-1\nx = 1\n' },
  { name: 'replace keeps no-space style', text: '[p]\nregion=us-east-1\n', section: 'p', set: { region: 'eu-west-1' }, want: '[p]\nregion=eu-west-1\n' },
  { name: 'replace drops continuation lines', text: '[p]\nd = a\n  b\n  c\nx = 1\n', section: 'p', set: { d: 'one' }, want: '[p]\nd = one\nx = 1\n' },
  { name: 'replace a nested block, its comments included', text: '[p]\ns3 =\n  a = 1\n  ; c\n  b = 2\nx = 1\n', section: 'p', set: { s3: 'plain' }, want: '[p]\ns3 = plain\nx = 1\n' },
  { name: 'append after the last entry, before trailing blank and comment lines', text: '[p]\na = 1\n\n# about q\n[q]\nb = 2\n', section: 'p', set: { c: '3' }, want: '[p]\na = 1\nc = 3\n\n# about q\n[q]\nb = 2\n' },
  { name: 'append after a nested block ends', text: '[p]\ns3 =\n  a = 1\n\n[q]\n', section: 'p', set: { c: '3' }, want: '[p]\ns3 =\n  a = 1\nc = 3\n\n[q]\n' },
  { name: 'append to an empty section', text: '[p]\n[q]\n', section: 'p', set: { c: '3' }, want: '[p]\nc = 3\n[q]\n' },
  { name: 'append takes the indentation of the last entry', text: '[p]\n  a = 1\n', section: 'p', set: { c: '3' }, want: '[p]\n  a = 1\n  c = 3\n' },
  { name: 'append to a last line without a newline', text: '[p]\na = 1', section: 'p', set: { c: '3' }, want: '[p]\na = 1\nc = 3\n' },
  { name: 'append uses the file\'s CRLF', text: '[p]\r\na = 1\r\n', section: 'p', set: { c: '3' }, want: '[p]\r\na = 1\r\nc = 3\r\n' },
  { name: 'unset removes the entry and its continuation lines', text: '[p]\na = 1\n  more\nb = 2\n', section: 'p', unset: ['a'], want: '[p]\nb = 2\n' },
  { name: 'unset the last line without a newline', text: '[p]\na = 1\nb = 2', section: 'p', unset: ['b'], want: '[p]\na = 1\n' },
  { name: 'set and unset together', text: '[p]\na = 1\nb = 2\nc = 3\n', section: 'p', set: { a: 'x', d: '4' }, unset: ['b'], want: '[p]\na = x\nc = 3\nd = 4\n' },
];

for (const row of EDIT_ROWS) {
  test(`editSection: ${row.name}`, () => {
    const { doc, s } = section(row.text, row.section);
    const lines = editSection(doc, s, { set: new Map(Object.entries(row.set ?? {})), unset: row.unset ?? [] });
    assert.equal(serialize(lines), row.want);
  });
}

test('editSection refuses a value with a line break', () => {
  const { doc, s } = section('[p]\na = 1\n', 'p');
  assert.throws(() => editSection(doc, s, { set: new Map([['a', 'x\ny = 2']]), unset: [] }), /line break/);
  assert.throws(() => editSection(doc, s, { set: new Map([['b', 'x\r']]), unset: [] }), /line break/);
});

test('replaceBody keeps the header and what follows the body', () => {
  const { doc, s } = section('# c\n[p] ; note\na = 1\n# between\nb = 2\n\n# next\n[q]\n', 'p');
  assert.equal(serialize(replaceBody(doc, s, new Map([['x', '1']]))), '# c\n[p] ; note\nx = 1\n\n# next\n[q]\n');
});

const APPEND_ROWS: { name: string; text: string; want: string }[] = [
  { name: 'empty file', text: '', want: '[n]\nk = v\n' },
  { name: 'one blank line between', text: '[a]\nx = 1\n', want: '[a]\nx = 1\n\n[n]\nk = v\n' },
  { name: 'no second blank line', text: '[a]\nx = 1\n\n', want: '[a]\nx = 1\n\n[n]\nk = v\n' },
  { name: 'no final newline', text: '[a]\nx = 1', want: '[a]\nx = 1\n\n[n]\nk = v\n' },
  { name: 'CRLF file', text: '[a]\r\nx = 1\r\n', want: '[a]\r\nx = 1\r\n\r\n[n]\r\nk = v\r\n' },
  { name: 'CRLF file without a final newline', text: '[a]\r\nx = 1', want: '[a]\r\nx = 1\r\n\r\n[n]\r\nk = v\r\n' },
];

for (const row of APPEND_ROWS) {
  test(`appendSection: ${row.name}`, () => {
    assert.equal(serialize(appendSection(parseIni(row.text, 'f').lines, 'n', new Map([['k', 'v']]))), row.want);
  });
}

// Removal: the header, the body, the comments attached above and right after, and the
// blank lines that follow; comment blocks set apart by blank lines stay.
const REMOVE_ROWS: { name: string; text: string; remove: string[]; want: string }[] = [
  { name: 'middle section and the blank line after it', text: '[a]\nx = 1\n\n[b]\ny = 2\n\n[c]\nz = 3\n', remove: ['b'], want: '[a]\nx = 1\n\n[c]\nz = 3\n' },
  { name: 'comment directly above goes with it', text: '[a]\nx = 1\n\n# about b\n# more\n[b]\ny = 2\n\n[c]\n', remove: ['b'], want: '[a]\nx = 1\n\n[c]\n' },
  { name: 'comment apart above stays', text: '# banner\n\n[b]\ny = 2\n\n[c]\n', remove: ['b'], want: '# banner\n\n[c]\n' },
  { name: 'comment right after the body goes with it', text: '[b]\ny = 2\n# old: z = 3\n\n[c]\n', remove: ['b'], want: '[c]\n' },
  { name: 'comment running into the next header stays with that one', text: '[b]\ny = 2\n# about c\n[c]\n', remove: ['b'], want: '# about c\n[c]\n' },
  { name: 'commented-out profile set apart stays', text: '[b]\ny = 2\n\n# [profile old]\n# k = v\n\n[c]\n', remove: ['b'], want: '# [profile old]\n# k = v\n\n[c]\n' },
  { name: 'last section takes the blank lines before it', text: '[a]\nx = 1\n\n\n[b]\ny = 2', remove: ['b'], want: '[a]\nx = 1\n' },
  { name: 'comments inside the body go', text: '[a]\n[b]\n# c1\ny = 2\n  ; c2\nz = 3\n[c]\n', remove: ['b'], want: '[a]\n[c]\n' },
  { name: 'two neighbours at once', text: '[a]\n\n[b]\nx = 1\n\n[c]\ny = 2\n\n[d]\n', remove: ['b', 'c'], want: '[a]\n\n[d]\n' },
  { name: 'CRLF kept around the removal', text: '[a]\r\nx = 1\r\n\r\n[b]\r\ny = 2\r\n\r\n[c]\r\n', remove: ['b'], want: '[a]\r\nx = 1\r\n\r\n[c]\r\n' },
  { name: 'the file\'s banner stays, even directly above', text: '# top\n[b]\ny = 2\n\n[c]\n', remove: ['b'], want: '# top\n[c]\n' },
  { name: 'the only section', text: '[b]\ny = 2\n', remove: ['b'], want: '' },
];

for (const row of REMOVE_ROWS) {
  test(`removeSections: ${row.name}`, () => {
    const doc = parseIni(row.text, 'f');
    const sections = doc.sections.filter((s) => row.remove.includes(s.name));
    assert.equal(serialize(removeSections(doc, sections)), row.want);
  });
}
