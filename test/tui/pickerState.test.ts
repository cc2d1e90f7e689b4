// The picker's reducer without rendering: filtering over every field, ranking with
// frecency, narrowing as the query grows, and the cursor and scrolled window.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boostsFor } from '../../src/tui/history.ts';
import { normalizeQuery, rankEntries, toSearchEntry, matchDetail } from '../../src/tui/picker/rank.ts';
import { createPickerState, pickerReducer, selectedProfile, visibleEntries, type PickerAction, type PickerState } from '../../src/tui/picker/state.ts';
import { profile, roleProfile } from '../helpers/tuiFakes.ts';

const PROFILES = [
  roleProfile('dev', '210987654321', 'Developer', { region: 'eu-west-1', description: 'sandbox for the web team' }),
  roleProfile('prod', '123456789012', 'Admin', { region: 'us-east-1', mfaSerial: 'arn:aws:iam::111111111111:mfa/alice' }),
  roleProfile('staging', '555555555555', 'Deployer', { region: 'ap-southeast-2' }),
  profile('base', { kind: 'static', source: undefined }),
];

function names(state: PickerState): string[] {
  return Array.from(state.matches, (i) => state.entries[i]!.summary.name);
}

function run(state: PickerState, ...actions: PickerAction[]): PickerState {
  return actions.reduce(pickerReducer, state);
}

const typed = (text: string): PickerAction[] => [...text].map((ch) => ({ type: 'insert', text: ch }));

test('with no query every profile shows, in the given order', () => {
  const s = createPickerState({ profiles: PROFILES, pageSize: 10 });
  assert.deepEqual(names(s), ['dev', 'prod', 'staging', 'base']);
  assert.equal(selectedProfile(s)?.name, 'dev');
});

test('typing filters over name, account id, role ARN, region and description', () => {
  const s = createPickerState({ profiles: PROFILES, pageSize: 10 });
  assert.deepEqual(names(run(s, ...typed('stag'))), ['staging']);
  assert.deepEqual(names(run(s, ...typed('5555'))), ['staging']);
  assert.deepEqual(names(run(s, ...typed('role/adm'))), ['prod']);
  assert.deepEqual(names(run(s, ...typed('euwest'))), ['dev']);
  assert.deepEqual(names(run(s, ...typed('sandbox'))), ['dev']);
  assert.deepEqual(names(run(s, ...typed('zzz'))), []);
});

test('where a profile matched: the field and positions the view highlights', () => {
  const entry = toSearchEntry(PROFILES[1]!);
  assert.deepEqual(matchDetail(entry, '1234'), { field: 'accountId', positions: [0, 1, 2, 3], score: matchDetail(entry, '1234')!.score });
  assert.equal(matchDetail(entry, 'prod')?.field, 'name');
  assert.equal(matchDetail(entry, 'zzz'), undefined);
});

test('the query is read in lower case without spaces; control characters never enter it', () => {
  assert.equal(normalizeQuery('Prod  Admin'), 'prodadmin');
  const s = run(createPickerState({ profiles: PROFILES, pageSize: 10 }), { type: 'insert', text: 'pr\x1b[2J\nod' });
  assert.equal(s.query, 'pr[2Jod');
});

test('editing: backspace, delete word, clear', () => {
  const s = run(createPickerState({ profiles: PROFILES, pageSize: 10 }), ...typed('pro sta'));
  assert.equal(run(s, { type: 'delete-back' }).query, 'pro st');
  assert.equal(run(s, { type: 'delete-word' }).query, 'pro ');
  const cleared = run(s, { type: 'clear' });
  assert.equal(cleared.query, '');
  assert.equal(cleared.matches.length, PROFILES.length);
});

test('narrowing from the previous matches gives what a fresh ranking gives', () => {
  const many = Array.from({ length: 300 }, (_, i) => roleProfile(`team-${i % 7}-acct-${i}`, String(100000000000 + i), `Role${i % 5}`));
  let s = createPickerState({ profiles: many, pageSize: 10 });
  for (const ch of 'team-3-acct-1') {
    s = pickerReducer(s, { type: 'insert', text: ch });
    const fresh = createPickerState({ profiles: many, pageSize: 10, query: s.query });
    assert.deepEqual(Array.from(s.matches), Array.from(fresh.matches), `after "${s.query}"`);
  }
});

test('frecency lifts recent, frequent picks; with a query it breaks near-ties', () => {
  const now = Date.UTC(2030, 0, 1);
  const history = [{ profile: 'staging', count: 5, last: now - 1000 }];
  const boosts = boostsFor(PROFILES.map((p) => p.name), history, now);
  const s = createPickerState({ profiles: PROFILES, boosts, pageSize: 10 });
  assert.deepEqual(names(s), ['staging', 'dev', 'prod', 'base']);
  const entries = PROFILES.map(toSearchEntry);
  // "de" is at the start of "dev" and at a word start in "Deployer" (staging's role): the boost decides.
  assert.equal(entries[rankEntries(entries, 'de', new Float64Array(4))[0]!]!.summary.name, 'dev');
  assert.equal(entries[rankEntries(entries, 'de', boosts)[0]!]!.summary.name, 'staging');
  // A much better text match still wins over the boost.
  assert.equal(entries[rankEntries(entries, 'prod', boosts)[0]!]!.summary.name, 'prod');
});

test('moving: arrows clamp at both ends; page, first and last', () => {
  const many = Array.from({ length: 25 }, (_, i) => profile(`p${String(i).padStart(2, '0')}`));
  const s = createPickerState({ profiles: many, pageSize: 10 });
  assert.equal(run(s, { type: 'move', by: -1 }).cursor, 0);
  assert.equal(run(s, { type: 'move', by: 1 }, { type: 'move', by: 1 }).cursor, 2);
  const paged = run(s, { type: 'page', by: 1 });
  assert.equal(paged.cursor, 10);
  assert.equal(paged.scroll, 1);
  assert.deepEqual(visibleEntries(paged).map((v) => v.entry.summary.name), many.slice(1, 11).map((p) => p.name));
  const last = run(s, { type: 'last' });
  assert.equal(last.cursor, 24);
  assert.equal(last.scroll, 15);
  assert.equal(run(last, { type: 'page', by: -1 }).scroll, 14);
  assert.equal(run(last, { type: 'first' }).scroll, 0);
  assert.equal(run(s, { type: 'page', by: 1 }, { type: 'page', by: 1 }, { type: 'page', by: 1 }).cursor, 24);
});

test('a new query puts the cursor back on the best match', () => {
  const s = run(createPickerState({ profiles: PROFILES, pageSize: 10 }), { type: 'last' }, ...typed('p'));
  assert.equal(s.cursor, 0);
  assert.equal(s.scroll, 0);
});

test('resizing keeps the cursor on screen', () => {
  const many = Array.from({ length: 40 }, (_, i) => profile(`p${i}`));
  const s = run(createPickerState({ profiles: many, pageSize: 20 }), { type: 'move', by: 15 });
  const small = run(s, { type: 'resize', pageSize: 5 });
  assert.equal(small.cursor, 15);
  assert.ok(small.scroll <= 15 && 15 < small.scroll + 5);
  assert.equal(run(s, { type: 'resize', pageSize: 0 }).pageSize, 1);
});

test('an empty list: nothing is selected and moving is harmless', () => {
  const s = run(createPickerState({ profiles: [], pageSize: 5 }), { type: 'move', by: 1 }, { type: 'last' });
  assert.equal(selectedProfile(s), undefined);
  assert.equal(s.cursor, 0);
});

test('reset: new profiles ranked afresh, the page size kept', () => {
  const s = createPickerState({ profiles: PROFILES, pageSize: 7 });
  const r = run(s, { type: 'reset', init: { profiles: [...PROFILES, profile('new-one')], query: 'new-one' } });
  assert.deepEqual(names(r), ['new-one']);
  assert.equal(r.pageSize, 7);
});

test('Ctrl-E asks for the console of the profile under the cursor, after the keys typed before it', () => {
  const s = createPickerState({ profiles: PROFILES, pageSize: 10 });
  const asked = run(s, ...typed('stag'), { type: 'open-console' });
  assert.deepEqual(asked.consoleFor, { profile: 'staging' });
  assert.equal(asked.chosen, undefined, 'nothing is assumed');
  const again = run(asked, { type: 'open-console' });
  assert.notEqual(again.consoleFor, asked.consoleFor, 'a new request each time');
  const none = run(s, ...typed('zzz'), { type: 'open-console' });
  assert.equal(none.consoleFor, undefined);
});
