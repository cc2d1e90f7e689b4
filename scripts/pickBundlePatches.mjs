// Build-time changes to three of Ink's dependencies, for dist/pick.js (scripts/build.mjs).
// Each is an exact edit of text in the version it was written for: the build fails when the
// installed version is another one, or when the text is not there exactly once, so an
// upgrade is looked at again rather than silently unpatched. Each says when it can go.
// test/tui/pickBundle.test.ts runs the patched bundle (the picker's first frame needs all
// of them); test/tui/pickStartup.test.ts holds the string-width shortcut to string-width.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Text that string-width measures as its length without segmenting it: printable ASCII,
 * Latin-1 letters and signs, general punctuation, the four arrows, box drawing and the
 * heavy angle quotes the picker draws. Every one of these code points is a grapheme of its
 * own (none extends, joins or prepends), narrow, and no emoji (© ® ‼ ⁉, the soft hyphen
 * and the invisible format characters are left out). test/tui/bundlePatches.test.ts checks
 * each of them against string-width itself.
 */
export const NARROW_TEXT_SOURCE =
  '^[\\u0020-\\u007E\\u00A0-\\u00A8\\u00AA-\\u00AC\\u00AF-\\u00FF\\u2010-\\u2027\\u2030-\\u203B\\u203D-\\u2048\\u204A-\\u205E\\u2190-\\u2193\\u2500-\\u257F\\u276E\\u276F]*$';

/** Replaces `search` (which must occur exactly once) in a dependency's file. */
export function patchText(text, file, search, replacement) {
  const at = text.indexOf(search);
  if (at === -1 || text.indexOf(search, at + 1) !== -1) {
    throw new Error(`build: ${file} no longer contains ${JSON.stringify(search)} exactly once; update scripts/pickBundlePatches.mjs`);
  }
  return text.slice(0, at) + replacement + text.slice(at + search.length);
}

/** The version in the package.json of the package that owns `path` (…/node_modules/NAME/…). */
function packageVersion(path, name) {
  const marker = `${join('node_modules', name)}/`;
  const at = path.lastIndexOf(marker);
  if (at === -1) throw new Error(`build: ${path} is not in a ${name} package`);
  return JSON.parse(readFileSync(join(path.slice(0, at + marker.length), 'package.json'), 'utf8')).version;
}

/** `pairs` applied to the file, which must belong to `name` at exactly `version`. */
export function patchFile(path, name, version, pairs) {
  const found = packageVersion(path, name);
  if (found !== version) {
    throw new Error(`build: scripts/pickBundlePatches.mjs was written for ${name} ${version}, and ${found} is installed: check its patches against the new text`);
  }
  let text = readFileSync(path, 'utf8');
  for (const [search, replacement] of pairs) text = patchText(text, path, search, replacement);
  return { contents: text, loader: 'js' };
}

// string-width 8 (Ink's text measuring; Ink asks for ^8.1.1, the lock file has 8.3.0)
// compiles /^\p{RGI_Emoji}$/v when it loads: about 25 ms, for a regex that only text
// outside its ASCII fast path needs. Compiled on first use instead, with a second fast path
// for the narrow text above, which is all the picker's own chrome (·, ❯, ›, ↑↓, …) and most
// profile names. Goes when string-width compiles that regex lazily itself (or V8 compiles
// /v Unicode property sets fast).
export const STRING_WIDTH_PATCHES = [
  ['const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;', 'let rgiEmojiCompiled;\nconst rgiEmojiRegex = {test: (text) => (rgiEmojiCompiled ??= /^\\p{RGI_Emoji}$/v).test(text)};'],
  [
    '\tif (/^[\\u0020-\\u007E]*$/.test(string)) {\n\t\treturn string.length;\n\t}\n',
    `\tif (/^[\\u0020-\\u007E]*$/.test(string)) {\n\t\treturn string.length;\n\t}\n\n\tif (ambiguousIsNarrow && /${NARROW_TEXT_SOURCE}/.test(string)) {\n\t\treturn string.length;\n\t}\n`,
  ],
];

/**
 * A CommonJS bundle cannot hold a top-level await, and two modules under Ink use one:
 * - yoga-layout awaits its WebAssembly at import. Here it exports `ready` instead, which
 *   the picker awaits before its first render (src/tui/layoutReady.ts); Ink reads `Yoga`
 *   only when it renders, through the live binding (`export { Yoga as default }`). The
 *   rest of the file stays as it is. Goes when yoga-layout (or Ink's use of it) has no
 *   top-level await, or when dist/pick.js can be an ES module (a code cache for ESM:
 *   module.enableCompileCache, Node 22.1+, once Node 20 is no longer supported).
 * - Ink's reconciler awaits React devtools when DEV=true, and its package.json for the
 *   devtools' name: neither is in this bundle. Goes with the yoga patch (same reason).
 * yoga's loader would also fetch() its own inline data: URL, which loads Node's whole fetch
 * implementation (undici, 30+ ms); without fetch it decodes the same bytes itself. A
 * `const fetch` of the module's own hides the global one from that file alone (esbuild
 * renames it within the bundle; no other module loses the real fetch). Goes when
 * yoga-layout stops fetching its inline binary (or Node's fetch is cheap to load).
 */
export const PATCHES = [
  {
    file: /[\\/]yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/, name: 'yoga-layout', version: '3.2.1',
    pairs: [
      ['const Yoga = wrapAssembly(await loadYoga());', 'let Yoga;\nexport const ready = loadYoga().then((loaded) => { Yoga = wrapAssembly(loaded); });'],
      ['export default Yoga;', 'export { Yoga as default };'],
    ],
  },
  {
    file: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/, name: 'yoga-layout', version: '3.2.1',
    pairs: [
      ['\nvar loadYoga = (() => {', '\nconst fetch = undefined;\nvar loadYoga = (() => {'],
      // Unchanged, checked: the two places that choose fetch, which both take the
      // synchronous path once it is undefined.
      ['function ya(){return w||"function"!=typeof fetch?Promise.resolve()', 'function ya(){return w||"function"!=typeof fetch?Promise.resolve()'],
      ['||"function"!=typeof fetch?c(b):fetch(H,', '||"function"!=typeof fetch?c(b):fetch(H,'],
    ],
  },
  {
    file: /[\\/]ink[\\/]build[\\/]reconciler\.js$/, name: 'ink', version: '6.8.0',
    pairs: [
      ["await import('./devtools.js');", 'void 0;'],
      ['? await loadPackageJson()', '? { name: undefined, version: undefined }'],
    ],
  },
  // Ink's own string-width (8), not the older copy wrap-ansi keeps for itself.
  { file: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/, skip: /[\\/]wrap-ansi[\\/]node_modules[\\/]/, name: 'string-width', version: '8.3.0', pairs: STRING_WIDTH_PATCHES },
];

export const pickBundlePatches = {
  name: 'pick-bundle-patches',
  setup(build) {
    for (const patch of PATCHES) {
      build.onLoad({ filter: patch.file }, (args) =>
        patch.skip?.test(args.path) ? undefined : patchFile(args.path, patch.name, patch.version, patch.pairs));
    }
  },
};
