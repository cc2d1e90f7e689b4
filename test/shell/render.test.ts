import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AwsxError } from '../../src/core/errors.ts';
import { render, SHELL_FORMATS, type ShellFormat } from '../../src/shell/render.ts';
import { detectShell } from '../../src/shell/shells/index.ts';
import { clearVariables, type ShellChange } from '../../src/shell/variables.ts';

const PLAIN: ShellChange = {
  set: [
    ['AWS_ACCESS_KEY_ID', 'ASIAEXAMPLE'],
    ['AWS_SECRET_ACCESS_KEY', 'wJalr/K7+EXAMPLE=='],
    ['AWSX_PROFILE', 'prod'],
  ],
  unset: ['AWS_SESSION_TOKEN', 'AWS_PROFILE'],
};

const HOSTILE: ShellChange = {
  set: [
    ['AWSX_PROFILE', "it's *(x)\n$HOME"],
    ['AWS_REGION', '‘a\\b’'],
  ],
  unset: [],
};

const CLEAR_NAMES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWSX_REGION_SET',
  'AWSX_PROFILE',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
];

// Every expected output is literal text; `lines` only adds the newline after each line.
const lines = (...l: string[]) => l.map((line) => `${line}\n`).join('');

type Expected = readonly [plain: string, hostile: string, clear: string];

// bash and zsh share the POSIX renderer.
const POSIX: Expected = [
  lines(
    "export AWS_ACCESS_KEY_ID='ASIAEXAMPLE';",
    "export AWS_SECRET_ACCESS_KEY='wJalr/K7+EXAMPLE==';",
    "export AWSX_PROFILE='prod';",
    'unset AWS_SESSION_TOKEN;',
    'unset AWS_PROFILE;',
  ),
  lines(
    "for __awsx_28 in /dev/null/'('; do :; done;",
    "for __awsx_2a in /dev/null/'*'; do :; done;",
    `export AWSX_PROFILE='it'\\''s '"\${__awsx_2a#/dev/null/}""\${__awsx_28#/dev/null/}"'x)\n$HOME';`,
    "export AWS_REGION='‘a\\b’';",
    'unset __awsx_28 __awsx_2a;',
  ),
  lines(...CLEAR_NAMES.map((name) => `unset ${name};`)),
];

const EXPECTED: Record<ShellFormat, Expected> = {
  bash: POSIX,
  zsh: POSIX,
  fish: [
    lines(
      "set -gx AWS_ACCESS_KEY_ID 'ASIAEXAMPLE';",
      "set -gx AWS_SECRET_ACCESS_KEY 'wJalr/K7+EXAMPLE==';",
      "set -gx AWSX_PROFILE 'prod';",
      'if set -q -g AWS_SESSION_TOKEN; set -e -g AWS_SESSION_TOKEN; end;',
      'if set -q -g AWS_PROFILE; set -e -g AWS_PROFILE; end;',
    ),
    lines("set -gx AWSX_PROFILE 'it\\'s *(x)\n$HOME';", "set -gx AWS_REGION '‘a\\\\b’';"),
    lines(...CLEAR_NAMES.map((name) => `if set -q -g ${name}; set -e -g ${name}; end;`)),
  ],
  pwsh: [
    lines(
      "$Env:AWS_ACCESS_KEY_ID = 'ASIAEXAMPLE';",
      "$Env:AWS_SECRET_ACCESS_KEY = 'wJalr/K7+EXAMPLE==';",
      "$Env:AWSX_PROFILE = 'prod';",
      'Remove-Item Env:AWS_SESSION_TOKEN -ErrorAction SilentlyContinue;',
      'Remove-Item Env:AWS_PROFILE -ErrorAction SilentlyContinue;',
    ),
    lines("$Env:AWSX_PROFILE = ('it''s *(x)' + \"`n\" + '$HOME');", "$Env:AWS_REGION = '‘‘a\\b’’';"),
    lines(...CLEAR_NAMES.map((name) => `Remove-Item Env:${name} -ErrorAction SilentlyContinue;`)),
  ],
  json: [
    lines(
      '{',
      '  "AWS_ACCESS_KEY_ID": "ASIAEXAMPLE",',
      '  "AWS_SECRET_ACCESS_KEY": "wJalr/K7+EXAMPLE==",',
      '  "AWSX_PROFILE": "prod"',
      '}',
    ),
    lines('{', '  "AWSX_PROFILE": "it\'s *(x)\\n$HOME",', '  "AWS_REGION": "‘a\\\\b’"', '}'),
    lines('{}'),
  ],
  dotenv: [
    lines('AWS_ACCESS_KEY_ID="ASIAEXAMPLE"', 'AWS_SECRET_ACCESS_KEY="wJalr/K7+EXAMPLE=="', 'AWSX_PROFILE="prod"'),
    lines('AWSX_PROFILE="it\'s *(x)\\n\\$HOME"', 'AWS_REGION="‘a\\\\b’"'),
    '',
  ],
};

const CASES = [
  ['plain', PLAIN],
  ['hostile', HOSTILE],
  ['clear', clearVariables()],
] as const;

for (const format of SHELL_FORMATS) {
  CASES.forEach(([label, change], i) => {
    test(`${format}: ${label}`, () => {
      assert.equal(render(format, change), EXPECTED[format][i]);
    });
  });
}

test('json parses back to exactly the values that were set', () => {
  assert.deepEqual(JSON.parse(render('json', HOSTILE)), Object.fromEntries(HOSTILE.set));
});

test('json keeps a variable named __proto__ as a plain key', () => {
  const out = render('json', { set: [['__proto__', 'x']], unset: [] });
  assert.equal(out, lines('{', '  "__proto__": "x"', '}'));
});

const isValidationError = (e: unknown) => e instanceof AwsxError && e.code === 'ValidationError';

test('every format refuses an invalid name in set or unset, before printing anything', () => {
  for (const format of SHELL_FORMATS) {
    assert.throws(() => render(format, { set: [['A;touch PWNED', 'v']], unset: [] }), isValidationError);
    assert.throws(() => render(format, { set: [], unset: ['$(touch PWNED)'] }), isValidationError);
  }
});

test('every format refuses a name mentioned twice, a reserved name, and a NUL in a value', () => {
  for (const format of SHELL_FORMATS) {
    assert.throws(() => render(format, { set: [['__awsx_2a', '1']], unset: [] }), isValidationError);
    assert.throws(() => render(format, { set: [['A', '1']], unset: ['A'] }), isValidationError);
    assert.throws(() => render(format, { set: [['A', '1'], ['A', '2']], unset: [] }), isValidationError);
    assert.throws(() => render(format, { set: [['A', 'x\0y']], unset: [] }), /variable A: contains a NUL/);
  }
});

const SHELLS: ReadonlyArray<readonly [string | undefined, ShellFormat]> = [
  ['/bin/bash', 'bash'],
  ['/usr/local/bin/zsh', 'zsh'],
  ['/opt/homebrew/bin/fish', 'fish'],
  ['/usr/bin/pwsh', 'pwsh'],
  ['C:\\Program Files\\PowerShell\\7\\pwsh.exe', 'pwsh'],
  ['/bin/sh', 'bash'],
  ['/bin/dash', 'bash'],
  ['/usr/bin/tcsh', 'bash'],
  ['', 'bash'],
  [undefined, 'bash'],
];

for (const [shell, expected] of SHELLS) {
  test(`detectShell: SHELL=${JSON.stringify(shell)} -> ${expected}`, () => {
    assert.equal(detectShell(shell === undefined ? {} : { SHELL: shell }), expected);
  });
}
