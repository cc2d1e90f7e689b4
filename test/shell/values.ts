// The escaping matrix of docs/security.md test 42, shared by the quoting and real-shell tests.
import type { Credentials } from '../../src/core/credentials.ts';

export const NASTY_VALUES: readonly string[] = [
  '$(touch PWNED)',
  '`touch PWNED`',
  "it's",
  "'; touch PWNED; '",
  '"; touch PWNED; "',
  'back\\slash\\',
  '\\',
  'line one\nline two\n',
  '\ttab\tinside',
  'cr\rhere',
  '!event !! !$',
  '*',
  'x * ; touch PWNED ; * y',
  'x* ; touch PWNED ; *y',
  '[a-z]?(x)+(y)@(z)!(w)*(v)',
  '${IFS}touch${IFS}PWNED',
  '-n',
  '  leading and trailing  ',
  'ünïcødé ✓ 日本 🦆',
  '‘smart’ ‚low‛ “double” „low”',
  "''",
  '',
];

export const CREDENTIALS: Credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY+',
  sessionToken: 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJH==',
  expiration: new Date('2026-11-28T12:00:00.999Z'),
};
