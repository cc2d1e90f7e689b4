// Filtering and ordering the picker's profiles: the best fuzzy hit over name, account id,
// role ARN, region and description, plus the frecency boost; with no query, frecency
// alone, then the order the profiles were given in. Ranking keeps only scores (no
// positions, no objects per profile) so 10,000 profiles fit in a keystroke's 16 ms; the
// view asks for the matched positions of the few rows it shows.
import type { ProfileSummary } from '../../core/config/summary.ts';
import { NO_SCORE, charMask, fuzzyMatch, fuzzyScore } from '../fuzzy.ts';

export const SEARCH_FIELDS = ['name', 'accountId', 'roleArn', 'region', 'description'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/** A hit in the name beats the same hit elsewhere (indexed like SEARCH_FIELDS). */
const FIELD_PENALTY: readonly number[] = [0, 2, 4, 4, 6];

export interface SearchEntry {
  readonly summary: ProfileSummary;
  /** Per SEARCH_FIELDS: the text ('' when the profile has none), and its lower case. */
  readonly texts: readonly string[];
  readonly lower: readonly string[];
  /** charMask of each field. */
  readonly masks: readonly number[];
}

interface SearchIndex {
  readonly texts: readonly string[];
  readonly lower: readonly string[];
  readonly masks: readonly number[];
}

// The search fields are made on first use: the first frame (no query) reads only the
// summaries of the rows it shows, and the App makes the rest while the person reads it
// (warmSearchEntries), so neither the first frame nor the first keystroke waits for 10,000.
class LazySearchEntry implements SearchEntry {
  readonly summary: ProfileSummary;
  #index: SearchIndex | undefined;

  constructor(summary: ProfileSummary) {
    this.summary = summary;
  }

  get texts(): readonly string[] {
    return (this.#index ??= indexOf(this.summary)).texts;
  }

  get lower(): readonly string[] {
    return (this.#index ??= indexOf(this.summary)).lower;
  }

  get masks(): readonly number[] {
    return (this.#index ??= indexOf(this.summary)).masks;
  }
}

function indexOf(summary: ProfileSummary): SearchIndex {
  const texts = SEARCH_FIELDS.map((f) => summary[f] ?? '');
  const lower = texts.map((t) => t.toLowerCase());
  return { texts, lower, masks: lower.map(charMask) };
}

/** Makes the search fields of up to `count` entries from `from`; returns where it stopped. */
export function warmSearchEntries(entries: readonly SearchEntry[], from: number, count: number): number {
  const end = Math.min(entries.length, from + count);
  for (let i = from; i < end; i++) void entries[i]!.masks;
  return end;
}

export interface MatchDetail {
  readonly score: number;
  readonly field: SearchField;
  readonly positions: readonly number[];
}

export function toSearchEntry(summary: ProfileSummary): SearchEntry {
  return new LazySearchEntry(summary);
}

/** What the person typed, as the matcher reads it: lower case, spaces dropped. */
export function normalizeQuery(query: string): string {
  return query.toLowerCase().replace(/\s+/g, '');
}

/** The entry's best score over its fields (boost not included), or NO_SCORE. */
export function entryScore(entry: SearchEntry, query: string, queryMask: number = charMask(query)): number {
  let best = NO_SCORE;
  const { texts, lower, masks } = entry;
  for (let f = 0; f < FIELD_PENALTY.length; f++) {
    if ((masks[f]! & queryMask) !== queryMask || lower[f]!.length === 0) continue;
    const score = fuzzyScore(query, texts[f]!, lower[f]!) - FIELD_PENALTY[f]!;
    if (score > best) best = score;
  }
  return best;
}

/** Where and how the entry matches best: what the view highlights. */
export function matchDetail(entry: SearchEntry, query: string): MatchDetail | undefined {
  let best: MatchDetail | undefined;
  SEARCH_FIELDS.forEach((field, f) => {
    if (entry.lower[f]!.length === 0) return;
    const m = fuzzyMatch(query, entry.texts[f]!, entry.lower[f]!);
    if (m && (best === undefined || m.score - FIELD_PENALTY[f]! > best.score)) best = { score: m.score - FIELD_PENALTY[f]!, field, positions: m.positions };
  });
  return best;
}

// Sort keys: the score in 1/64ths (negated, so ascending order is best first), then the
// index, packed in one double so the native numeric sort does the work.
const INDEX_BITS = 2 ** 21;

/**
 * Indexes of the entries matching `query` (normalized), best first. `within` limits the
 * search to earlier matches: every hit of a longer query is a hit of its prefix.
 */
export function rankEntries(entries: readonly SearchEntry[], query: string, boosts: ArrayLike<number>,
  within?: ArrayLike<number>): Int32Array {
  if (query === '' && within === undefined) return byBoost(entries.length, boosts);
  const count = within ? within.length : entries.length;
  const keys = new Float64Array(count);
  const queryMask = charMask(query);
  let n = 0;
  for (let k = 0; k < count; k++) {
    const i = within ? within[k]! : k;
    const score = query === '' ? 0 : entryScore(entries[i]!, query, queryMask);
    if (score === NO_SCORE) continue;
    keys[n++] = -Math.round((score + (boosts[i] ?? 0)) * 64) * INDEX_BITS + i;
  }
  const sorted = keys.subarray(0, n).sort();
  const out = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const key = sorted[k]!;
    out[k] = key - Math.floor(key / INDEX_BITS) * INDEX_BITS;
  }
  return out;
}

/**
 * No query: the order of the sort keys above without sorting them all: the boosted entries
 * (the few in the pick history) by their boost, the others in their given order.
 */
function byBoost(count: number, boosts: ArrayLike<number>): Int32Array {
  const key = (i: number): number => Math.round((boosts[i] ?? 0) * 64);
  const boosted: number[] = [];
  for (let i = 0; i < count; i++) if (key(i) !== 0) boosted.push(i);
  boosted.sort((a, b) => key(b) - key(a) || a - b);
  const out = new Int32Array(count);
  let n = 0;
  let b = 0;
  for (; b < boosted.length && key(boosted[b]!) > 0; b++) out[n++] = boosted[b]!;
  for (let i = 0; i < count; i++) if (key(i) === 0) out[n++] = i;
  for (; b < boosted.length; b++) out[n++] = boosted[b]!;
  return out;
}
