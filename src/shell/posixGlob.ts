// Hardening of POSIX output for the UNQUOTED form, `eval $(awsx env p)`.
//
// Why: there the shell splits our output into fields at every space, tab and newline and
// runs pathname expansion on each field BEFORE eval joins them back with single spaces.
// Single quotes do not protect anything at that stage. A value such as
// `x* ; touch PWNED ; *y` leaves the fields `A='x*` and `*y';` around `touch PWNED`: with
// bash's nullglob (no match) they vanish and eval runs `export ; touch PWNED ;`. Without
// nullglob, a file in the working directory whose name matches a field (a cloned
// repository can ship one, e.g. `'; touch PWNED; '` for a lone `*`) is pasted into the
// code instead. Extglob (`+(…)`, `@(…)`, `!(…)`, on in most interactive
// bash setups through bash-completion) turns `(` into a pattern character too.
//
// So no glob character ever appears where a pattern could match: each is read from a
// helper variable, assigned by a `for` loop whose word starts with `/dev/null/`. That word
// can match no file (nothing lives under a non-directory), so it is left as is, dropped
// (nullglob: the loop becomes a syntax error and eval runs nothing) or refused (failglob).
// What remains: runs of spaces, tabs and newlines inside a value come out as one space in
// the unquoted form (word splitting), never as code. zsh does not glob the result of `$(…)`
// unless GLOB_SUBST is set (as under `emulate sh`); that case is not covered.
import { quotePosix } from './quote.ts';

const GLOB_CHARS = new Set(['*', '?', '[', '(']);

function isGlobChar(c: string): boolean {
  return GLOB_CHARS.has(c);
}

/** The helper holding one glob character: `__awsx_2a` for `*`. */
function helperName(c: string): string {
  return `__awsx_${c.charCodeAt(0).toString(16)}`;
}

/**
 * One POSIX word with the value of `value`, safe in `eval "$(…)"` and `eval $(…)` alike,
 * provided `globHelpers` of the same values ran first.
 */
export function posixWord(value: string): string {
  const words: string[] = [];
  let run = '';
  for (const c of value) {
    if (!isGlobChar(c)) {
      run += c;
      continue;
    }
    if (run !== '') words.push(quotePosix(run));
    run = '';
    words.push(`"\${${helperName(c)}#/dev/null/}"`);
  }
  if (run !== '' || words.length === 0) words.push(quotePosix(run));
  return words.join('');
}

/** Lines defining the helpers `posixWord` uses for these values, and the line removing them. */
export function globHelpers(values: Iterable<string>): { define: string[]; cleanup: string[] } {
  const used = new Set<string>();
  for (const value of values) for (const c of value) if (isGlobChar(c)) used.add(c);
  const chars = [...used].sort();
  if (chars.length === 0) return { define: [], cleanup: [] };
  return {
    define: chars.map((c) => `for ${helperName(c)} in /dev/null/${quotePosix(c)}; do :; done;`),
    cleanup: [`unset ${chars.map(helperName).join(' ')};`],
  };
}
