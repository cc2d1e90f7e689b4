// Secrets never come from argv: any user on the machine can read a process's arguments
// (/proc/PID/cmdline, ps). A flag or KEY=VALUE that would carry one is refused by name,
// with the way to give it instead, before anything else is parsed.
import { SECRET_KEYS } from '../../../core/edit/keyRules.ts';
import { AwsxError } from '../../../core/errors.ts';

const SECRET_FLAG = /^--(aws-)?(secret-access-key|session-token|security-token)(=|$)/;

export function refuseSecretFlags(command: string, argv: readonly string[]): void {
  for (const arg of argv) {
    const key = arg.split('=')[0]!.toLowerCase();
    if (SECRET_FLAG.test(arg) || (arg.includes('=') && SECRET_KEYS.has(key))) {
      throw new AwsxError('UsageError', `${command}: secrets are not taken from the command line, where any user on the machine can read them`, {
        hint: 'use awsx profile add NAME --access-key-id ID (add --force to replace): the secret is read from the terminal, or from stdin',
      });
    }
  }
}
