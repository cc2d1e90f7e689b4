// Line-level helpers shared by the section edits: what a line is, where a section's body
// ends, and how a new `key = value` line is written in the file's own style.
import { AwsxError } from '../errors.ts';
import type { IniLine, IniSection } from '../ini/document.ts';
import { pyLstripLength, pyStrip } from '../ini/pyText.ts';

/** The file's own line ending (the first one it uses), so a CRLF file stays CRLF. */
export function fileEol(lines: readonly IniLine[]): string {
  return lines.find((l) => l.eol !== '')?.eol ?? '\n';
}

export function isBlank(line: IniLine): boolean {
  return pyStrip(line.text) === '';
}

export function isComment(line: IniLine): boolean {
  const s = pyStrip(line.text);
  return s.startsWith('#') || s.startsWith(';');
}

/**
 * One past the section's last entry line, or the line after its header when it has no
 * entries: the blank and comment lines after it usually introduce the next section.
 */
export function bodyEnd(section: IniSection): number {
  let end = section.line + 1;
  for (const e of section.entries.values()) end = Math.max(end, e.end);
  return end;
}

/** New keys take the indentation of the section's last entry: never deeper, so never a continuation. */
export function entryIndent(lines: readonly IniLine[], section: IniSection): string {
  let last = -1;
  for (const e of section.entries.values()) last = Math.max(last, e.line);
  if (last < 0) return '';
  const text = lines[last]!.text;
  return text.slice(0, pyLstripLength(text));
}

// A line break in a value would end the line and start a continuation or a new key:
// the file would no longer say what was asked. Checked here too, whatever the caller did.
function oneLine(key: string, value: string): string {
  if (/[\r\n]/.test(value)) {
    throw new AwsxError('ValidationError', `key ${key}: the value contains a line break`, {
      hint: 'give the value on one line; a config value cannot span lines',
    });
  }
  return value;
}

export function keyLine(indent: string, key: string, value: string, eol: string): IniLine {
  oneLine(key, value);
  return { text: `${indent}${key} = ${value}`, eol };
}

/**
 * The entry's key line with only its value replaced: the key's spelling, the delimiter and
 * the spacing around it stay as the user wrote them (`Region: x` stays `Region: y`).
 */
export function replaceValue(line: IniLine, key: string, value: string): IniLine {
  oneLine(key, value);
  const d = line.text.search(/[=:]/);
  const rest = line.text.slice(d + 1);
  const gap = /^[ \t]*/.exec(rest)![0];
  // An empty value (`s3 =` opening a nested block) has no gap to copy.
  const sep = rest.trim() === '' ? ' ' : gap;
  return { text: `${line.text.slice(0, d + 1)}${sep}${value}`, eol: line.eol };
}

/** The lines with the last one given a line ending, so something can follow it. */
export function terminated(lines: readonly IniLine[], eol: string): IniLine[] {
  const out = [...lines];
  const last = out[out.length - 1];
  if (last && last.eol === '') out[out.length - 1] = { text: last.text, eol };
  return out;
}
