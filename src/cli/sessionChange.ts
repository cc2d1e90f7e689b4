// A resolve answer as the shell variables awsx sets (shell/variables.ts), for `env` and `exec`.
import type { Result } from '../ipc/protocol.ts';
import { credentialsFromWire } from '../ipc/wireCredentials.ts';
import { sessionVariables, type ShellChange } from '../shell/variables.ts';

export function changeFor(answer: Extract<Result<'resolve'>, { kind: 'credentials' }>): ShellChange {
  return sessionVariables({ profile: answer.profile, credentials: credentialsFromWire(answer.credentials), region: answer.region });
}
