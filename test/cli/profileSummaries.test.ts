// The picker's profile list and its cache: the same summaries as a fresh read, reused only
// while both files hold the same bytes (and for the same build), never cached for a file
// that does not parse, and refused when the cache file is broken.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUMMARY_CACHE_FILE, parseSummaries, readSummaries, serializeSummaries } from '../../src/cli/profileSummaries.ts';
import type { ProfileSummary } from '../../src/core/config/summary.ts';
import { tempDir } from '../helpers/tempDir.ts';

const CONFIG = [
  '[default]', 'region = us-east-1', '',
  '[profile prod]', 'role_arn = arn:aws:iam::123456789012:role/Admin', 'source_profile = base', 'mfa_serial = arn:aws:iam::111111111111:mfa/a',
  'description = Production · ünïcode', 'region =', '',
  '[profile dev]', 'credential_process = /bin/true', '',
].join('\n');
const CREDENTIALS = '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s\n';

function world(t: TestContext): { env: NodeJS.ProcessEnv; cache: { dir: string; version: string }; config: string } {
  const dir = tempDir(t);
  const config = join(dir, 'config');
  writeFileSync(config, CONFIG);
  writeFileSync(join(dir, 'credentials'), CREDENTIALS);
  return { env: { HOME: dir, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') }, cache: { dir: join(dir, 'cache'), version: 'build-1' }, config };
}

const read = (w: ReturnType<typeof world>, cache: { dir: string; version: string } | 'none' = w.cache) => readSummaries(cache === 'none' ? undefined : cache, w.env);

test('from the cache: the same summaries as from the files, sorted by name', (t) => {
  const w = world(t);
  const fresh = read(w);
  assert.equal(fresh.cached, false);
  assert.deepEqual(fresh.profiles.map((p) => p.name), ['base', 'default', 'dev', 'prod']);
  fresh.save();
  assert.equal(statSync(join(w.cache.dir, SUMMARY_CACHE_FILE)).mode & 0o777, 0o600);
  const again = read(w);
  assert.equal(again.cached, true);
  assert.deepEqual(again.profiles, fresh.profiles);
  const prod = again.profiles.find((p) => p.name === 'prod')!;
  assert.equal(prod.description, 'Production · ünïcode');
  assert.equal(prod.region, '', 'an empty value stays empty, not absent');
  assert.equal(prod.source, 'base');
  assert.equal(again.profiles.find((p) => p.name === 'dev')!.roleArn, undefined);
});

test('an edit, another file, another build or no cache dir: read from the files again', (t) => {
  const w = world(t);
  read(w).save();
  writeFileSync(w.config, `${CONFIG}\n[profile added]\nregion = eu-west-1\n`);
  const edited = read(w);
  assert.equal(edited.cached, false);
  assert.ok(edited.profiles.some((p) => p.name === 'added'));
  edited.save();
  assert.equal(read(w).cached, true);
  assert.equal(read(w, { ...w.cache, version: 'build-2' }).cached, false);
  assert.equal(read(w, 'none').cached, false);
  const moved = join(w.env.HOME!, 'config2');
  writeFileSync(moved, readFileSync(w.config));
  assert.equal(readSummaries(w.cache, { ...w.env, AWS_CONFIG_FILE: moved }).cached, false, 'the path is part of the key');
});

test('a file edited between the read and the save is not cached', (t) => {
  const w = world(t);
  const first = read(w);
  writeFileSync(w.config, `${CONFIG}\n[profile late]\n`);
  first.save();
  assert.equal(read(w).cached, false);
});

test('a config that does not parse is reported as before, and never cached', (t) => {
  const w = world(t);
  writeFileSync(w.config, '[profile broken\nregion = x\n');
  assert.throws(() => read(w), /ConfigParseError|line 1/);
  assert.throws(() => read(w), /ConfigParseError|line 1/);
});

test('a broken or foreign cache file is refused', (t) => {
  const w = world(t);
  read(w).save();
  const path = join(w.cache.dir, SUMMARY_CACHE_FILE);
  const good = readFileSync(path, 'utf8');
  for (const bad of [good.slice(0, -3), good.replace('assume-role', 'bogus-kind'), `x${good}`, good.replace(/\0/, '\0\0'), '']) {
    writeFileSync(path, bad);
    assert.equal(read(w).cached, false, JSON.stringify(bad.slice(0, 40)));
  }
  writeFileSync(path, good);
  chmodSync(path, 0o644);
  assert.equal(read(w).cached, false, 'a file others can read is not ours to trust');
});

test('serialize and parse: values with newlines and every field absent or present', () => {
  const rows: ProfileSummary[] = [
    { name: 'a\nb', kind: 'none', roleArn: undefined, accountId: undefined, roleName: undefined, source: undefined, region: undefined, mfaSerial: undefined, description: 'two\nlines' },
    { name: 'x', kind: 'assume-role', roleArn: 'arn', accountId: '1', roleName: 'r', source: 's', region: '', mfaSerial: 'm', description: undefined },
  ];
  const text = serializeSummaries(rows, 'k')!;
  assert.deepEqual(parseSummaries(Buffer.from(text), 'k'), rows);
  assert.equal(parseSummaries(Buffer.from(text), 'other key'), undefined);
  assert.deepEqual(parseSummaries(Buffer.from(serializeSummaries([], 'k')!), 'k'), []);
  assert.equal(serializeSummaries([{ ...rows[1]!, name: 'nul\0' }], 'k'), undefined);
});
