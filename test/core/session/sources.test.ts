// The sources behind one interface: a kind the plan does not know, added by one file
// (counterSource.ts) and one line in the engine's table, is resolved and cached by the
// engine like any other, and signs the AssumeRole after it (against moto).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Plan, SourceStep } from '../../../src/core/plan/types.ts';
import { SOURCES } from '../../../src/core/session/sources/registry.ts';
import { useMotoAndProxy } from '../../helpers/stsFixture.ts';
import { credentialsOf, request, testClock, testEngine } from '../../helpers/engine.ts';
import { counterSource, type CounterStep } from './counterSource.ts';

const sts = useMotoAndProxy();

test('a test-only source kind: one file and one table line; the engine caches it and chains a role on it', async () => {
  const clock = testClock();
  const counter = counterSource();
  const engine = testEngine(clock, { sources: { ...SOURCES, 'test-counter': counter.source } });
  const step: CounterStep = { kind: 'test-counter', profile: 'counted', lifetimeMs: 3600_000 };
  // The plan's union names the built-in kinds; the planner for a new kind is its plan step.
  const plan: Plan = {
    profile: 'app',
    source: step as unknown as SourceStep,
    mfaSession: undefined,
    hops: [{ profile: 'app', roleArn: 'arn:aws:iam::222222222222:role/app', sessionName: undefined, externalId: undefined, durationSeconds: undefined, durationCappedFrom: undefined, mfaSerial: undefined }],
    region: 'us-east-1',
    notes: [],
  };
  const req = request(sts.proxy.url, '', '', 'app');
  const a = credentialsOf(await engine.resolvePlan(plan, req));
  assert.equal(sts.proxy.calls[0]!.accessKeyId, 'AKIATESTCOUNTER00001', 'the test source signed the AssumeRole');
  assert.equal(credentialsOf(await engine.resolvePlan(plan, req)).accessKeyId, a.accessKeyId);
  assert.deepEqual([counter.calls(), sts.proxy.count('AssumeRole')], [1, 1], 'both steps served from the cache');
  assert.deepEqual(engine.sessions().map((s) => [s.profile, s.identity]), [['app', 'arn:aws:iam::222222222222:role/app']]);
  clock.advance(50 * 60_000); // both inside the refresh window: each step is fetched again
  credentialsOf(await engine.resolvePlan(plan, req));
  assert.deepEqual([counter.calls(), sts.proxy.count('AssumeRole')], [2, 2]);
  assert.equal(sts.proxy.calls[1]!.accessKeyId, 'AKIATESTCOUNTER00002', 'the new key signs the new role session');
});
