// A messy real-world pair of files (CRLF, tabs, comments everywhere, nested blocks,
// sso-session and services sections, [DEFAULT], odd spacing, no final newline), edited
// one way per case. Each result is compared byte for byte with its golden file, and every
// byte outside the edited section is checked to be where it was.
// Regenerate the golden files with UPDATE_GOLDEN=1 (then read the diff before keeping it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { addProfileEdit, removeProfileEdit, setProfileEdit, type FileTexts } from '../../../src/core/edit/edits.ts';
import { sectionSpan } from '../../../src/core/edit/sectionAddRemove.ts';
import { configSectionsFor, credentialsSectionFor } from '../../../src/core/edit/locate.ts';
import { serialize, type IniDocument } from '../../../src/core/ini/document.ts';
import type { ProfileSet } from '../../../src/core/config/profiles.ts';
import { profilesFrom } from '../../helpers/profiles.ts';

const DIR = new URL('../../fixtures/edit/', import.meta.url);
const CONFIG = readFileSync(new URL('messy.config', DIR), 'utf8');
const CREDENTIALS = readFileSync(new URL('messy.credentials', DIR), 'utf8');

type Range = readonly [number, number];
interface Case {
  readonly name: string;
  readonly edit: (set: ProfileSet) => FileTexts;
  /** The lines of each file the edit may touch; a file without a range must not change. */
  readonly config?: (set: ProfileSet) => Range;
  readonly credentials?: (set: ProfileSet) => Range;
}

const sectionLines = (doc: IniDocument, name: string | undefined): Range => {
  const s = name === undefined ? undefined : doc.sections.find((x) => x.name === name);
  assert.ok(s);
  return [s.line, s.end];
};
const spanOf = (doc: IniDocument, names: string[]): Range => {
  const spans = doc.sections.filter((s) => names.includes(s.name)).map((s) => sectionSpan(doc, s));
  return [Math.min(...spans.map((s) => s.start)), Math.max(...spans.map((s) => s.end))];
};
const tail = (doc: IniDocument): Range => [doc.lines.length - 1, doc.lines.length];
const keys = (o: Record<string, string>) => new Map(Object.entries(o));

const CASES: Case[] = [
  { name: 'set-prod', edit: (s) => setProfileEdit(s, 'prod', { set: keys({ region: 'eu-central-1', output: 'table' }), unset: ['s3'] }), config: (s) => sectionLines(s.config, 'profile prod') },
  { name: 'set-my-app', edit: (s) => setProfileEdit(s, 'my app', { set: keys({ description: 'one line now' }), unset: [] }), config: (s) => sectionLines(s.config, 'profile "my app"') },
  { name: 'set-default', edit: (s) => setProfileEdit(s, 'default', { set: keys({ region: 'ap-south-1' }), unset: ['output'] }), config: (s) => sectionLines(s.config, 'profile default') },
  { name: 'set-base-key-id', edit: (s) => setProfileEdit(s, 'base', { set: keys({ aws_access_key_id: 'AKIAIOSFODNN7EXAMPL2', region: 'us-east-2' }), unset: [] }), config: (s) => sectionLines(s.config, 'profile base'), credentials: (s) => sectionLines(s.credentials, 'base') },
  { name: 'add-ci', edit: (s) => addProfileEdit(s, 'ci', keys({ role_arn: 'arn:aws:iam::555555555555:role/ci', source_profile: 'base', region: 'us-east-1' }), false), config: (s) => tail(s.config) },
  { name: 'add-static', edit: (s) => addProfileEdit(s, 'robot', keys({ region: 'eu-west-1', aws_access_key_id: 'AKIAROBOT00000000000', aws_secret_access_key: 'robot-secret' }), false), config: (s) => tail(s.config), credentials: (s) => tail(s.credentials) },
  { name: 'add-force-prod', edit: (s) => addProfileEdit(s, 'prod', keys({ role_arn: 'arn:aws:iam::123456789012:role/ReadOnly', source_profile: 'base' }), true), config: (s) => sectionLines(s.config, 'profile prod') },
  { name: 'remove-prod', edit: (s) => removeProfileEdit(s, 'prod', false), config: (s) => spanOf(s.config, ['profile prod']) },
  { name: 'remove-default', edit: (s) => removeProfileEdit(s, 'default', false), config: (s) => spanOf(s.config, ['default', 'profile default']) },
  { name: 'remove-base-force', edit: (s) => removeProfileEdit(s, 'base', true), config: (s) => spanOf(s.config, ['profile base']), credentials: (s) => spanOf(s.credentials, ['base']) },
];

/** Byte offsets of the start of line `from` and the end of line `to - 1`. */
function byteRange(doc: IniDocument, [from, to]: Range): Range {
  return [serialize(doc.lines.slice(0, from)).length, serialize(doc.lines.slice(0, to)).length];
}

function checkFile(label: string, doc: IniDocument, after: string, allowed: Range | undefined, golden: string): void {
  const before = serialize(doc.lines);
  const path = new URL(`golden/${golden}`, DIR);
  if (allowed === undefined) {
    assert.equal(after, before, `${label}: the file must not change`);
    return;
  }
  // Every byte before and after the edited section's lines is the same, in the same place.
  const [lo, hi] = byteRange(doc, allowed);
  assert.equal(after.slice(0, lo), before.slice(0, lo), `${label}: a byte before the edited section changed`);
  assert.equal(after.slice(after.length - (before.length - hi)), before.slice(hi), `${label}: a byte after the edited section changed`);
  assert.ok(after.length >= lo + before.length - hi, `${label}: the untouched parts overlap`);
  if (process.env.UPDATE_GOLDEN) writeFileSync(path, after);
  assert.ok(existsSync(path), `${label}: no golden file ${golden}; run with UPDATE_GOLDEN=1`);
  assert.equal(after, readFileSync(path, 'utf8'), `${label}: differs from golden/${golden}`);
}

for (const c of CASES) {
  test(`messy files: ${c.name}`, () => {
    const set = profilesFrom(CONFIG, CREDENTIALS);
    const texts = c.edit(set);
    checkFile(`${c.name} config`, set.config, texts.config, c.config?.(set), `${c.name}.config`);
    checkFile(`${c.name} credentials`, set.credentials, texts.credentials, c.credentials?.(set), `${c.name}.credentials`);
  });
}

test('messy files: the edits go to the section botocore reads', () => {
  const set = profilesFrom(CONFIG, CREDENTIALS);
  assert.deepEqual(configSectionsFor(set.config, 'default').map((s) => s.name), ['default', 'profile default']);
  assert.equal(credentialsSectionFor(set.credentials, 'prod'), undefined, '[profile prod] in credentials is another profile');
  const after = profilesFrom(...(Object.values(setProfileEdit(set, 'default', { set: keys({ region: 'ap-south-1' }), unset: [] })) as [string, string]));
  assert.equal(after.profiles.get('default')!.keys.get('region')!.value, 'ap-south-1');
});
