// The bundles' V8 code cache and the private cache dir it lives in: made once and used
// after, only for the very bytes it was made from, and only from a 0700 dir of ours as a
// 0600 file; a stale, corrupt, foreign or loose cache is ignored (and made anew), never
// an error.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheFileName, loadWithCodeCache } from '../../src/cli/boot/codeCache.ts';
import { cacheDirPath, readPrivateFile, writePrivateFile } from '../../src/cli/privateCache.ts';
import { tempDir } from '../helpers/tempDir.ts';

const SOURCE = `'use strict';
function square(n) { return n * n; }
module.exports = { answer: square(6) + 6, dir: __dirname, file: __filename, hasRequire: typeof require('node:path').join };
`;

function bundle(t: TestContext, source = SOURCE): { file: string; cache: string } {
  const dir = tempDir(t);
  const file = join(dir, 'pick.js');
  writeFileSync(file, source);
  return { file, cache: join(dir, 'cache', 'awsx') };
}

type Exports = { answer: number; dir: string; file: string; hasRequire: string };

const CODE_CACHE = new URL('../../src/cli/boot/codeCache.ts', import.meta.url).href;
const sha256 = (data: Uint8Array): Buffer => createHash('sha256').update(data).digest();

/** A load in a fresh process: V8's in-process compilation cache would otherwise answer for the cache. */
function loadInChild(file: string, cache: string, save = false): { cache: string; answer: number } {
  const script = `const { loadWithCodeCache } = await import(${JSON.stringify(CODE_CACHE)});
    const b = loadWithCodeCache(${JSON.stringify(file)}, ${JSON.stringify(cache)});
    if (${save}) b.saveCache();
    console.log(JSON.stringify({ cache: b.cache, answer: b.exports.answer }));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { cache: string; answer: number };
}

function cacheFiles(cache: string): string[] {
  return readdirSync(cache).filter((f) => f.endsWith('.v8cache'));
}

test('the bundle runs as CommonJS; the cache is made after it ran, then used', (t) => {
  const { file, cache } = bundle(t);
  const first = loadWithCodeCache<Exports>(file, cache);
  assert.deepEqual(first.exports, { answer: 42, dir: join(file, '..'), file, hasRequire: 'function' });
  assert.equal(first.cache, 'absent');
  first.saveCache();
  first.saveCache(); // once is enough
  const [name] = cacheFiles(cache);
  assert.equal(name, cacheFileName(file));
  assert.equal(statSync(cache).mode & 0o777, 0o700);
  assert.equal(statSync(join(cache, name!)).mode & 0o777, 0o600);

  const second = loadWithCodeCache<Exports>(file, cache);
  assert.equal(second.cache, 'used');
  assert.equal(second.exports.answer, 42);
  second.saveCache();
  assert.deepEqual(cacheFiles(cache), [name], 'a used cache is not written again');
  assert.deepEqual(loadInChild(file, cache), { cache: 'used', answer: 42 }, 'V8 takes it in a new process');
});

test('another bundle: its cache is made anew in place of the old one', (t) => {
  const { file, cache } = bundle(t);
  loadWithCodeCache<Exports>(file, cache).saveCache();
  writeFileSync(file, SOURCE.replace('+ 6', '+ 7'));
  const next = loadWithCodeCache<Exports>(file, cache);
  assert.equal(next.cache, 'rejected', 'never the cache of other bytes');
  assert.equal(next.exports.answer, 43);
  next.saveCache();
  assert.deepEqual(cacheFiles(cache), [cacheFileName(file)]);
  assert.deepEqual(loadInChild(file, cache), { cache: 'used', answer: 43 });
  const otherV8 = cacheFileName(file).replace(/-v8-.*$/, '-v8-0.0.0-x64.v8cache');
  const otherInstall = cacheFileName(join(file, '..', 'elsewhere', 'pick.js'));
  for (const name of [otherV8, otherInstall]) writeFileSync(join(cache, name), 'x', { mode: 0o600 });
  writeFileSync(file, SOURCE.replace('+ 6', '+ 8'));
  loadWithCodeCache<Exports>(file, cache).saveCache();
  assert.deepEqual(cacheFiles(cache).sort(), [cacheFileName(file), otherInstall].sort(), 'this install\'s caches of other V8 versions are removed, another install\'s kept');
});

test('a corrupt cache is refused before V8 sees it, when its data has a digest', (t) => {
  const { file, cache } = bundle(t);
  loadWithCodeCache<Exports>(file, cache, { digest: sha256 }).saveCache();
  const path = join(cache, cacheFiles(cache)[0]!);
  const bytes = readFileSync(path);
  bytes.writeUInt8(bytes.readUInt8(bytes.length - 10) ^ 0xff, bytes.length - 10);
  writeFileSync(path, bytes);
  const again = loadWithCodeCache<Exports>(file, cache, { digest: sha256 });
  assert.equal(again.cache, 'rejected');
  assert.equal(again.exports.answer, 42);
  again.saveCache();
  assert.equal(loadWithCodeCache<Exports>(file, cache, { digest: sha256 }).cache, 'used');
  // Cut short: refused by its lengths, digest or not.
  writeFileSync(path, readFileSync(path).subarray(0, 30));
  assert.equal(loadWithCodeCache<Exports>(file, cache).cache, 'rejected');
});

// Another Node major is another V8: its cache file has another name, but a cache dir shared
// by two installs of Node must not depend on that. V8's data starts with a magic number and
// the hash of the V8 version that made it (offset 4); changed, it reads as another V8's.
test('data made by another V8 under this V8\'s name: V8 refuses it, the bundle runs, the cache is made anew', (t) => {
  const { file, cache } = bundle(t);
  loadInChild(file, cache, true);
  const path = join(cache, cacheFiles(cache)[0]!);
  const bytes = readFileSync(path);
  const dataAt = 16 + readFileSync(file).length; // no digest
  bytes.writeUInt32LE((bytes.readUInt32LE(dataAt + 4) ^ 0x5a5a5a5a) >>> 0, dataAt + 4);
  writeFileSync(path, bytes);
  assert.deepEqual(loadInChild(file, cache, true), { cache: 'rejected', answer: 42 });
  assert.deepEqual(loadInChild(file, cache), { cache: 'used', answer: 42 }, 'made anew by this V8');
});

// V8 checks cached data against the source's length only: data made from other source of the
// same length is taken, and its code runs instead. The copy of the exact bytes in the cache
// file is what stops that.
test('a cache made from other bytes is refused, though V8 alone would take it', (t) => {
  const { file, cache } = bundle(t);
  const sameLength = bundle(t, SOURCE.replace('+ 6', '+ 7'));
  loadInChild(sameLength.file, sameLength.cache, true);
  const foreign = readFileSync(join(sameLength.cache, cacheFiles(sameLength.cache)[0]!));
  writePrivateFile(cache, cacheFileName(file), [foreign]);
  assert.deepEqual(loadInChild(file, cache), { cache: 'rejected', answer: 42 }, 'the stored bytes are the other bundle\'s');
  // Its stored copy made to read as ours: V8 takes the data, and runs the other code.
  const source = readFileSync(file);
  const forged = Buffer.from(foreign);
  source.copy(forged, 16);
  writePrivateFile(cache, cacheFileName(file), [forged]);
  assert.deepEqual(loadInChild(file, cache), { cache: 'used', answer: 43 });
});

test('only a private dir and private files of ours are read; a loose dir is neither read nor written', (t) => {
  const { file, cache } = bundle(t);
  loadWithCodeCache<Exports>(file, cache).saveCache();
  const name = cacheFiles(cache)[0]!;
  chmodSync(join(cache, name), 0o644);
  assert.equal(loadWithCodeCache<Exports>(file, cache).cache, 'absent', 'a file others can read');
  chmodSync(join(cache, name), 0o600);
  chmodSync(cache, 0o755);
  assert.equal(loadWithCodeCache<Exports>(file, cache).cache, 'absent', 'a dir others can enter');
  const loose = loadWithCodeCache<Exports>(file, cache);
  writeFileSync(join(cache, name), 'old');
  chmodSync(join(cache, name), 0o600);
  loose.saveCache();
  assert.equal(readFileSync(join(cache, name), 'utf8'), 'old', 'nothing written into a loose dir');
});

test('a symlink in the cache dir is not followed', (t) => {
  const { file, cache } = bundle(t);
  loadWithCodeCache<Exports>(file, cache).saveCache();
  const name = cacheFiles(cache)[0]!;
  const real = join(cache, 'elsewhere');
  writeFileSync(real, readFileSync(join(cache, name)), { mode: 0o600 });
  const link = join(cache, 'link');
  symlinkSync(real, link);
  assert.equal(readPrivateFile(cache, 'elsewhere')?.length, statSync(real).size);
  assert.equal(readPrivateFile(cache, 'link'), undefined);
});

test('writes are whole or nothing: a temporary file renamed into place, none left behind', (t) => {
  const dir = join(tempDir(t), 'a', 'b');
  assert.equal(writePrivateFile(dir, 'x', [Buffer.from('one'), Buffer.from('two')]), true);
  assert.equal(readPrivateFile(dir, 'x')?.toString(), 'onetwo');
  assert.deepEqual(readdirSync(dir), ['x']);
  assert.equal(statSync(dir).mode & 0o777, 0o700);
});

test('a cache dir that cannot be made is given up at once (Node\'s recursive mkdir loops under /proc)', { skip: process.platform !== 'linux' }, () => {
  assert.equal(writePrivateFile('/proc/awsx-no-such-dir/awsx', 'x', [Buffer.from('x')]), false);
  assert.equal(readPrivateFile('/proc/awsx-no-such-dir/awsx', 'x'), undefined);
});

test('the cache dir: XDG_CACHE_HOME when absolute, else ~/.cache', () => {
  assert.equal(cacheDirPath({ XDG_CACHE_HOME: '/c' }, '/home/u'), '/c/awsx');
  assert.equal(cacheDirPath({ XDG_CACHE_HOME: 'relative' }, '/home/u'), '/home/u/.cache/awsx');
  assert.equal(cacheDirPath({}, '/home/u'), '/home/u/.cache/awsx');
  assert.equal(cacheDirPath({}, ''), undefined);
});
