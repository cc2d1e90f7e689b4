// The conformance harness (test/conformance: botocore's resolver and a recording STS) and
// its cases. AWSX_CONFORMANCE points elsewhere, for cases kept outside the repository.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export const CONFORMANCE_DIR = process.env.AWSX_CONFORMANCE ?? join(ROOT, 'test', 'conformance');

if (!existsSync(join(CONFORMANCE_DIR, 'cases'))) {
  throw new Error(`conformance cases not found at ${CONFORMANCE_DIR}/cases: set AWSX_CONFORMANCE to a conformance folder`);
}

export const CONFORMANCE_CASES: string[] = readdirSync(join(CONFORMANCE_DIR, 'cases'))
  .sort()
  .map((d) => join(CONFORMANCE_DIR, 'cases', d));
