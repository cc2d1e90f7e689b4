// The picker's fuzzy matcher: the query's characters in order (a subsequence), scored so
// that word starts and runs of adjacent characters win (fzf's scheme, simplified to a
// linear scan: 10,000 profiles are filtered on every keystroke within 16 ms). Returns the
// matched character positions so the view can highlight them.

export interface FuzzyMatch {
  readonly score: number;
  /** Indexes into the text, ascending. */
  readonly positions: readonly number[];
}

const MATCH = 16;
/** The text's first character. */
const START = 10;
/** After a separator (`-`, `_`, `/`, `:`, `.`, space...). */
const BOUNDARY = 8;
/** A lower-to-upper or letter-to-digit step: `MyRole`, `Role7`. */
const CAMEL = 7;
/** Inside a run, each character scores at least this much. */
const CONSECUTIVE = 4;
const GAP_START = 3;
const GAP_EXTENSION = 1;
/** The query is the whole text. */
const EXACT = 20;

export const SCORE = {
  match: MATCH, start: START, boundary: BOUNDARY, camel: CAMEL, consecutive: CONSECUTIVE,
  gapStart: GAP_START, gapExtension: GAP_EXTENSION, exact: EXACT,
} as const;

const NO_MATCH: FuzzyMatch = { score: 0, positions: [] };

/**
 * The letters and digits of a text as bits (a-z, then 0-9 folded onto 6 bits): a text
 * whose mask lacks a bit of the query's cannot match, which skips most fields at once.
 */
export function charMask(lower: string): number {
  let mask = 0;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c >= 97 && c <= 122) mask |= 1 << (c - 97);
    else if (c >= 48 && c <= 57) mask |= 1 << (26 + ((c - 48) % 6));
  }
  return mask;
}

/** fuzzyScore's answer for no match (a real score can be negative: long gaps cost). */
export const NO_SCORE = Number.NEGATIVE_INFINITY;

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

/** What a match at `i` earns on its own: text start, word start, case or digit step. */
export function positionBonus(text: string, i: number): number {
  if (i === 0) return START;
  const prev = text.charCodeAt(i - 1);
  const cur = text.charCodeAt(i);
  if (!isAlnum(prev) && isAlnum(cur)) return BOUNDARY;
  if ((isLower(prev) && cur >= 65 && cur <= 90) || (!isDigit(prev) && isAlnum(prev) && isDigit(cur))) return CAMEL;
  return 0;
}

/** The score of matching at `positions[0..count)` of `text`. */
export function scorePositions(text: string, positions: ArrayLike<number>, count: number = positions.length): number {
  let score = 0;
  let runBonus = 0;
  for (let k = 0; k < count; k++) {
    const pos = positions[k]!;
    let bonus = positionBonus(text, pos);
    if (k > 0 && pos === positions[k - 1]! + 1) {
      // A run keeps the bonus of where it started: "prod" in "team-prod" is a word hit throughout.
      bonus = Math.max(bonus, runBonus, CONSECUTIVE);
    } else {
      if (k > 0) score -= GAP_START + GAP_EXTENSION * (pos - positions[k - 1]! - 2);
      runBonus = bonus;
    }
    score += MATCH + (k === 0 ? bonus * 2 : bonus);
  }
  return score;
}

function substringAt(lower: string, query: string, text: string): number {
  let first = -1;
  for (let i = lower.indexOf(query); i !== -1; i = lower.indexOf(query, i + 1)) {
    if (positionBonus(text, i) > 0) return i;
    if (first === -1) first = i;
  }
  return first;
}

// Positions of the last match, reused so that ranking 10,000 profiles allocates nothing.
let scratch = new Int32Array(64);

/**
 * Scores `query` (already lower-case) against `text`, whose lower-case form is `lower`,
 * leaving the matched positions in `scratch`; NO_SCORE when it does not match. A contiguous
 * occurrence is preferred (at a word start if there is one); otherwise the tightest
 * window that holds the subsequence, found by scanning forward for its end and back for
 * its start.
 */
export function fuzzyScore(query: string, text: string, lower: string): number {
  const m = query.length;
  if (m === 0) return 0;
  if (m > lower.length) return NO_SCORE;
  if (scratch.length < m) scratch = new Int32Array(m * 2);
  const at = substringAt(lower, query, text);
  if (at !== -1) {
    for (let k = 0; k < m; k++) scratch[k] = at + k;
    return scorePositions(text, scratch, m) + (m === lower.length ? EXACT : 0);
  }
  let q = 0;
  let end = -1;
  for (let i = 0; i < lower.length; i++) {
    if (lower.charCodeAt(i) === query.charCodeAt(q) && ++q === m) {
      end = i;
      break;
    }
  }
  if (end === -1) return NO_SCORE;
  q = m - 1;
  for (let i = end; q >= 0; i--) {
    if (lower.charCodeAt(i) === query.charCodeAt(q)) scratch[q--] = i;
  }
  return scorePositions(text, scratch, m);
}

/** The score and matched positions of `query` in `text`, or undefined. */
export function fuzzyMatch(query: string, text: string, lower: string = text.toLowerCase()): FuzzyMatch | undefined {
  if (query.length === 0) return NO_MATCH;
  const score = fuzzyScore(query, text, lower);
  return score === NO_SCORE ? undefined : { score, positions: Array.from(scratch.subarray(0, query.length)) };
}
