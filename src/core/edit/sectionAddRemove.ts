// Adding a section at the end of a file and removing sections whole.
//
// What belongs to a section when it is removed: its header, its entries (with the comments
// between them), the comment lines directly above the header (no blank line between: they
// document it, like a doc comment) and those directly after its last entry, unless they
// run straight into the next header (then they document that one). The blank lines that
// follow go too, so the file keeps one separator; at the end of the file, the blank lines
// before it go instead. A comment block set apart by blank lines (a commented-out profile)
// and the comments that open the file (its banner) are never removed.
import type { IniDocument, IniLine, IniSection } from '../ini/document.ts';
import { bodyEnd, fileEol, isBlank, isComment, keyLine, terminated } from './lines.ts';
import { applySplices, type Splice } from './sectionEdit.ts';

/** Appends `[header]` and its entries, one blank line after what the file already has. */
export function appendSection(lines: readonly IniLine[], header: string, entries: ReadonlyMap<string, string>): IniLine[] {
  const eol = fileEol(lines);
  const out = terminated(lines, eol);
  const last = out[out.length - 1];
  if (last && !isBlank(last)) out.push({ text: '', eol });
  out.push({ text: `[${header}]`, eol });
  for (const [k, v] of entries) out.push(keyLine('', k, v, eol));
  return out;
}

export function removeSections(doc: IniDocument, sections: readonly IniSection[]): IniLine[] {
  const spans = sections.map((s) => sectionSpan(doc, s)).sort((a, b) => a.start - b.start);
  // Spans of neighbouring sections can share blank lines: merge them.
  const merged: Splice[] = [];
  for (const s of spans) {
    const prev = merged[merged.length - 1];
    if (prev && s.start <= prev.end) merged[merged.length - 1] = { start: prev.start, end: Math.max(prev.end, s.end), insert: [] };
    else merged.push(s);
  }
  return applySplices(doc.lines, merged, fileEol(doc.lines));
}

/** The lines [start, end) that belong to the section (see the file comment). */
export function sectionSpan(doc: IniDocument, section: IniSection): Splice {
  const lines = doc.lines;
  const index = doc.sections.indexOf(section);
  const floor = index > 0 ? bodyEnd(doc.sections[index - 1]!) : 0;
  let start = section.line;
  while (start > floor && isComment(lines[start - 1]!)) start--;
  // Comments from the very first line are the file's banner, not this section's.
  if (start === 0) start = section.line;

  const next = section.end;
  let end = bodyEnd(section);
  let after = end;
  while (after < next && isComment(lines[after]!)) after++;
  const intoNextHeader = after === next && next < lines.length;
  if (!intoNextHeader) end = after;
  while (end < next && isBlank(lines[end]!)) end++;

  if (end === lines.length) {
    while (start > floor && isBlank(lines[start - 1]!)) start--;
  }
  return { start, end, insert: [] };
}
