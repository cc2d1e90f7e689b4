// The daemon's config cache keeps the last good config (docs/security.md T14, test 24):
// files that stop parsing are served from the version that parsed, logged once per version,
// and reported to every caller; files that never parsed fail the request; SIGHUP re-reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigCache } from '../../src/daemon/configCache.ts';
import { tempDir } from '../helpers/tempDir.ts';

test('a config that stops parsing: the last good one is served, the error logged once and reported, until the file parses again (security 24)', (t) => {
  const home = tempDir(t);
  mkdirSync(join(home, '.aws'));
  const config = join(home, '.aws', 'config');
  const logged: string[] = [];
  const cache = new ConfigCache({ info: (m) => logged.push(`info ${m}`), error: (m) => logged.push(`error ${m}`) });
  const env = { HOME: home };
  writeFileSync(config, '[profile broken\n');
  assert.throws(() => cache.load(env, home), /config, line 1/, 'never parsed: nothing to fall back on');

  writeFileSync(config, '[profile a]\nregion = eu-west-1\n');
  assert.deepEqual([...cache.load(env, home).profiles.keys()], ['a']);
  assert.equal(cache.staleWarning(env, home), undefined);

  writeFileSync(config, '[profile a]\nregion = eu-west-1\n[profile b]\nregion\n');
  for (let i = 0; i < 3; i++) assert.deepEqual([...cache.load(env, home).profiles.keys()], ['a']);
  assert.match(cache.staleWarning(env, home)!, /config, line 4: .*; until it is fixed, awsx uses the version it read at \d{4}-/);
  assert.equal(logged.filter((l) => l.startsWith('error')).length, 1);

  cache.clear(); // SIGHUP: read again, still broken, logged again, the good one still served
  assert.deepEqual([...cache.load(env, home).profiles.keys()], ['a']);
  assert.equal(logged.filter((l) => l.startsWith('error')).length, 2);

  writeFileSync(config, '[profile a]\nregion = eu-west-1\n[profile b]\nregion = us-east-1\n');
  assert.deepEqual([...cache.load(env, home).profiles.keys()], ['a', 'b']);
  assert.equal(cache.staleWarning(env, home), undefined);
  assert.match(logged.at(-1)!, /^info config .*: parses again$/);
});
