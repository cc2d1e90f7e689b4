// Wires the real session engine for the daemon: STS through the AWS SDK, and the
// credential_process / mfa_process runners. Imported lazily (engineHost.ts), so the SDK
// is loaded on the first request that needs STS, not at daemon start.
import type { MfaProcessRunner } from '../core/process/api.ts';
import type { EngineParts } from './engineHost.ts';
import type { Logger } from './log.ts';

/** `processTimeoutSeconds`: AWSX_PROCESS_TIMEOUT_SECONDS (settings.ts), for both kinds of command. */
export async function createEngineParts(log?: Pick<Logger, 'warn'>, processTimeoutSeconds?: number): Promise<EngineParts> {
  const [{ SessionEngine }, { createSdkSts }, { runCredentialProcess }, { runMfaProcess }] = await Promise.all([
    import('../core/session/engine.ts'),
    import('../core/sts/sdkSts.ts'),
    import('../core/process/credentialProcess.ts'),
    import('../core/process/mfaProcess.ts'),
  ]);
  const sts = createSdkSts();
  const ms = processTimeoutSeconds === undefined ? undefined : processTimeoutSeconds * 1000;
  const timed = ms === undefined ? {} : { processTimeoutMs: ms, runMfaProcess: ((profile, command, ctx) => runMfaProcess(profile, command, { ...ctx, timeoutMs: ms })) satisfies MfaProcessRunner };
  return { engine: new SessionEngine({ sts, runCredentialProcess, runMfaProcess, ...timed, ...(log ? { warn: (m: string) => log.warn(m) } : {}) }), sts };
}
