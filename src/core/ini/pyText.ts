// Python's notion of whitespace, because the AWS CLI reads its files with Python's
// configparser: str.strip() and the regex \s use str.isspace(), which differs from
// JavaScript's trim(). JS trims U+FEFF (a BOM) but Python does not, and Python strips
// U+001C..U+001F and U+0085, which JS keeps.

const PY_SPACE = new Set([
  '\t', '\n', '\x0b', '\x0c', '\r', '\x1c', '\x1d', '\x1e', '\x1f', ' ', '\x85', '\xa0',
  '\u1680', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2007',
  '\u2008', '\u2009', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000',
]);

/** Whether the character at s[i] is whitespace to Python; printable ASCII is decided without a lookup. */
function isSpaceAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c > 0x20 && c < 0x7f) return false;
  return PY_SPACE.has(s[i]!);
}

export function isPySpace(ch: string): boolean {
  return PY_SPACE.has(ch);
}

export function pyLstripLength(s: string): number {
  let i = 0;
  while (i < s.length && isSpaceAt(s, i)) i++;
  return i;
}

/** The index one past the last non-whitespace character. */
export function pyRstripEnd(s: string, start = 0): number {
  let end = s.length;
  while (end > start && isSpaceAt(s, end - 1)) end--;
  return end;
}

export function pyRstrip(s: string): string {
  return s.slice(0, pyRstripEnd(s));
}

export function pyStrip(s: string): string {
  return pyRstrip(s.slice(pyLstripLength(s)));
}

/** str.splitlines(): the boundaries botocore's nested-value parser splits on. */
export function pySplitLines(s: string): string[] {
  if (s === '') return [];
  const parts = s.split(/\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]/);
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}
