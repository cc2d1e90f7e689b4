import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configPaths, expandPath } from '../../../src/core/config/paths.ts';

test('default paths are under the home directory', () => {
  assert.deepEqual(configPaths({}, '/home/u'), { config: '/home/u/.aws/config', credentials: '/home/u/.aws/credentials' });
  assert.deepEqual(configPaths({ HOME: '/h' }, '/home/u'), { config: '/h/.aws/config', credentials: '/h/.aws/credentials' });
});

test('AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE win, with $VAR then ~ expanded as botocore does', () => {
  const env = { HOME: '/h', AWS_CONFIG_FILE: '$CFG/config', AWS_SHARED_CREDENTIALS_FILE: '~/creds', CFG: '/etc/aws' };
  assert.deepEqual(configPaths(env, '/x'), { config: '/etc/aws/config', credentials: '/h/creds' });
});

test('expandvars leaves unknown variables alone; ${NAME} works; ~ only at the start', () => {
  const env = { HOME: '/h', A: '/a' };
  assert.equal(expandPath('${A}/x/$NOPE/y', env, '/h'), '/a/x/$NOPE/y');
  assert.equal(expandPath('~', env, '/h'), '/h');
  assert.equal(expandPath('/x/~/y', env, '/h'), '/x/~/y');
  assert.equal(expandPath('$A', { A: '~/z', HOME: '/h' }, '/h'), '/h/z', 'expandvars runs first, then expanduser');
});

test("relative paths are the caller's: with its working directory given, they resolve against it (issue 16.2)", () => {
  const env = { HOME: '/h', AWS_CONFIG_FILE: 'aws/config', AWS_SHARED_CREDENTIALS_FILE: '../creds' };
  assert.deepEqual(configPaths(env, '/h', '/work/project'), { config: '/work/project/aws/config', credentials: '/work/creds' });
  assert.deepEqual(configPaths({ HOME: '/h' }, '/h', '/work/project'), { config: '/h/.aws/config', credentials: '/h/.aws/credentials' }, 'absolute paths stay');
  assert.deepEqual(configPaths(env, '/h'), { config: 'aws/config', credentials: '../creds' }, "no directory given: this process's own");
});
