// One lossless parser for ~/.aws/config and ~/.aws/credentials, with the AWS CLI's meaning:
// Python's configparser.RawConfigParser (strict) as botocore drives it, then botocore's
// nested-value rule (docs/aws-config.md section 2). Every line is kept as it was, so the
// editor can change one key and leave every other byte alone.
import { AwsxError } from '../errors.ts';
import { hideSecretShapes } from '../secretShapes.ts';
import { DEFAULT_SECTION, type IniDocument, type IniLine, type IniSection, type IniValue } from './document.ts';
import { pyLstripLength, pyRstrip, pyRstripEnd, pySplitLines, pyStrip } from './pyText.ts';

interface Part {
  readonly text: string;
  readonly line: number;
}

/** An entry while its lines are read; it becomes the IniEntry itself (no copy). */
interface OpenEntry {
  readonly file: string;
  key: string;
  line: number;
  end: number;
  /** The value on the key line until closed; most entries have nothing more. */
  value: IniValue;
  /** Continuation lines, created only when there are some. */
  more: Part[] | undefined;
}

interface OpenSection {
  name: string;
  line: number;
  entries: Map<string, OpenEntry>;
}

/**
 * Walks the lines of a text with their line endings: Python's universal newlines, where
 * `\r\n`, `\r` and `\n` each end a line. The one place lines are split, so the parser's
 * line numbers and the document's `lines` always agree. A plain loop over a small object
 * (no callbacks), since it runs once per line of configs with tens of thousands.
 */
class LineScanner {
  readonly #text: string;
  #next = 0;
  #cr: number;
  /** The current line: [start, end) and its line ending. */
  start = 0;
  end = 0;
  eol = '';

  constructor(text: string) {
    this.#text = text;
    this.#cr = text.indexOf('\r');
  }

  next(): boolean {
    const text = this.#text;
    const start = this.#next;
    if (start >= text.length) return false;
    let lf = text.indexOf('\n', start);
    if (lf === -1) lf = text.length;
    if (this.#cr !== -1 && this.#cr < start) this.#cr = text.indexOf('\r', start);
    let end = lf;
    let eol = lf < text.length ? '\n' : '';
    if (this.#cr !== -1 && this.#cr < lf) {
      end = this.#cr;
      eol = text.charCodeAt(end + 1) === 0x0a ? '\r\n' : '\r';
    }
    this.start = start;
    this.end = end;
    this.eol = eol;
    this.#next = end + eol.length;
    return true;
  }
}

export function splitIniLines(text: string): IniLine[] {
  const lines: IniLine[] = [];
  const scan = new LineScanner(text);
  while (scan.next()) lines.push({ text: text.slice(scan.start, scan.end), eol: scan.eol });
  return lines;
}

/** The parsed file; its line objects are made only when an editor asks for them. */
class ParsedDocument implements IniDocument {
  readonly path: string;
  readonly sections: readonly IniSection[];
  readonly #text: string;
  #lines: IniLine[] | undefined;

  constructor(path: string, sections: readonly IniSection[], text: string) {
    this.path = path;
    this.sections = sections;
    this.#text = text;
  }

  get lines(): readonly IniLine[] {
    return (this.#lines ??= splitIniLines(this.#text));
  }
}

export interface ParseOptions {
  /**
   * A file of secrets (~/.aws/credentials): its errors name the file and line only, never
   * what is on the line, which may be a pasted key (docs/security.md test 50). In other
   * files the line is quoted, with any secret-shaped value hidden.
   */
  readonly secretFile?: boolean;
}

/** `what` quotes the line; `bare` says the same without quoting anything. */
function parseError(path: string, line: number, what: string, bare: string, hint: string, options: ParseOptions): AwsxError {
  return new AwsxError('ConfigParseError', `${path}, line ${line + 1}: ${options.secretFile ? bare : hideSecretShapes(what)}`, {
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

export function parseIni(text: string, path: string, options: ParseOptions = {}): IniDocument {
  const sections: OpenSection[] = [];
  const seenSections = new Map<string, number>();
  // Every [DEFAULT] of a file shares one key set: a key twice across them is a duplicate.
  const defaultKeys = new Set<string>();
  let section: OpenSection | undefined;
  let sectionKeys = new Set<string>();
  let entry: OpenEntry | undefined;
  let indentLevel = 0;
  // Entries that may have continuation lines: closed (joined, nested) after the last line.
  const continued: OpenEntry[] = [];

  const scan = new LineScanner(text);
  let lineCount = 0;
  while (scan.next()) {
    const i = lineCount++;
    const raw = text.slice(scan.start, scan.end);
    const indent = pyLstripLength(raw);
    const first = raw.charCodeAt(indent);
    const isComment = first === 0x23 || first === 0x3b; // '#' or ';'
    if (indent === raw.length || isComment) {
      // configparser keeps blank lines inside a value (trimmed at the end) and drops comments.
      if (!isComment && entry) addLine(continued, entry, '', i);
      continue;
    }
    const stripped = raw.slice(indent, pyRstripEnd(raw, indent));
    if (section && entry && indent > indentLevel) {
      addLine(continued, entry, stripped, i);
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
            `a section header appears a second time (first at line ${first + 1})`, 'merge the two sections into one, or rename one of them', options);
        }
        seenSections.set(name, i);
      }
      section = { name, line: i, entries: new Map() };
      sections.push(section);
      sectionKeys = name === DEFAULT_SECTION ? defaultKeys : new Set();
      entry = undefined;
      continue;
    }
    if (i === 0 && raw.startsWith('\ufeff')) {
      throw parseError(path, i, 'the file starts with a UTF-8 byte order mark (BOM)', 'the file starts with a UTF-8 byte order mark (BOM)',
        'save the file as UTF-8 without a BOM', options);
    }
    if (!section) {
      throw parseError(path, i, `"${stripped}" comes before any [section] header`, 'this line comes before any [section] header',
        'put it under a [profile NAME] or [default] header, or remove it', options);
    }
    const d = firstDelimiter(stripped);
    if (d < 0) {
      throw parseError(path, i, `"${stripped}" is not "key = value", a [section] header or a comment`, 'this line is not "key = value", a [section] header or a comment',
        'write it as "key = value", or start the line with # to make it a comment', options);
    }
    const key = pyRstrip(stripped.slice(0, d)).toLowerCase();
    if (key === '') {
      throw parseError(path, i, `"${stripped}" has no key before the "${stripped[d]}"`, `this line has no key before the "${stripped[d]}"`, 'add the key name, or remove the line', options);
    }
    if (sectionKeys.has(key)) {
      throw parseError(path, i, `key "${key}" appears twice in section [${section.name}] (keys are not case-sensitive)`, 'a key appears twice in one section (keys are not case-sensitive)',
        'keep one of the two lines', options);
    }
    sectionKeys.add(key);
    entry = { file: path, key, line: i, end: i + 1, value: pyStrip(stripped.slice(d + 1)), more: undefined };
    section.entries.set(key, entry);
  }

  for (const e of continued) if (e.more) closeEntry(e, path, options);
  const closed: IniSection[] = sections.map((sec, n) => ({
    name: sec.name,
    line: sec.line,
    end: sections[n + 1]?.line ?? lineCount,
    entries: sec.entries,
  }));
  return new ParsedDocument(path, closed, text);
}

function addLine(continued: OpenEntry[], e: OpenEntry, text: string, line: number): void {
  if (!e.more) continued.push(e);
  (e.more ??= []).push({ text, line });
}

function closeEntry(e: OpenEntry, path: string, options: ParseOptions): void {
  const joined = pyRstrip([e.value as string, ...e.more!.map((p) => p.text)].join('\n'));
  e.value = joined.startsWith('\n') ? parseNested(e, path, options) : joined;
  e.more = undefined;
}

// botocore's _parse_nested: one level, split at the first '=', sub-keys keep their case.
function parseNested(e: OpenEntry, path: string, options: ParseOptions): IniValue {
  const out: Record<string, string> = Object.create(null);
  for (const part of e.more ?? []) {
    for (const piece of pySplitLines(part.text)) {
      const l = pyStrip(piece);
      if (l === '') continue;
      const eq = l.indexOf('=');
      if (eq < 0) {
        throw parseError(path, part.line, `"${l}" in the nested block under "${e.key}" is not "key = value"`, 'this line of a nested block is not "key = value"',
          'write nested keys as "key = value" (":" is not allowed there), or remove the indentation if it is not nested', options);
      }
      out[pyStrip(l.slice(0, eq))] = pyStrip(l.slice(eq + 1));
    }
  }
  return out;
}
