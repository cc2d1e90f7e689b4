// The shape of an MFA one-time code, the one rule for it: what STS takes as TokenCode is
// exactly six digits (docs/aws-config.md section 9). The CLI checks --mfa-code and typed
// codes with it, mfa_process output is checked with it, and the picker's entry is this long.

export const MFA_CODE_LENGTH = 6;

const MFA_CODE = new RegExp(`^\\d{${MFA_CODE_LENGTH}}$`);

export function isMfaCode(code: string): boolean {
  return MFA_CODE.test(code);
}
