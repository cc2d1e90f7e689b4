// "A code is needed" travels up from the step that needs it as a value the engine turns
// into an answer, not as an error: the caller asks a person and tries again.
import { isStsError } from '../sts/errors.ts';

export interface MfaPrompt {
  readonly serial: string;
  /** The profile that names the device (its mfa_process, if any, supplies the code). */
  readonly profile: string;
}

export class MfaNeeded {
  constructor(
    readonly serial: string,
    readonly reason: 'no-code' | 'code-rejected' | 'code-reused',
  ) {}
}

/** STS refused the one-time code itself (as opposed to any other denial). */
export function isMfaCodeRejected(e: unknown): boolean {
  return isStsError(e) && e.reason === 'mfa-rejected';
}
