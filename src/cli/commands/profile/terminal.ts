// The two things the profile editor asks a person: a confirmation and a secret, through
// the terminal module (src/cli/terminal.ts): never stdout, and a secret never echoed.
import { AwsxError } from '../../../core/errors.ts';
import { promptHidden, promptYes, readStdinLine } from '../../terminal.ts';

const MAX_SECRET_INPUT = 64 * 1024;

/** A person is there to ask: stdin and stderr are both terminals. */
export function isInteractive(): boolean {
  return process.stdin.isTTY === true && process.stderr.isTTY === true;
}

/** Asked on the terminal, so the answer cannot come from a pipe by accident. */
export async function confirm(question: string): Promise<boolean> {
  const yes = await promptYes(question);
  if (yes === undefined) throw new AwsxError('UsageError', 'cannot open the terminal (/dev/tty) to ask for confirmation', { hint: 'pass --yes to write without asking' });
  return yes;
}

/** A secret from the terminal without echo, or the first line of stdin when stdin is not a terminal. */
export async function readSecret(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) return readStdinLine(MAX_SECRET_INPUT);
  const secret = await promptHidden(prompt, 'profile add');
  if (secret === undefined) throw new AwsxError('UsageError', 'profile add: no terminal to type the secret on', { hint: 'give it as one line on stdin' });
  return secret;
}
