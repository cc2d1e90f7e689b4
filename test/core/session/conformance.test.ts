// Each shared conformance case resolved by the engine against moto: the same STS calls in
// the same order, with the same parameters and signers, as botocore made; errors alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFORMANCE_CASES } from '../../helpers/conformance.ts';
import { credentialsOf, request, testEngine } from '../../helpers/engine.ts';
import { useMotoAndProxy } from '../../helpers/stsFixture.ts';

const sts = useMotoAndProxy();

/** SignedWith null: unsigned (AssumeRoleWithWebIdentity). */
interface Call { Action: string; SignedWith: string | null; [k: string]: unknown }

for (const dir of CONFORMANCE_CASES) {
  test(`conformance ${dir.split('/').pop()} against moto`, async () => {
    const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as { profile: string; env?: Record<string, string> };
    const run = (JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { runs: { sts_calls: Call[]; error?: { type: string }; final?: { access_key_id: string } }[] }).runs[0]!;
    const read = (f: string) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : '');
    const req = request(sts.proxy.url, read('config'), read('credentials'), spec.profile, { cwd: dir });
    const engine = testEngine();
    if (run.error) {
      await assert.rejects(engine.resolve({ ...req, env: { ...req.env, ...spec.env } }), (e: { code: string }) => e.code === run.error!.type);
      assert.equal(sts.proxy.count(), 0);
      return;
    }
    const creds = credentialsOf(await engine.resolve({ ...req, env: { ...req.env, ...spec.env } }));
    const got = sts.proxy.calls.map((c) => ({ Action: c.action, ...pick(c.params) }));
    const want = run.sts_calls.map((c) => ({ Action: c.Action, ...pick(c as Record<string, unknown>) }));
    assert.deepEqual(got, want);
    run.sts_calls.forEach((c, i) => {
      if (c.SignedWith === null) assert.equal(sts.proxy.calls[i]!.accessKeyId, undefined, `call ${i} is unsigned`);
      else if (!c.SignedWith.startsWith('STS#')) assert.equal(sts.proxy.calls[i]!.accessKeyId, c.SignedWith);
      else assert.notEqual(sts.proxy.calls[i]!.accessKeyId, sts.proxy.calls[0]!.accessKeyId, `call ${i} is signed by issued credentials`);
    });
    if (run.final && !run.final.access_key_id.startsWith('STS#')) assert.equal(creds.accessKeyId, run.final.access_key_id);
  });
}

/** The compared parameters; a generated session name matches any valid name. */
function pick(p: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ['RoleArn', 'ExternalId', 'SerialNumber', 'DurationSeconds', 'RoleSessionName', 'WebIdentityToken']) {
    if (p[k] === undefined) continue;
    const v = String(p[k]);
    out[k] = k === 'RoleSessionName' && (v === 'botocore-session-<epoch>' || /^awsx-\d+$/.test(v)) ? '<generated>' : v;
  }
  return out;
}
