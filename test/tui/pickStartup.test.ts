// What the picker does to start fast, checked against what it replaces: the history read
// from conf's own file, the search fields made on first use, the order with no query
// without sorting every profile, the Enter that follows typing at once, and the narrow-text
// shortcut the bundle gives string-width (scripts/pickBundlePatches.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Conf from 'conf';
import stringWidth from 'string-width';
// @ts-expect-error: a plain .mjs build script, without type declarations
import { NARROW_TEXT_SOURCE, PATCHES, STRING_WIDTH_PATCHES, patchFile, patchText } from '../../scripts/pickBundlePatches.mjs';
import { confHistoryPath, openConfHistory, pickHistory } from '../../src/tui/historyStore.ts';
import { rankEntries, toSearchEntry, warmSearchEntries } from '../../src/tui/picker/rank.ts';
import { profile } from '../helpers/tuiFakes.ts';
import { REPO_ROOT } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tempDir.ts';

test('the history file is where conf keeps it, and the picker reads what conf wrote', async (t) => {
  const dir = tempDir(t);
  const env = { XDG_CONFIG_HOME: join(dir, 'xdg') };
  const saved = process.env.XDG_CONFIG_HOME;
  process.env.XDG_CONFIG_HOME = env.XDG_CONFIG_HOME;
  try {
    const conf = new Conf({ projectName: 'awsx', projectSuffix: '', configName: 'picker-history' });
    assert.equal(confHistoryPath(env, dir, 'linux'), conf.path);
    const history = pickHistory();
    assert.deepEqual(history.records, []);
    await history.record('prod', 1000);
    await history.record('dev', 2000);
    assert.deepEqual(pickHistory().records.map((r) => r.profile).sort(), ['dev', 'prod']);
  } finally {
    if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
    else process.env.XDG_CONFIG_HOME = saved;
  }
  assert.equal(confHistoryPath({}, '/home/u', 'darwin'), '/home/u/Library/Preferences/awsx/picker-history.json');
  const cwd = join(dir, 'other');
  mkdirSync(cwd);
  writeFileSync(join(cwd, 'picker-history.json'), '{ not json');
  assert.deepEqual(pickHistory({ cwd }).records, [], 'a broken file: no history, as with conf');
  assert.deepEqual((await openConfHistory({ cwd })).read(), []);
});

test('search fields are made on first use, the same as made at once', () => {
  const p = profile('Prod-EU', { accountId: '123456789012', region: 'eu-west-1', description: 'Main' });
  const entry = toSearchEntry(p);
  assert.deepEqual(entry.lower, ['prod-eu', '123456789012', '', 'eu-west-1', 'main']);
  assert.equal(entry.texts[0], 'Prod-EU');
  assert.equal(entry.masks.length, 5);
  const entries = Array.from({ length: 1200 }, (_, i) => toSearchEntry(profile(`p${i}`)));
  assert.equal(warmSearchEntries(entries, 0, 500), 500);
  assert.equal(warmSearchEntries(entries, 1000, 500), 1200);
});

test('no query: the boosted first by boost, then the rest in order, as the full sort would have it', () => {
  const entries = Array.from({ length: 40 }, (_, i) => toSearchEntry(profile(`p${i}`)));
  const boosts = new Float64Array(40);
  boosts[30] = 4;
  boosts[5] = 4;
  boosts[12] = 9.5;
  boosts[7] = 0.001; // rounds to no boost at all
  boosts[20] = -2;
  const all = Int32Array.from(entries.keys());
  const fast = rankEntries(entries, '', boosts);
  // With `within`, the same query goes through the full sort of every key.
  assert.deepEqual(Array.from(fast), Array.from(rankEntries(entries, '', boosts, all)));
  assert.deepEqual(Array.from(fast.slice(0, 4)), [12, 5, 30, 0]);
  assert.equal(fast[39], 20);
});

test('the narrow-text shortcut measures as string-width does, a character at a time and together', () => {
  const narrow = new RegExp(NARROW_TEXT_SOURCE);
  const segmenter = new Intl.Segmenter();
  let all = '';
  for (let cp = 0; cp <= 0xffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const ch = String.fromCodePoint(cp);
    if (!narrow.test(ch)) continue;
    all += ch;
    assert.equal(stringWidth(ch), 1, `U+${cp.toString(16)}`);
  }
  assert.ok(all.length > 350, String(all.length));
  assert.equal(stringWidth(all), all.length);
  assert.equal([...segmenter.segment(all)].length, all.length, 'each is a grapheme of its own');
  for (const text of ['awsx · pick a profile', '❯ ', '› prod', '↑↓ PgUp PgDn move · Enter assume', 'café…', '─┼─']) {
    assert.ok(narrow.test(text), text);
    assert.equal(stringWidth(text), text.length, text);
  }
  for (const text of ['👍', '©', '\u00ad', 'e\u0301', '世界', '‼']) assert.ok(!narrow.test(text), text);
});

test('the string-width patch applies to the pinned string-width, and only where the text is', () => {
  const source = '\tif (/^[\\u0020-\\u007E]*$/.test(string)) {\n\t\treturn string.length;\n\t}\n';
  const rgi = 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;';
  let text = `${rgi}\n${source}`;
  for (const [search, replacement] of STRING_WIDTH_PATCHES as [string, string][]) text = patchText(text, 'x.js', search, replacement);
  assert.match(text, /rgiEmojiCompiled \?\?=/);
  assert.match(text, /ambiguousIsNarrow && /);
  assert.throws(() => patchText('nothing here', 'x.js', rgi, ''), /no longer contains/);
});

interface Patch { readonly file: RegExp; readonly skip?: RegExp; readonly name: string; readonly version: string; readonly pairs: ReadonlyArray<readonly [string, string]> }

/** The installed file each patch is for (Ink's own string-width, yoga's two files). */
function installedFile(patch: Patch): string {
  const files: Record<string, string> = {
    'yoga-layout/index': join(REPO_ROOT, 'node_modules', 'yoga-layout', 'dist', 'src', 'index.js'),
    'yoga-layout/wasm': join(REPO_ROOT, 'node_modules', 'yoga-layout', 'dist', 'binaries', 'yoga-wasm-base64-esm.js'),
    ink: join(REPO_ROOT, 'node_modules', 'ink', 'build', 'reconciler.js'),
    'string-width': createRequire(join(REPO_ROOT, 'node_modules', 'ink', 'package.json')).resolve('string-width'),
  };
  const match = Object.values(files).filter((f) => patch.file.test(f) && !(patch.skip?.test(f) ?? false));
  assert.equal(match.length, 1, String(patch.file));
  return match[0]!;
}

test('each pick bundle patch edits only its text, in the version it was written for', () => {
  for (const patch of PATCHES as Patch[]) {
    const file = installedFile(patch);
    const { contents } = patchFile(file, patch.name, patch.version, patch.pairs);
    for (const [search, replacement] of patch.pairs) assert.ok(contents.includes(replacement), `${patch.name}: ${search}`);
    if (file.endsWith(join('src', 'index.js'))) {
      // The rest of yoga's entry is kept: an export it adds is not dropped.
      assert.match(contents, /^export \* from "\.\/generated\/YGEnums\.js";$/m);
      assert.match(contents, /^export const ready = /m);
    }
  }
});

test('a pick bundle patch refuses another version of its package', (t) => {
  const patch = (PATCHES as Patch[]).find((p) => p.name === 'string-width')!;
  const real = installedFile(patch);
  const copy = join(tempDir(t), 'node_modules', 'string-width');
  cpSync(dirname(real), copy, { recursive: true });
  writeFileSync(join(copy, 'package.json'), JSON.stringify({ name: 'string-width', version: '9.0.0' }));
  assert.throws(() => patchFile(join(copy, 'index.js'), patch.name, patch.version, patch.pairs), /written for string-width 8\.3\.0, and 9\.0\.0 is installed/);
});
