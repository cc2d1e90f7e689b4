// The unified diff shown by --dry-run and before a confirmation. Secret values never
// appear in it: each is shown as <secret N>, the same N for the same value, so a diff
// still tells a changed secret from an unchanged one without showing either.
import { createTwoFilesPatch } from 'diff';
import { splitIniLines } from '../ini/parse.ts';
import { SECRET_KEYS } from './keyRules.ts';

const KEY_LINE = /^(\s*([^=:\s]+)\s*[=:]\s*)(.*)$/;

export function redactSecrets(text: string, tokens: Map<string, number>): string {
  return splitIniLines(text).map((l) => {
    const m = KEY_LINE.exec(l.text);
    if (!m || !SECRET_KEYS.has(m[2]!.toLowerCase()) || m[3] === '') return l.text + l.eol;
    if (!tokens.has(m[3]!)) tokens.set(m[3]!, tokens.size + 1);
    return `${m[1]}<secret ${tokens.get(m[3]!)}>${l.eol}`;
  }).join('');
}

/** A unified diff of one file, or '' when the edit leaves it as it was. */
export function unifiedDiff(label: string, before: string, after: string): string {
  if (before === after) return '';
  const tokens = new Map<string, number>();
  const patch = createTwoFilesPatch(label, label, redactSecrets(before, tokens), redactSecrets(after, tokens), undefined, undefined, {
    context: 3,
    // CRLF files would otherwise show a stray \r on every line.
    stripTrailingCr: true,
    headerOptions: { includeIndex: false, includeUnderline: false, includeFileHeaders: true },
  });
  return patch;
}
