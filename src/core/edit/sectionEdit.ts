// Edits inside one section: set keys (in place, or appended after the last entry), unset
// keys, or replace the whole body. Each returns the file's new lines; every line outside
// the touched entries is the same object, so its bytes cannot change.
import type { IniDocument, IniLine, IniSection } from '../ini/document.ts';
import { bodyEnd, entryIndent, fileEol, keyLine, replaceValue } from './lines.ts';

export interface KeyChanges {
  /** Lower-case keys to their new values. */
  readonly set: ReadonlyMap<string, string>;
  readonly unset: readonly string[];
}

export interface Splice {
  readonly start: number;
  readonly end: number;
  readonly insert: readonly IniLine[];
}

export function editSection(doc: IniDocument, section: IniSection, changes: KeyChanges): IniLine[] {
  const eol = fileEol(doc.lines);
  const indent = entryIndent(doc.lines, section);
  const splices: Splice[] = [];
  const added: IniLine[] = [];
  for (const [key, value] of changes.set) {
    const entry = section.entries.get(key);
    // The replaced range includes the entry's continuation lines (a nested `s3 =` block).
    if (entry) splices.push({ start: entry.line, end: entry.end, insert: [replaceValue(doc.lines[entry.line]!, key, value)] });
    else added.push(keyLine(indent, key, value, eol));
  }
  for (const key of changes.unset) {
    const entry = section.entries.get(key);
    if (entry) splices.push({ start: entry.line, end: entry.end, insert: [] });
  }
  // After the last entry, before the blank and comment lines that lead into the next section.
  const at = bodyEnd(section);
  if (added.length > 0) splices.push({ start: at, end: at, insert: added });
  return applySplices(doc.lines, splices, eol);
}

/** The section's header kept, its entries (and comments between them) replaced by these. */
export function replaceBody(doc: IniDocument, section: IniSection, entries: ReadonlyMap<string, string>): IniLine[] {
  const eol = fileEol(doc.lines);
  const insert = [...entries].map(([k, v]) => keyLine('', k, v, eol));
  return applySplices(doc.lines, [{ start: section.line + 1, end: bodyEnd(section), insert }], eol);
}

/** Applies non-overlapping splices, last first so earlier indexes stay valid. */
export function applySplices(lines: readonly IniLine[], splices: readonly Splice[], eol: string): IniLine[] {
  const out = [...lines];
  for (const s of [...splices].sort((a, b) => b.start - a.start)) out.splice(s.start, s.end - s.start, ...s.insert);
  // Only the file's last line can lack a line ending; once something follows it, it needs one.
  return out.map((l, i) => (l.eol === '' && i < out.length - 1 ? { text: l.text, eol } : l));
}
