// Wires the real session engine for the daemon: STS through the AWS SDK, and the
// credential_process / mfa_process runners. Imported lazily (engineHost.ts), so the SDK
// is loaded on the first request that needs STS, not at daemon start.
import type { EngineParts } from './engineHost.ts';
import type { Logger } from './log.ts';

export async function createEngineParts(log?: Pick<Logger, 'warn'>): Promise<EngineParts> {
  const [{ SessionEngine }, { createSdkSts }, { runCredentialProcess }, { runMfaProcess }] = await Promise.all([
    import('../core/session/engine.ts'),
    import('../core/sts/sdkSts.ts'),
    import('../core/process/credentialProcess.ts'),
    import('../core/process/mfaProcess.ts'),
  ]);
  const sts = createSdkSts();
  return { engine: new SessionEngine({ sts, runCredentialProcess, runMfaProcess, ...(log ? { warn: (m: string) => log.warn(m) } : {}) }), sts };
}
