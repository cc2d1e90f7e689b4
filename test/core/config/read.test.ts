// Reading a config or credentials file whatever the path names (issue 17.4): the daemon
// reads the file a caller's AWS_CONFIG_FILE names, so a FIFO, a terminal or an endless
// device must neither stall it nor fill its memory.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { isAwsxError } from '../../../src/core/errors.ts';
import { readConfigFile } from '../../../src/core/config/read.ts';
import { tempDir } from '../../helpers/tempDir.ts';

const sections = (path: string) => readConfigFile(path).doc.sections.map((s) => s.name);

test('a regular file is read', (t) => {
  const path = join(tempDir(t), 'config');
  writeFileSync(path, '[profile a]\nregion = eu-west-1\n');
  assert.deepEqual(sections(path), ['profile a']);
});

test('/dev/null, a common "no config", reads as empty', () => {
  assert.deepEqual(sections('/dev/null'), []);
});

test('a FIFO nobody writes to reads as empty at once, without waiting for a writer', { timeout: 10_000 }, (t) => {
  const fifo = join(tempDir(t), 'fifo');
  execFileSync('mkfifo', [fifo]);
  // A blocking open would wait for a writer forever, and this test would end at its timeout.
  assert.deepEqual(sections(fifo), []);
});

test('/dev/zero is cut at the 16 MB cap, never read without end', () => {
  assert.throws(() => readConfigFile('/dev/zero'), (e) => isAwsxError(e) && e.code === 'FileError' && e.message === '/dev/zero is more than 16 MB, too large for a config file (limit 16 MB)');
});
