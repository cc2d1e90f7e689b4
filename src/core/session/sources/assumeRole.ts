// One AssumeRole of a chain, signed by the step before, with the code when the hop names
// its MFA device.
import type { RoleHop } from '../../plan/types.ts';
import { MAX_CHAINED_DURATION } from '../../stsLimits.ts';
import { hopKey } from '../keys.ts';
import { signerOf, type Source } from './source.ts';
import { generatedSessionName, issuedEntry } from './stsAnswer.ts';

export type AssumeRoleStep = RoleHop & { readonly kind: 'assume-role' };

export const assumeRole: Source<AssumeRoleStep> = (hop, ctx) => {
  const signer = signerOf(ctx);
  // Role chaining is limited to 1 h; a source known to be temporary only at run time
  // (credential_process, credential_source) is capped here, the rest by the planner.
  const duration = signer.sessionToken && (hop.durationSeconds ?? 0) > MAX_CHAINED_DURATION ? MAX_CHAINED_DURATION : hop.durationSeconds;
  return {
    kind: 'call',
    key: hopKey(signer.accessKeyId, hop, duration, ctx.target),
    mfa: hop.mfaSerial === undefined ? undefined : { serial: hop.mfaSerial, profile: hop.profile },
    fetch: (code) => ctx.deps.sts.assumeRole({
      roleArn: hop.roleArn,
      sessionName: hop.sessionName ?? generatedSessionName(ctx.deps.now()),
      externalId: hop.externalId,
      durationSeconds: duration,
      serialNumber: hop.mfaSerial,
      tokenCode: code,
    }, signer, ctx.target).then((c) => issuedEntry(c, ctx)),
  };
};
