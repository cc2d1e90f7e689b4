// The whole chain against botocore: for each shared conformance case, the harness runs
// `awsx env P` (a fresh daemon in a private runtime dir), evaluates the exports, and the
// real AWS CLI calls GetCallerIdentity; the harness compares every STS call and the final
// key with what botocore did (test/conformance/README.md). The candidate stops the
// daemon it started, and this test checks that nothing is left running.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { REPO_ROOT } from '../helpers/cli.ts';
import { CONFORMANCE_CASES, CONFORMANCE_DIR } from '../helpers/conformance.ts';

const CANDIDATE = `${join(REPO_ROOT, 'test/helpers/conformance-candidate.sh')} {profile}`;

function runCase(dir: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    for (const k of Object.keys(env)) if (/^AWSX?_|^NODE_/.test(k)) delete env[k];
    const child = spawn('python3', [join(CONFORMANCE_DIR, 'resolve_ref.py'), dir, '--candidate', CANDIDATE], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

function awsxDaemons(): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'utf8').startsWith('awsx-daemon') && readFileSync(`/proc/${p}/environ`, 'utf8').includes('awsx-conf-');
      } catch {
        return false;
      }
    })
    .map(Number);
}

test('conformance: eval "$(awsx env P)" && aws sts get-caller-identity matches botocore', { concurrency: 3 }, async (t) => {
  await Promise.all(
    CONFORMANCE_CASES.map((dir) =>
      t.test(basename(dir), async () => {
        const r = await runCase(dir);
        assert.equal(r.code, 0, r.out);
        assert.match(r.out, /^PASS /m, r.out);
      }),
    ),
  );
});

test('conformance candidates left no daemon running', () => {
  assert.deepEqual(awsxDaemons(), []);
});
