/** @jsxRuntime automatic */
// The picker: the query, the ranked profiles in a scrolled window, details of the one
// under the cursor, and the keys. Height is fixed (rows - 1) so the frame never jumps.
import { Box, Text } from 'ink';
import type { SessionInfo } from '../backend.ts';
import { fit } from '../text.ts';
import { MARKER_WIDTH, pickerColumns, type Columns } from './columns.ts';
import { NO_HIGHLIGHTS, rowHighlights, type RowHighlights } from './highlights.ts';
import { matchDetail, type SearchEntry } from './rank.ts';
import { Field, PickerRow } from './row.tsx';
import { selectedEntry, visibleEntries, type PickerState } from './state.ts';

export interface PickerViewProps {
  readonly state: PickerState;
  readonly sessions: ReadonlyMap<string, SessionInfo>;
  readonly now: number;
  readonly width: number;
  /** A one-line message in place of the key help (a profile was added...). */
  readonly notice?: string | undefined;
}

/** Lines around the list: title, query, column titles, details, keys, and one spare. */
export const PICKER_CHROME = 6;

export const PICKER_KEYS = '↑↓ PgUp PgDn move · Enter assume · ^E console · Tab sessions · ^O new · Esc quit';

function highlightsOf(entry: SearchEntry, query: string): RowHighlights {
  return query === '' ? NO_HIGHLIGHTS : rowHighlights(entry.summary, matchDetail(entry, query));
}

function ColumnTitles({ columns: c }: { readonly columns: Columns }) {
  const title = (text: string, width: number) => (width === 0 ? '' : text.padEnd(width + 1));
  return (
    <Text dimColor wrap="truncate-end">
      {' '.repeat(MARKER_WIDTH)}{title('PROFILE', c.name)}{title('ACCOUNT', c.account)}{title('ROLE', c.role)}
      {title('REGION', c.region)}{title('SOURCE', c.source)}{title('LEFT', c.left)}MFA
    </Text>
  );
}

function Details({ entry, query, width }: { readonly entry: SearchEntry | undefined; readonly query: string; readonly width: number }) {
  if (entry === undefined) return <Text> </Text>;
  const s = entry.summary;
  const h = highlightsOf(entry, query);
  const what = s.roleArn ?? `${s.kind} profile`;
  const from = s.source === undefined ? '' : ` from ${s.source}`;
  return (
    <Text wrap="truncate-end" dimColor>
      {'  '}<Field text={what} positions={h.roleArn} width={width} isPadded={false} />
      {fit(from, width)}{s.description ? ' · ' : ''}
      {s.description ? <Field text={s.description} positions={h.description} width={width} isPadded={false} /> : null}
    </Text>
  );
}

export function PickerView({ state, sessions, now, width, notice }: PickerViewProps) {
  const columns = pickerColumns(width);
  const rows = visibleEntries(state);
  const selected = selectedEntry(state);
  const total = state.entries.length;
  let active = 0;
  for (const s of sessions.values()) if (s.expiration === undefined || s.expiration.getTime() > now) active++;
  const empty = total === 0 ? 'No profiles yet: press Ctrl-O to add one with your access keys.' : `No profile matches "${fit(state.query, 40)}".`;
  return (
    <Box flexDirection="column" width={width}>
      <Box justifyContent="space-between">
        <Text bold>awsx · pick a profile</Text>
        <Text dimColor>{state.matches.length}/{total} · {active} active</Text>
      </Box>
      <Text wrap="truncate-end"><Text color="cyan">❯ </Text>{fit(state.query, width - 4)}<Text inverse> </Text></Text>
      <ColumnTitles columns={columns} />
      <Box flexDirection="column" height={state.pageSize}>
        {rows.length === 0 ? <Text dimColor>  {empty}</Text> : rows.map(({ entry, rank }) => (
          <PickerRow key={rank} summary={entry.summary} highlights={highlightsOf(entry, state.matchedQuery)} columns={columns}
            session={sessions.get(entry.summary.name)} now={now} isSelected={rank === state.cursor} />
        ))}
      </Box>
      <Details entry={selected} query={state.matchedQuery} width={width - 2} />
      <Text dimColor wrap="truncate-end">{notice === undefined ? PICKER_KEYS : fit(notice, width - 1)}</Text>
    </Box>
  );
}
