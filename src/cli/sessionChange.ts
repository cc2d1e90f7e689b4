// A resolve answer as the shell variables awsx sets (shell/variables.ts), for `env` and `exec`.
import type { Result } from '../ipc/protocol.ts';
import { credentialsFromWire } from '../ipc/wireCredentials.ts';
import { formatExpiration, sessionVariables, type ShellChange } from '../shell/variables.ts';

export function changeFor(answer: Extract<Result<'resolve'>, { kind: 'credentials' }>): ShellChange {
  return sessionVariables({ profile: answer.profile, credentials: credentialsFromWire(answer.credentials), region: answer.region, current: process.env });
}

/** Just the session's expiry: the prompt hook's refresh in container-endpoint mode, where keys stay out of the shell. */
export function expirationOnly(answer: Extract<Result<'resolve'>, { kind: 'credentials' }>): ShellChange {
  const exp = answer.credentials.expiration;
  return exp === undefined ? { set: [], unset: ['AWS_CREDENTIAL_EXPIRATION'] } : { set: [['AWS_CREDENTIAL_EXPIRATION', formatExpiration(new Date(exp))]], unset: [] };
}
