// `mfa_process` (as aws-vault has it): a command that prints the current one-time code, for
// password managers and YubiKeys (`ykman oath accounts code --single NAME`). The code is a
// secret for its 30 seconds, so a wrong output is described, never quoted.
import { isMfaCode } from '../mfaCode.ts';
import type { MfaProcessRunner } from './api.ts';
import { processError, runConfigured } from './runConfigured.ts';

export const runMfaProcess: MfaProcessRunner = async (profile, command, ctx) => {
  const code = (await runConfigured(profile, 'mfa_process', command, ctx)).trim();
  if (isMfaCode(code)) return code;
  const what = code === '' ? 'printed nothing' : `printed ${code.length} characters that are not a 6-digit code`;
  throw processError(profile, 'mfa_process', what, 'it must print only the current 6-digit code on stdout (anything else goes to stderr)');
};
