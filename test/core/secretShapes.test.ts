// What counts as secret-shaped (src/core/secretShapes.ts, docs/security.md test 50), and
// how a parse error of a secrets file says where without quoting.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAwsxError } from '../../src/core/errors.ts';
import { parseIni } from '../../src/core/ini/parse.ts';
import { hideSecretShapes } from '../../src/core/secretShapes.ts';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const TOKEN = 'IQoJb3JpZ2luX2VjEJr' + 'aB3'.repeat(60);

test('access key ids, secret keys and session tokens are hidden; words, paths and ARNs are not', () => {
  const rows: [string, string][] = [
    [`AKIAIOSFODNN7EXAMPLE,${SECRET}`, '[hidden],[hidden]'],
    [`aws_session_token ${TOKEN}`, 'aws_session_token [hidden]'],
    ['key ASIAQWERTYUIOPASDFGH expired', 'key [hidden] expired'],
    ['arn:aws:iam::123456789012:role/prod-admin', 'arn:aws:iam::123456789012:role/prod-admin'],
    ['/home/someone/projects/infrastructure/bin', '/home/someone/projects/infrastructure/bin'],
    ['abcdefghijklmnopqrstuvwxyzabcdefghijklmn', 'abcdefghijklmnopqrstuvwxyzabcdefghijklmn'],
    ['AKIAIOSFODNN7EXAMPLEX is not a key id', 'AKIAIOSFODNN7EXAMPLEX is not a key id'],
  ];
  for (const [text, want] of rows) assert.equal(hideSecretShapes(text), want, text);
});

test('a parse error quotes a config line without its secrets, and names only the line in a secrets file', () => {
  const messageOf = (secretFile: boolean): string => {
    try {
      parseIni(`[default]\nAKIAIOSFODNN7EXAMPLE,${SECRET}\n`, '/h/.aws/f', { secretFile });
    } catch (e) {
      if (isAwsxError(e)) return e.message;
    }
    return 'no error';
  };
  assert.equal(messageOf(false), '/h/.aws/f, line 2: "[hidden],[hidden]" is not "key = value", a [section] header or a comment');
  assert.equal(messageOf(true), '/h/.aws/f, line 2: this line is not "key = value", a [section] header or a comment');
});
