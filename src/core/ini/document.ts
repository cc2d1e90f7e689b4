// The lossless shape of an INI file: every line with its own line ending, so joining
// them gives back the exact bytes; sections and entries point into the lines by index.

export interface IniLine {
  /** The line's text without its line ending. */
  readonly text: string;
  /** '\n', '\r\n', '\r', or '' for a last line without one. */
  readonly eol: string;
}

/** A value as botocore sees it: a string, or a nested sub-section (`s3 =` + indented keys). */
export type IniValue = string | Readonly<Record<string, string>>;

export interface IniEntry {
  /** The file it was read from (so a profile's keys can be the entries themselves). */
  readonly file: string;
  /** The key lower-cased, as configparser's optionxform does. */
  readonly key: string;
  readonly value: IniValue;
  /** Index of the key line. */
  readonly line: number;
  /** Index one past the entry's last value line (the key line plus continuation lines). */
  readonly end: number;
}

export interface IniSection {
  /** Everything between the first `[` and the last `]` of the header line. */
  readonly name: string;
  /** Index of the header line. */
  readonly line: number;
  /** Index of the next header line, or the number of lines. */
  readonly end: number;
  readonly entries: ReadonlyMap<string, IniEntry>;
}

export interface IniDocument {
  readonly path: string;
  readonly lines: readonly IniLine[];
  /** Every section in file order, `[DEFAULT]` included (it may appear more than once). */
  readonly sections: readonly IniSection[];
}

export const DEFAULT_SECTION = 'DEFAULT';

export function serialize(lines: readonly IniLine[]): string {
  let out = '';
  for (const l of lines) out += l.text + l.eol;
  return out;
}

const defaultsCache = new WeakMap<IniDocument, ReadonlyMap<string, IniEntry>>();

/** The keys of every `[DEFAULT]` section of the file, computed once per document. */
export function defaultEntries(doc: IniDocument): ReadonlyMap<string, IniEntry> {
  let out = defaultsCache.get(doc);
  if (!out) {
    const merged = new Map<string, IniEntry>();
    for (const s of doc.sections) if (s.name === DEFAULT_SECTION) for (const [k, e] of s.entries) merged.set(k, e);
    defaultsCache.set(doc, (out = merged));
  }
  return out;
}

/** The section's keys as botocore sees them: its own, then those inherited from `[DEFAULT]`. */
export function sectionValues(doc: IniDocument, section: IniSection): Map<string, IniEntry> {
  const out = new Map(section.entries);
  for (const [k, e] of defaultEntries(doc)) if (!out.has(k)) out.set(k, e);
  return out;
}
