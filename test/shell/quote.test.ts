import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AwsxError } from '../../src/core/errors.ts';
import {
  assertVariableName,
  quoteDotenv,
  quoteFish,
  quotePosix,
  quotePwsh,
} from '../../src/shell/quote.ts';

const raw = String.raw;

// [input, posix, fish, pwsh, dotenv]: every expected string written out by hand.
const TABLE: ReadonlyArray<readonly [string, string, string, string, string]> = [
  ['plain', `'plain'`, `'plain'`, `'plain'`, `"plain"`],
  ['', `''`, `''`, `''`, `""`],
  ['$(touch PWNED)', `'$(touch PWNED)'`, `'$(touch PWNED)'`, `'$(touch PWNED)'`, raw`"\$(touch PWNED)"`],
  ['`touch PWNED`', "'`touch PWNED`'", "'`touch PWNED`'", "'`touch PWNED`'", '"\\`touch PWNED\\`"'],
  ["it's", raw`'it'\''s'`, raw`'it\'s'`, `'it''s'`, `"it's"`],
  ["'", raw`''\'''`, raw`'\''`, `''''`, `"'"`],
  ['say "hi"', `'say "hi"'`, `'say "hi"'`, `'say "hi"'`, raw`"say \"hi\""`],
  [raw`back\slash\\`, raw`'back\slash\\'`, raw`'back\\slash\\\\'`, raw`'back\slash\\'`, raw`"back\\slash\\\\"`],
  ['one\ntwo', `'one\ntwo'`, `'one\ntwo'`, "('one' + \"`n\" + 'two')", raw`"one\ntwo"`],
  ['crlf\r\n', `'crlf\r\n'`, `'crlf\r\n'`, "('crlf' + \"`r\" + \"`n\")", raw`"crlf\r\n"`],
  ['\n', `'\n'`, `'\n'`, '"`n"', raw`"\n"`],
  ['tab\there', `'tab\there'`, `'tab\there'`, `'tab\there'`, `"tab\there"`],
  ['!event', `'!event'`, `'!event'`, `'!event'`, `"!event"`],
  ['*', `'*'`, `'*'`, `'*'`, `"*"`],
  ['${IFS}', `'\${IFS}'`, `'\${IFS}'`, `'\${IFS}'`, raw`"\${IFS}"`],
  ['-n', `'-n'`, `'-n'`, `'-n'`, `"-n"`],
  ['  spaced  ', `'  spaced  '`, `'  spaced  '`, `'  spaced  '`, `"  spaced  "`],
  ['ünïcødé 日本 🦆', `'ünïcødé 日本 🦆'`, `'ünïcødé 日本 🦆'`, `'ünïcødé 日本 🦆'`, `"ünïcødé 日本 🦆"`],
  // PowerShell: U+2018, U+2019, U+201A and U+201B are single quotes too, each doubled.
  ['‘smart’', `'‘smart’'`, `'‘smart’'`, `'‘‘smart’’'`, `"‘smart’"`],
  ['‚low‛', `'‚low‛'`, `'‚low‛'`, `'‚‚low‛‛'`, `"‚low‛"`],
  ["’; Remove-Item ~ -Recurse; ‘", "'’; Remove-Item ~ -Recurse; ‘'", "'’; Remove-Item ~ -Recurse; ‘'", "'’’; Remove-Item ~ -Recurse; ‘‘'", '"’; Remove-Item ~ -Recurse; ‘"'],
  // Double curly quotes are not single-quote characters: left alone.
  ['“double”', `'“double”'`, `'“double”'`, `'“double”'`, `"“double”"`],
];

for (const [input, posix, fish, pwsh, dotenv] of TABLE) {
  test(`quoting ${JSON.stringify(input)} (security 42)`, () => {
    assert.equal(quotePosix(input), posix, 'posix');
    assert.equal(quoteFish(input), fish, 'fish');
    assert.equal(quotePwsh(input), pwsh, 'pwsh');
    assert.equal(quoteDotenv(input), dotenv, 'dotenv');
  });
}

test('a PowerShell literal never spans lines, so `| Invoke-Expression` sees whole statements (security 42)', () => {
  for (const value of ['a\nb', 'a\r\nb', '\n\n', 'x\rRemove-Item ~ -Recurse\r']) {
    assert.doesNotMatch(quotePwsh(value), /[\r\n]/, JSON.stringify(value));
  }
});

test('NUL is refused by every quoting function', () => {
  for (const quote of [quotePosix, quoteFish, quotePwsh, quoteDotenv]) {
    assert.throws(() => quote('a\0b'), (e) => e instanceof AwsxError && e.code === 'ValidationError');
  }
});

test('valid variable names pass', () => {
  for (const name of ['AWS_REGION', '_', '_x1', 'a', 'Z9']) assert.doesNotThrow(() => assertVariableName(name));
});

test('invalid variable names are refused, not quoted (security 42)', () => {
  const invalid = ['', '1AWS', 'AWS-REGION', 'AWS REGION', 'A=B', 'A;touch PWNED', '$(touch PWNED)', 'Ä', 'A\n', 'A.B', "A'"];
  for (const name of invalid) {
    assert.throws(
      () => assertVariableName(name),
      (e) => e instanceof AwsxError && e.code === 'ValidationError' && e.message.startsWith('variable '),
      JSON.stringify(name),
    );
  }
});

test('the refusal shows a name with control characters escaped', () => {
  assert.throws(() => assertVariableName('A\u001b]52;c;x\u0007'), (e) => {
    return e instanceof AwsxError && !/[\u0000-\u001f]/.test(e.message);
  });
});
