// Quoting for every format awsx prints, in one place (docs/security.md T5). Each function
// turns a value into one literal of its target whose value is exactly `value`: nothing
// inside it is expanded, substituted or executed. Values holding NUL are refused.
import { AwsxError } from '../core/errors.ts';
import { assertNoNul } from '../core/quotePosix.ts';

export { assertNoNul, quotePosix } from '../core/quotePosix.ts';

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Names are refused, never quoted: a name lands unquoted in `export NAME=`, `set -gx NAME`
 * and `$Env:NAME`, where no quoting would be valid syntax in all of them.
 */
export function assertVariableName(name: string): void {
  if (!VARIABLE_NAME.test(name)) {
    throw new AwsxError('ValidationError', `variable ${JSON.stringify(name)}: not a valid environment variable name`, {
      hint: 'names must match ^[A-Za-z_][A-Za-z0-9_]*$',
    });
  }
}

/**
 * fish single quotes: only `\\` and `\'` are escapes inside them; every other character,
 * newlines and `$` included, is literal (fish docs, "Quotes").
 */
export function quoteFish(value: string): string {
  assertNoNul(value);
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

// PowerShell treats U+2018-U+201B like ASCII `'` as single-quote characters; inside a
// single-quoted string any of them is escaped by doubling (about_Quoting_Rules).
const PWSH_QUOTES = /['\u2018\u2019\u201A\u201B]/g;

/**
 * PowerShell single quotes with every quote character doubled. CR and LF are kept out of
 * the literal and joined in as `"`r"` / `"`n"`: with `awsx env | Invoke-Expression`
 * PowerShell feeds our output to Invoke-Expression ONE LINE AT A TIME, so the part of a
 * multi-line literal after its newline would run as a command of its own.
 */
export function quotePwsh(value: string): string {
  assertNoNul(value);
  const parts = value.split(/(\r|\n)/);
  const words: string[] = [];
  parts.forEach((part, i) => {
    if (i % 2 === 1) words.push(part === '\n' ? '"`n"' : '"`r"');
    else if (part !== '' || parts.length === 1) words.push(`'${part.replace(PWSH_QUOTES, (q) => q + q)}'`);
  });
  // A lone `"`n"` is still one string expression; joined parts need parentheses to stay
  // one argument when the word is used outside an assignment.
  return words.length === 1 ? words[0]! : `(${words.join(' + ')})`;
}

const DOTENV_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '"': '\\"',
  $: '\\$',
  '`': '\\`',
  '\n': '\\n',
  '\r': '\\r',
};

/**
 * dotenv has no standard. The rule here: double quotes; `\`, `"`, `$` and backtick get a
 * backslash; LF and CR become `\n` and `\r`; everything else is literal. Each variable
 * stays on one line. godotenv/Docker Compose and Ruby dotenv decode all of it (`\$` is
 * their literal dollar, never interpolated), and a file someone sources into a POSIX
 * shell (`set -a; . ./.env`) runs nothing, because `$` and backtick are escaped there
 * too. Known gaps: python-dotenv keeps the backslash of `\$` and `\`` and cannot read a
 * value ending in `\` (it takes the closing `\"` for an escape); Node's dotenv and
 * `--env-file` decode only `\n` and `\r`. awsx's keys, tokens, regions and timestamps
 * contain none of these characters; only an odd profile name can.
 */
export function quoteDotenv(value: string): string {
  assertNoNul(value);
  return `"${value.replace(/[\\"$`\n\r]/g, (c) => DOTENV_ESCAPES[c]!)}"`;
}
