// Build-time changes to three of Ink's dependencies, for dist/pick.js (scripts/build.mjs).
// Each replaces exact text of a pinned version and fails the build when that text is gone,
// so an upgrade is looked at again rather than silently unpatched.
import { readFileSync } from 'node:fs';

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

function patchFile(path, pairs) {
  let text = readFileSync(path, 'utf8');
  for (const [search, replacement] of pairs) text = patchText(text, path, search, replacement);
  return { contents: text, loader: 'js' };
}

// string-width 8 (Ink's text measuring) compiles /^\p{RGI_Emoji}$/v when it loads: about
// 25 ms, for a regex that only text outside its ASCII fast path needs. Compiled on first
// use instead, with a second fast path for the narrow text above, which is all the
// picker's own chrome (·, ❯, ›, ↑↓, …) and most profile names.
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
 *   only when it renders, through the live binding.
 * - Ink's reconciler awaits React devtools when DEV=true: not in this bundle.
 * yoga's loader would also fetch() its own inline data: URL, which loads Node's whole fetch
 * implementation (undici, 30+ ms); without fetch it decodes the same bytes itself.
 */
export const pickBundlePatches = {
  name: 'pick-bundle-patches',
  setup(build) {
    build.onLoad({ filter: /[\\/]yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/ }, (args) => {
      patchFile(args.path, [['const Yoga = wrapAssembly(await loadYoga());', '']]);
      return {
        contents: [
          "import loadYoga from '../binaries/yoga-wasm-base64-esm.js';",
          "import wrapAssembly from './wrapAssembly.js';",
          'let Yoga;',
          'export const ready = loadYoga().then((loaded) => { Yoga = wrapAssembly(loaded); });',
          'export { Yoga as default };',
          "export * from './generated/YGEnums.js';",
        ].join('\n'),
        loader: 'js',
      };
    });
    build.onLoad({ filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, (args) => {
      const { contents } = patchFile(args.path, [['function ya(){return w||"function"!=typeof fetch?', 'function ya(){return w||"function"!=typeof fetch?']]);
      // Its own name, so no other module of the bundle loses the real fetch.
      return { contents: `const yogaNoFetch = undefined;\n${contents.replace(/\bfetch\b/g, 'yogaNoFetch')}`, loader: 'js' };
    });
    build.onLoad({ filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/ }, (args) => patchFile(args.path, [
      ["await import('./devtools.js');", 'void 0;'],
      ['? await loadPackageJson()', '? { name: undefined, version: undefined }'],
    ]));
    // Ink's own string-width (8), not the older copy wrap-ansi keeps for itself.
    build.onLoad({ filter: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/ }, (args) =>
      /[\\/]wrap-ansi[\\/]node_modules[\\/]/.test(args.path) ? undefined : patchFile(args.path, STRING_WIDTH_PATCHES));
  },
};
