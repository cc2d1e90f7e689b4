// A fresh temporary directory per test, removed when the test ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';

export function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'awsx-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// Reads the process umask without the deprecated no-argument call.
export function currentUmask(): number {
  const mask = process.umask(0o022);
  process.umask(mask);
  return mask;
}
