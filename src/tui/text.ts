// Text for a terminal cell grid: everything from config files or STS passes through
// inert() first (docs/security.md T6), then is cut to its column. Widths count code
// points; the views also set wrap="truncate" so a wide character cannot break a row.
import { inert } from '../core/sanitize.ts';

export interface Segment {
  readonly text: string;
  readonly isMatch: boolean;
}

/** `text` made inert and cut to `width` cells, with an ellipsis when cut. */
export function fit(text: string | undefined, width: number): string {
  return cut([...inert(text ?? '')], width).join('');
}

/** fit(), padded with spaces to exactly `width` cells. */
export function cell(text: string | undefined, width: number): string {
  const s = fit(text, width);
  return s + ' '.repeat(Math.max(0, width - [...s].length));
}

function cut(chars: string[], width: number): string[] {
  if (width <= 0) return [];
  if (chars.length <= width) return chars;
  return [...chars.slice(0, width - 1), '…'];
}

/**
 * The inert form of `text` cut to `width`, split into runs of matched and unmatched
 * characters (`positions` index the original text, before inert() widened any control
 * character).
 */
export function highlight(text: string, positions: readonly number[], width: number): Segment[] {
  const matched = new Set(positions);
  const cells: { ch: string; isMatch: boolean }[] = [];
  let index = 0;
  for (const ch of text) {
    for (const shown of inert(ch)) cells.push({ ch: shown, isMatch: matched.has(index) });
    index += ch.length;
  }
  const kept = cells.length <= width ? cells : [...cells.slice(0, Math.max(0, width - 1)), { ch: '…', isMatch: false }];
  const out: Segment[] = [];
  for (const c of kept.slice(0, Math.max(0, width))) {
    const last = out[out.length - 1];
    if (last && last.isMatch === c.isMatch) out[out.length - 1] = { text: last.text + c.ch, isMatch: c.isMatch };
    else out.push({ text: c.ch, isMatch: c.isMatch });
  }
  return out;
}

/** Time left as a person reads it: 1h05m, 42m, 35s, expired. */
export function formatTimeLeft(ms: number): string {
  if (ms <= 0) return 'expired';
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
