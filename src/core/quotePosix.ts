// POSIX sh quoting, written once: the shells' output (src/shell/quote.ts re-exports it,
// docs/security.md T5) and the hints core gives a person to paste (fileTrust.ts).
import { AwsxError } from './errors.ts';

/** An environment value cannot hold NUL (C strings end there): refuse rather than truncate. */
export function assertNoNul(value: string, subject = 'value'): void {
  if (value.includes('\0')) {
    throw new AwsxError('ValidationError', `${subject}: contains a NUL character, which no environment variable can hold`);
  }
}

/**
 * POSIX sh single quotes: nothing is special inside them except `'` itself, which ends
 * the string, so `'` becomes `'\''` (close, escaped quote, reopen). Valid in bash, dash,
 * zsh and ksh. Safe for `eval "$(…)"`; for the unquoted `eval $(…)` form, glob characters
 * need more (see src/shell/posixGlob.ts).
 */
export function quotePosix(value: string): string {
  assertNoNul(value);
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
