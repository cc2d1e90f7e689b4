// The picker's state and its pure reducer: the query, the ranked matches, the cursor and
// the scrolled window. Ranking happens here, once per query change, never per render.
import type { ProfileSummary } from '../../core/config/summary.ts';
import { normalizeQuery, rankEntries, toSearchEntry, type SearchEntry } from './rank.ts';

export interface PickerState {
  readonly entries: readonly SearchEntry[];
  /** Frecency boost per entry. */
  readonly boosts: ArrayLike<number>;
  readonly query: string;
  /** The normalized query that `matches` answer. */
  readonly matchedQuery: string;
  /** Entry indexes, best match first. */
  readonly matches: Int32Array;
  /** Index into matches. */
  readonly cursor: number;
  /** First visible match. */
  readonly scroll: number;
  readonly pageSize: number;
  /**
   * What Enter chose, decided here so that it follows the keys typed before it even when
   * they all arrive at once (a new object each time: the App assumes it once).
   */
  readonly chosen: { readonly profile: string } | undefined;
  /** What Ctrl-E asked to open in the console, decided here for the same reason. */
  readonly consoleFor: { readonly profile: string } | undefined;
}

export type PickerAction =
  | { readonly type: 'insert'; readonly text: string }
  | { readonly type: 'delete-back' }
  | { readonly type: 'delete-word' }
  | { readonly type: 'clear' }
  | { readonly type: 'move'; readonly by: number }
  | { readonly type: 'page'; readonly by: 1 | -1 }
  | { readonly type: 'first' }
  | { readonly type: 'last' }
  | { readonly type: 'resize'; readonly pageSize: number }
  /** Enter: the profile under the cursor is chosen. */
  | { readonly type: 'choose' }
  /** Ctrl-E: the console of the profile under the cursor. */
  | { readonly type: 'open-console' }
  /** New profiles (one was added): ranked afresh, the page size kept. */
  | { readonly type: 'reset'; readonly init: Omit<PickerInit, 'pageSize'> };

export const MAX_QUERY = 256;

// Pasted text can hold line breaks and escapes; a query is one line of printable text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

export interface PickerInit {
  readonly profiles: readonly ProfileSummary[];
  readonly boosts?: ArrayLike<number>;
  readonly pageSize: number;
  readonly query?: string;
}

export function createPickerState(init: PickerInit): PickerState {
  const entries = init.profiles.map(toSearchEntry);
  const boosts = init.boosts ?? new Float64Array(entries.length);
  const query = (init.query ?? '').replace(CONTROL, '').slice(0, MAX_QUERY);
  const matchedQuery = normalizeQuery(query);
  return {
    entries, boosts, query, matchedQuery, matches: rankEntries(entries, matchedQuery, boosts),
    cursor: 0, scroll: 0, pageSize: Math.max(1, init.pageSize), chosen: undefined, consoleFor: undefined,
  };
}

function withQuery(state: PickerState, query: string): PickerState {
  const normalized = normalizeQuery(query);
  if (normalized === state.matchedQuery) return { ...state, query };
  const narrows = state.matchedQuery !== '' && normalized.startsWith(state.matchedQuery);
  const within = narrows ? state.matches : undefined;
  const matches = rankEntries(state.entries, normalized, state.boosts, within);
  return { ...state, query, matchedQuery: normalized, matches, cursor: 0, scroll: 0 };
}

function moveTo(state: PickerState, target: number): PickerState {
  const cursor = Math.max(0, Math.min(state.matches.length - 1, target));
  let scroll = state.scroll;
  if (cursor < scroll) scroll = cursor;
  else if (cursor >= scroll + state.pageSize) scroll = cursor - state.pageSize + 1;
  return { ...state, cursor, scroll };
}

export function pickerReducer(state: PickerState, action: PickerAction): PickerState {
  switch (action.type) {
    case 'insert': {
      const text = action.text.replace(CONTROL, '');
      return text === '' ? state : withQuery(state, (state.query + text).slice(0, MAX_QUERY));
    }
    case 'delete-back':
      return withQuery(state, [...state.query].slice(0, -1).join(''));
    case 'delete-word':
      return withQuery(state, state.query.replace(/\S*\s*$/, ''));
    case 'clear':
      return withQuery(state, '');
    case 'move':
      return moveTo(state, state.cursor + action.by);
    case 'page':
      return moveTo(state, state.cursor + action.by * state.pageSize);
    case 'first':
      return moveTo(state, 0);
    case 'last':
      return moveTo(state, state.matches.length - 1);
    case 'reset':
      return createPickerState({ ...action.init, pageSize: state.pageSize });
    case 'choose': {
      const entry = selectedEntry(state);
      return entry === undefined ? state : { ...state, chosen: { profile: entry.summary.name } };
    }
    case 'open-console': {
      const entry = selectedEntry(state);
      return entry === undefined ? state : { ...state, consoleFor: { profile: entry.summary.name } };
    }
    case 'resize': {
      const pageSize = Math.max(1, action.pageSize);
      return pageSize === state.pageSize ? state : moveTo({ ...state, pageSize, scroll: Math.min(state.scroll, state.cursor) }, state.cursor);
    }
  }
}

export function selectedEntry(state: PickerState): SearchEntry | undefined {
  const index = state.matches[state.cursor];
  return index === undefined ? undefined : state.entries[index];
}

export function selectedProfile(state: PickerState): ProfileSummary | undefined {
  return selectedEntry(state)?.summary;
}

/** The entries on screen, with their place in the match list. */
export function visibleEntries(state: PickerState): readonly { readonly entry: SearchEntry; readonly rank: number }[] {
  return Array.from(state.matches.subarray(state.scroll, state.scroll + state.pageSize), (index, k) => ({ entry: state.entries[index]!, rank: state.scroll + k }));
}
