// credential_process (docs/aws-config.md section 6): run through the injected runner with
// the caller's environment and working directory; output without an Expiration is reused
// for processCacheMs.
import type { SourceStep } from '../../plan/types.ts';
import { processKey } from '../keys.ts';
import type { Source } from './source.ts';

export const credentialProcess: Source<Extract<SourceStep, { kind: 'process' }>> = (step, { deps, req }) => {
  const ctx = { env: req.env, cwd: req.cwd, timeoutMs: deps.processTimeoutMs ?? 30_000 };
  return {
    kind: 'call',
    key: processKey(step.command, req.cwd),
    fetch: () => deps.runCredentialProcess(step.profile, step.command, ctx).then((c) => ({
      credentials: c,
      expiresAt: c.expiration?.getTime() ?? deps.now() + (deps.processCacheMs ?? 5 * 60_000),
    })),
  };
};
