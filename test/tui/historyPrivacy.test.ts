// docs/security.md test 54 (issue 17, item 8): the picker history (profile names and when
// each was used) is private: written 0600 in a 0700 dir under umask 022, where conf's own
// defaults would give 0644 and 0755, and an older history made that way is made private.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { openConfHistory } from '../../src/tui/historyStore.ts';
import { tempDir } from '../helpers/tempDir.ts';

const modeOf = (path: string): string => (statSync(path).mode & 0o777).toString(8);

async function underUmask022<T>(run: () => Promise<T>): Promise<T> {
  const saved = process.umask(0o022);
  try {
    return await run();
  } finally {
    process.umask(saved);
  }
}

test('the picker history is created 0600 in a 0700 dir under umask 022, and an existing 0644 one in a 0755 dir is made private (security 54)', async (t) => {
  const fresh = join(tempDir(t), 'config', 'awsx');
  await underUmask022(async () => (await openConfHistory({ cwd: fresh })).record('prod', 1));
  const file = join(fresh, 'picker-history.json');
  assert.deepEqual([modeOf(fresh), modeOf(file)], ['700', '600']);
  assert.equal(modeOf(dirname(fresh)), '755', 'only awsx\'s own dir is made private');

  const old = join(tempDir(t), 'awsx');
  mkdirSync(old, { mode: 0o755 });
  writeFileSync(join(old, 'picker-history.json'), '{"picks":[]}');
  chmodSync(old, 0o755);
  chmodSync(join(old, 'picker-history.json'), 0o644);
  const store = await underUmask022(() => openConfHistory({ cwd: old }));
  assert.deepEqual([modeOf(old), modeOf(join(old, 'picker-history.json'))], ['700', '600'], 'made private when opened');
  store.record('dev', 2);
  assert.equal(modeOf(join(old, 'picker-history.json')), '600', 'and stays private when written');
});
