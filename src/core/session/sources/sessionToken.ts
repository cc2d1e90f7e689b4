// GetSessionToken with an MFA code (docs/aws-config.md section 13): one code opens a session
// that signs every role behind the device while it lives.
import type { MfaSessionStep } from '../../plan/types.ts';
import { mfaSessionKey } from '../keys.ts';
import { signerOf, type Source } from './source.ts';
import { issuedEntry } from './stsAnswer.ts';

/** The plan's MFA session; `profile` names the device (its mfa_process supplies the code). */
export type SessionTokenStep = MfaSessionStep & { readonly kind: 'session-token'; readonly profile: string };

export const sessionToken: Source<SessionTokenStep> = (step, ctx) => {
  const signer = signerOf(ctx);
  return {
    kind: 'call',
    key: mfaSessionKey(signer.accessKeyId, step, ctx.target),
    mfa: { serial: step.serial, profile: step.profile },
    fetch: (code) => ctx.deps.sts.getSessionToken({ durationSeconds: step.durationSeconds, serialNumber: step.serial, tokenCode: code }, signer, ctx.target)
      .then((c) => issuedEntry(c, ctx)),
  };
};
