// A session engine wired to the real STS adapter and process runners, with a clock the
// test can move, against an STS endpoint (moto behind the fault proxy).
import { SessionEngine, type EngineDeps } from '../../src/core/session/engine.ts';
import type { ResolveRequest, ResolveResult } from '../../src/core/session/types.ts';
import { createSdkSts } from '../../src/core/sts/sdkSts.ts';
import { runCredentialProcess } from '../../src/core/process/credentialProcess.ts';
import { runMfaProcess } from '../../src/core/process/mfaProcess.ts';
import type { Credentials } from '../../src/core/credentials.ts';
import { profilesFrom } from './profiles.ts';

export interface TestClock {
  now(): number;
  /** Moves the clock forward (a laptop waking from sleep). */
  advance(ms: number): void;
}

export function testClock(): TestClock {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms) => (offset += ms) };
}

/** `extra`: more engine deps, e.g. a `warn` that records what the daemon would log. */
export function testEngine(clock: TestClock = testClock(), extra: Partial<EngineDeps> = {}): SessionEngine {
  return new SessionEngine({
    // STS's Date header is read against the same clock, so a moved clock is a true skew.
    sts: createSdkSts({ retry: { baseMs: 10, capMs: 50, deadlineMs: 2_000 }, now: clock.now }),
    runCredentialProcess,
    runMfaProcess,
    now: clock.now,
    ...extra,
  });
}

export function request(endpoint: string, config: string, credentials: string, profile: string, extra: Partial<ResolveRequest> = {}): ResolveRequest {
  return { set: profilesFrom(config, credentials), profile, env: { AWS_ENDPOINT_URL_STS: endpoint, AWSX_ALLOW_INSECURE_ENDPOINTS: '1', AWS_DEFAULT_REGION: 'us-east-1', PATH: process.env.PATH }, ...extra };
}

export function credentialsOf(r: ResolveResult): Credentials {
  if (r.kind !== 'credentials') throw new Error(`expected credentials, got ${JSON.stringify(r)}`);
  return r.credentials;
}
