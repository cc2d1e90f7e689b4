// Plain text tables for the terminal: columns padded to their widest cell, every cell
// made inert (profile names and values come from files anyone may have edited).
import { inert } from '../core/sanitize.ts';

export function formatTable(header: readonly string[], rows: readonly (readonly (string | undefined)[])[]): string {
  const cells = [header, ...rows].map((r) => r.map((c) => inert(c ?? '-')));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n');
}
