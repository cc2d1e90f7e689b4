// Runs a CommonJS bundle (dist/hot.js for `awsx env`, dist/pick.js for the picker) with a V8
// code cache, so that it is not compiled again on every start. Node 20 has no
// module.enableCompileCache; vm.Script takes cachedData and makes it (createCachedData),
// which, made after the code ran, also holds every function that run compiled.
// The cache is only ever used for the exact bytes it was made from: its file holds a copy of
// them, compared byte for byte (V8 itself checks only the source's length: data made from
// other source of the same length would run that other code). Its name carries the bundle's
// name and path and V8's version; it is read only from the private cache dir (privateCache.ts), where
// it was written atomically. V8 refuses data made by another version or under other flags
// (cachedDataRejected), and then, as when there is none, a new cache is made.
// V8 does not checksum the data itself in release builds: a caller that can afford hashing
// it passes `digest` (the picker does; `awsx env` cannot spend the 4 ms crypto costs to load).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname } from 'node:path';
import { Script } from 'node:vm';
import { readPrivateFile, writePrivateFile } from '../privateCache.ts';

const MAGIC = Buffer.from('AWSXV8C2');
const LENGTHS = 8;

export interface LoadedScript<T> {
  readonly exports: T;
  /** The bundle's bytes. */
  readonly source: Buffer;
  /** How the cache was found: used, absent (or unreadable), or refused by our checks or V8's. */
  readonly cache: 'used' | 'absent' | 'rejected';
  /** Writes the cache when it was not used; call it once the code worth caching has run. */
  saveCache(): void;
}

export interface CodeCacheOptions {
  /** A digest of the V8 data, stored with it and checked before V8 sees the data. */
  readonly digest?: (data: Uint8Array) => Buffer;
}

/** FNV-1a of a short string, as 8 hex digits: tells installs apart in a file name, nothing more. */
function nameHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Named after the bundle and where it is (two installs of awsx do not take turns rewriting one cache) and V8. */
export function cacheFileName(file: string): string {
  return `${cachePrefix(file)}v8-${process.versions.v8.replace(/[^\w.-]/g, '_')}-${process.arch}.v8cache`;
}

function cachePrefix(file: string): string {
  return `${basename(file, '.js')}-${nameHash(file)}-`;
}

// MAGIC | u32 source length | u32 digest length | source | digest | V8 data
function lengthsOf(source: Buffer, digest: Buffer): Buffer {
  const lengths = Buffer.alloc(LENGTHS);
  lengths.writeUInt32LE(source.length, 0);
  lengths.writeUInt32LE(digest.length, 4);
  return lengths;
}

/** The V8 data in a cache file, when it was made from exactly `source` and is intact. */
export function parseCacheFile(bytes: Buffer | undefined, source: Buffer, opts: CodeCacheOptions = {}): Buffer | undefined {
  const start = MAGIC.length + LENGTHS;
  if (bytes === undefined || bytes.length <= start || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const sourceLength = bytes.readUInt32LE(MAGIC.length);
  const digestLength = bytes.readUInt32LE(MAGIC.length + 4);
  const dataAt = start + sourceLength + digestLength;
  if (sourceLength !== source.length || dataAt >= bytes.length) return undefined;
  if (!bytes.subarray(start, start + sourceLength).equals(source)) return undefined;
  const data = bytes.subarray(dataAt);
  if (opts.digest !== undefined && !opts.digest(data).equals(bytes.subarray(start + sourceLength, dataAt))) return undefined;
  return data;
}

/** Compiles and runs `file` as CommonJS (module, exports, require of its own dir), with the cache in `cacheDir` if any. */
export function loadWithCodeCache<T>(file: string, cacheDir: string | undefined, opts: CodeCacheOptions = {}): LoadedScript<T> {
  const source = readFileSync(file);
  const name = cacheFileName(file);
  const found = cacheDir === undefined ? undefined : readPrivateFile(cacheDir, name);
  const cachedData = parseCacheFile(found, source, opts);
  // The same wrapper as Node's own CommonJS loader.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source.toString('utf8')}\n})`, {
    filename: file,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  const cache = cachedData === undefined ? (found === undefined ? 'absent' : 'rejected') : script.cachedDataRejected === true ? 'rejected' : 'used';
  const module = { exports: {} as T };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  let saved = cache === 'used';
  return {
    exports: module.exports,
    source,
    cache,
    saveCache() {
      if (saved || cacheDir === undefined) return;
      saved = true;
      const data = script.createCachedData();
      const digest = opts.digest?.(data) ?? Buffer.alloc(0);
      // Caches of this install under other V8 versions are of no more use.
      const prefix = cachePrefix(file);
      writePrivateFile(cacheDir, name, [MAGIC, lengthsOf(source, digest), source, digest, data], (other) => other.startsWith(prefix) && other.endsWith('.v8cache'));
    },
  };
}
