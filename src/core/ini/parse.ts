// One lossless parser for ~/.aws/config and ~/.aws/credentials, with the AWS CLI's meaning:
// Python's configparser.RawConfigParser (strict) as botocore drives it, then botocore's
// nested-value rule (spec/aws-config.md section 2). Every line is kept as it was, so the
// editor can change one key and leave every other byte alone.
import { AwsxError } from '../errors.ts';
import { DEFAULT_SECTION, type IniDocument, type IniEntry, type IniLine, type IniSection, type IniValue } from './document.ts';
import { pyLstripLength, pyRstrip, pyRstripEnd, pySplitLines, pyStrip } from './pyText.ts';

interface Part {
  readonly text: string;
  readonly line: number;
}

interface OpenEntry {
  key: string;
  line: number;
  end: number;
  /** The value on the key line; most entries have nothing more. */
  first: string;
  /** Continuation lines, created only when there are some. */
  more: Part[] | undefined;
}

interface OpenSection {
  name: string;
  line: number;
  entries: OpenEntry[];
}

/** Python's universal newlines: `\r\n`, `\r` and `\n` each end a line. */
export function splitIniLines(text: string): IniLine[] {
  const lines: IniLine[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x0a && c !== 0x0d) continue;
    const crlf = c === 0x0d && text.charCodeAt(i + 1) === 0x0a;
    lines.push({ text: text.slice(start, i), eol: crlf ? '\r\n' : c === 0x0d ? '\r' : '\n' });
    if (crlf) i++;
    start = i + 1;
  }
  if (start < text.length) lines.push({ text: text.slice(start), eol: '' });
  return lines;
}

function parseError(path: string, line: number, what: string, hint: string): AwsxError {
  return new AwsxError('ConfigParseError', `${path}, line ${line + 1}: ${what}`, {
    hint: `${hint}; the AWS CLI cannot read this file either ("Unable to parse config file")`,
  });
}

/** configparser's `\[(?P<header>.+)\]` on the stripped line: from the `[` to the last `]`. */
function headerName(stripped: string): string | undefined {
  if (stripped.charCodeAt(0) !== 0x5b) return undefined;
  const close = stripped.lastIndexOf(']');
  return close > 1 ? stripped.slice(1, close) : undefined;
}

function firstDelimiter(s: string): number {
  const eq = s.indexOf('=');
  const colon = s.indexOf(':');
  return colon < 0 || (eq >= 0 && eq < colon) ? eq : colon;
}

export function parseIni(text: string, path: string): IniDocument {
  const lines = splitIniLines(text);
  const sections: OpenSection[] = [];
  const seenSections = new Map<string, number>();
  // Every [DEFAULT] of a file shares one key set: a key twice across them is a duplicate.
  const defaultKeys = new Set<string>();
  let section: OpenSection | undefined;
  let sectionKeys = new Set<string>();
  let entry: OpenEntry | undefined;
  let indentLevel = 0;

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.text;
    const indent = pyLstripLength(raw);
    const first = raw.charCodeAt(indent);
    const isComment = first === 0x23 || first === 0x3b; // '#' or ';'
    if (indent === raw.length || isComment) {
      // configparser keeps blank lines inside a value (trimmed at the end) and drops comments.
      if (!isComment && entry) (entry.more ??= []).push({ text: '', line: i });
      continue;
    }
    const stripped = raw.slice(indent, pyRstripEnd(raw, indent));
    if (section && entry && indent > indentLevel) {
      (entry.more ??= []).push({ text: stripped, line: i });
      entry.end = i + 1;
      continue;
    }
    indentLevel = indent;

    const name = headerName(stripped);
    if (name !== undefined) {
      if (name !== DEFAULT_SECTION) {
        const first = seenSections.get(name);
        if (first !== undefined) {
          throw parseError(path, i, `section [${name}] appears a second time (first at line ${first + 1})`,
            'merge the two sections into one, or rename one of them');
        }
        seenSections.set(name, i);
      }
      section = { name, line: i, entries: [] };
      sections.push(section);
      sectionKeys = name === DEFAULT_SECTION ? defaultKeys : new Set();
      entry = undefined;
      continue;
    }
    if (i === 0 && raw.startsWith('\ufeff')) {
      throw parseError(path, i, 'the file starts with a UTF-8 byte order mark (BOM)',
        'save the file as UTF-8 without a BOM');
    }
    if (!section) {
      throw parseError(path, i, `"${stripped}" comes before any [section] header`,
        'put it under a [profile NAME] or [default] header, or remove it');
    }
    const d = firstDelimiter(stripped);
    if (d < 0) {
      throw parseError(path, i, `"${stripped}" is not "key = value", a [section] header or a comment`,
        'write it as "key = value", or start the line with # to make it a comment');
    }
    const key = pyRstrip(stripped.slice(0, d)).toLowerCase();
    if (key === '') {
      throw parseError(path, i, `"${stripped}" has no key before the "${stripped[d]}"`, 'add the key name, or remove the line');
    }
    if (sectionKeys.has(key)) {
      throw parseError(path, i, `key "${key}" appears twice in section [${section.name}] (keys are not case-sensitive)`,
        'keep one of the two lines');
    }
    sectionKeys.add(key);
    entry = { key, line: i, end: i + 1, first: pyStrip(stripped.slice(d + 1)), more: undefined };
    section.entries.push(entry);
  }

  const closed: IniSection[] = [];
  for (let n = 0; n < sections.length; n++) {
    const s = sections[n]!;
    const entries = new Map<string, IniEntry>();
    for (const e of s.entries) entries.set(e.key, closeEntry(e, path));
    closed.push({ name: s.name, line: s.line, end: sections[n + 1]?.line ?? lines.length, entries });
  }
  return { path, lines, sections: closed };
}

function closeEntry(e: OpenEntry, path: string): IniEntry {
  if (!e.more) return { key: e.key, line: e.line, end: e.end, value: e.first };
  const joined = pyRstrip([e.first, ...e.more.map((p) => p.text)].join('\n'));
  return { key: e.key, line: e.line, end: e.end, value: joined.startsWith('\n') ? parseNested(e, path) : joined };
}

// botocore's _parse_nested: one level, split at the first '=', sub-keys keep their case.
function parseNested(e: OpenEntry, path: string): IniValue {
  const out: Record<string, string> = Object.create(null);
  for (const part of e.more ?? []) {
    for (const piece of pySplitLines(part.text)) {
      const l = pyStrip(piece);
      if (l === '') continue;
      const eq = l.indexOf('=');
      if (eq < 0) {
        throw parseError(path, part.line, `"${l}" in the nested block under "${e.key}" is not "key = value"`,
          'write nested keys as "key = value" (":" is not allowed there), or remove the indentation if it is not nested');
      }
      out[pyStrip(l.slice(0, eq))] = pyStrip(l.slice(eq + 1));
    }
  }
  return out;
}
