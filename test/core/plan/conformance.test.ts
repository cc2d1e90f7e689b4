// The planner's STS steps for each conformance case equal the calls botocore made there
// (test/conformance/cases, recorded from botocore against a recording STS).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { planProfile } from '../../../src/core/plan/plan.ts';
import type { Plan } from '../../../src/core/plan/types.ts';
import { profilesFrom } from '../../helpers/profiles.ts';
import { CONFORMANCE_CASES } from '../../helpers/conformance.ts';

interface ExpectedCall {
  Action: string;
  RoleArn?: string;
  RoleSessionName?: string;
  ExternalId?: string;
  DurationSeconds?: string | number;
  SerialNumber?: string;
  /** null: unsigned (AssumeRoleWithWebIdentity). */
  SignedWith: string | null;
}

/** What the plan will send, in botocore's recorded shape (generated session names as botocore's placeholder). */
function plannedCalls(plan: Plan): Record<string, string>[] {
  const calls: Record<string, string>[] = [];
  if (plan.source.kind === 'web-identity') calls.push({ Action: 'AssumeRoleWithWebIdentity', RoleArn: plan.source.roleArn, RoleSessionName: plan.source.sessionName ?? 'botocore-session-<epoch>' });
  if (plan.mfaSession) calls.push({ Action: 'GetSessionToken', SerialNumber: plan.mfaSession.serial });
  for (const hop of plan.hops) {
    const call: Record<string, string> = { Action: 'AssumeRole', RoleArn: hop.roleArn, RoleSessionName: hop.sessionName ?? 'botocore-session-<epoch>' };
    if (hop.externalId !== undefined) call.ExternalId = hop.externalId;
    if (hop.durationSeconds !== undefined) call.DurationSeconds = String(hop.durationSeconds);
    if (hop.mfaSerial !== undefined) call.SerialNumber = hop.mfaSerial;
    calls.push(call);
  }
  return calls;
}

function recordedCalls(calls: ExpectedCall[]): Record<string, string>[] {
  return calls.map((c) => {
    const out: Record<string, string> = { Action: c.Action };
    for (const k of ['RoleArn', 'RoleSessionName', 'ExternalId', 'DurationSeconds', 'SerialNumber'] as const) {
      if (c[k] !== undefined) out[k] = String(c[k]);
    }
    return out;
  });
}

for (const dir of CONFORMANCE_CASES) {
  const name = dir.split('/').pop()!;
  test(`conformance ${name}: planned calls equal botocore's`, () => {
    const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as { profile: string; env?: Record<string, string> };
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { runs: { sts_calls: ExpectedCall[]; error?: { type: string }; final?: { access_key_id: string } }[] };
    const run = expected.runs[0]!;
    const set = profilesFrom(readFileSync(join(dir, 'config'), 'utf8'), existsSync(join(dir, 'credentials')) ? readFileSync(join(dir, 'credentials'), 'utf8') : '');
    if (run.error) {
      assert.throws(() => planProfile(set, spec.profile, spec.env), (e: { code: string }) => e.code === run.error!.type);
      return;
    }
    const plan = planProfile(set, spec.profile, spec.env);
    assert.deepEqual(plannedCalls(plan), recordedCalls(run.sts_calls));
    // The first call is signed by the source's keys; with no call, those keys are the result.
    if (plan.source.kind === 'static') {
      assert.equal(plan.source.accessKeyId, run.sts_calls[0]?.SignedWith ?? run.final?.access_key_id);
    }
  });
}

test('every conformance case was found', () => {
  assert.ok(CONFORMANCE_CASES.length >= 10, `found ${CONFORMANCE_CASES.length}`);
  assert.ok(readdirSync(join(CONFORMANCE_CASES[0]!, '..')).length >= CONFORMANCE_CASES.length);
});
