// Cache keys: everything that changes a step's result, and no secret. A step signed by
// other credentials is keyed by the signer's access key id, so when a source is refreshed
// (or mfa_serial / role_arn change in the config) every step after it is keyed anew and
// an old session is never returned for a new configuration (aws-vault #496).
import type { StsTarget } from '../sts/api.ts';
import type { MfaSessionStep, RoleHop } from '../plan/types.ts';

function join(parts: readonly (string | number | undefined)[]): string {
  return JSON.stringify(parts.map((p) => (p === undefined ? null : p)));
}

const where = (t: StsTarget) => [t.region, t.endpoint];

export function mfaSessionKey(signerKeyId: string, step: MfaSessionStep, t: StsTarget): string {
  return join(['GetSessionToken', signerKeyId, step.serial, step.durationSeconds, ...where(t)]);
}

export function hopKey(signerKeyId: string, hop: RoleHop, durationSeconds: number | undefined, t: StsTarget): string {
  return join(['AssumeRole', signerKeyId, hop.roleArn, hop.sessionName, hop.externalId, durationSeconds, hop.mfaSerial, ...where(t)]);
}

export function webIdentityKey(roleArn: string, sessionName: string | undefined, tokenFile: string, tokenHash: string, t: StsTarget): string {
  return join(['AssumeRoleWithWebIdentity', roleArn, sessionName, tokenFile, tokenHash, ...where(t)]);
}

export function processKey(command: string, cwd: string | undefined): string {
  return join(['credential_process', command, cwd]);
}
