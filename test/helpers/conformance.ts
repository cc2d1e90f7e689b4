// Where the shared conformance harness lives: ../shared/conformance beside the checkout
// (CI lays a copy there too). AWSX_CONFORMANCE overrides it.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export const CONFORMANCE_DIR = process.env.AWSX_CONFORMANCE ?? join(ROOT, '..', 'shared', 'conformance');

if (!existsSync(join(CONFORMANCE_DIR, 'cases'))) {
  throw new Error(`conformance cases not found at ${CONFORMANCE_DIR}/cases: set AWSX_CONFORMANCE to the shared/conformance folder`);
}

export const CONFORMANCE_CASES: string[] = readdirSync(join(CONFORMANCE_DIR, 'cases'))
  .sort()
  .map((d) => join(CONFORMANCE_DIR, 'cases', d));
