// `awsx pick` from the bundle: dist/pick.js (src/cli/pickBundle.ts) compiled with the code
// cache, and written back once the picker has drawn its first frame (so the cache holds the
// code of that frame), off the way of the frame itself. This file imports for the bundle,
// which has no import() of its own.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { loadWithCodeCache } from './codeCache.ts';
import type { PickBundle } from './pickBundle.ts';
import { cacheDirPath } from '../privateCache.ts';

const sha256 = (data: Uint8Array): Buffer => createHash('sha256').update(data).digest();

export function runPickBundle(argv: string[]): Promise<number> {
  const cacheDir = cacheDirPath();
  // The picker loads crypto anyway (its profile cache is keyed by hashes): its code cache
  // is checked against a hash of its V8 data too.
  const bundle = loadWithCodeCache<PickBundle>(join(__dirname, 'pick.js'), cacheDir, { digest: sha256 });
  return bundle.exports.run(argv, {
    cacheDir,
    bundleHash: sha256(bundle.source).toString('hex'),
    afterFirstFrame: () => bundle.saveCache(),
    // A real import(), from this file: in the bundle it would be a require(), which gives
    // conf's ES module namespace where its default export was expected.
    importConf: () => import('conf'),
  });
}
