/** @jsxRuntime automatic */
// One profile in the picker: a single line of fixed-width columns, matched characters
// highlighted, the time left of its session if the daemon holds one.
import { Text } from 'ink';
import type { ProfileSummary } from '../../core/config/summary.ts';
import type { SessionInfo } from '../backend.ts';
import { cell, formatTimeLeft, highlight } from '../text.ts';
import type { Columns } from './columns.ts';
import type { RowHighlights } from './highlights.ts';

export interface PickerRowProps {
  readonly summary: ProfileSummary;
  readonly highlights: RowHighlights;
  readonly columns: Columns;
  readonly session: SessionInfo | undefined;
  readonly now: number;
  readonly isSelected: boolean;
}

interface FieldProps {
  readonly text: string | undefined;
  readonly positions: readonly number[];
  readonly width: number;
  readonly isDim?: boolean;
  /** Pad to the width and add the gap after it (false for free text at a line's end). */
  readonly isPadded?: boolean;
}

/** A column: matched characters highlighted, padded to its width, then one space. */
export function Field({ text, positions, width, isDim = false, isPadded = true }: FieldProps) {
  if (width === 0) return null;
  const segments = highlight(text ?? '', positions, width);
  const used = segments.reduce((n, s) => n + [...s.text].length, 0);
  return (
    <Text dimColor={isDim}>
      {segments.map((s, i) => (s.isMatch ? <Text key={i} color="yellow" bold underline>{s.text}</Text> : s.text))}
      {isPadded ? ' '.repeat(Math.max(0, width - used) + 1) : ''}
    </Text>
  );
}

const WARN_MS = 15 * 60 * 1000;

export function TimeLeft({ session, now, width }: { readonly session: SessionInfo | undefined; readonly now: number; readonly width: number }) {
  if (session === undefined) return <Text>{cell('', width)} </Text>;
  if (session.expiration === undefined) return <Text color="green">{cell('active', width)} </Text>;
  const left = session.expiration.getTime() - now;
  const color = left <= 0 ? 'red' : left <= WARN_MS ? 'yellow' : 'green';
  return <Text color={color}>{cell(formatTimeLeft(left), width)} </Text>;
}

function roleLabel(s: ProfileSummary): string {
  if (s.roleName !== undefined) return s.roleName;
  return s.kind === 'none' ? '' : `(${s.kind})`;
}

export function PickerRow({ summary: s, highlights: h, columns: c, session, now, isSelected }: PickerRowProps) {
  return (
    <Text wrap="truncate-end" bold={isSelected}>
      <Text color="cyan">{isSelected ? '› ' : '  '}</Text>
      <Field text={s.name} positions={h.name} width={c.name} />
      <Field text={s.accountId} positions={h.account} width={c.account} />
      <Field text={roleLabel(s)} positions={h.role} width={c.role} isDim={s.roleName === undefined} />
      <Field text={s.region} positions={h.region} width={c.region} />
      <Field text={s.source} positions={[]} width={c.source} />
      <TimeLeft session={session} now={now} width={c.left} />
      <Text color="magenta">{s.mfaSerial ? 'mfa' : '   '}</Text>
    </Text>
  );
}
