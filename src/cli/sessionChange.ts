// A resolve answer as the shell variables awsx sets (shell/variables.ts), for `env` and `exec`.
import type { Credentials } from '../core/credentials.ts';
import type { Result, WireCredentials } from '../ipc/protocol.ts';
import { sessionVariables, type ShellChange } from '../shell/variables.ts';

export function credentialsFromWire(c: WireCredentials): Credentials {
  return {
    accessKeyId: c.accessKeyId,
    secretAccessKey: c.secretAccessKey,
    sessionToken: c.sessionToken,
    expiration: c.expiration === undefined ? undefined : new Date(c.expiration),
    accountId: c.accountId,
  };
}

export function changeFor(answer: Extract<Result<'resolve'>, { kind: 'credentials' }>): ShellChange {
  return sessionVariables({ profile: answer.profile, credentials: credentialsFromWire(answer.credentials), region: answer.region });
}
