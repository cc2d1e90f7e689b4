// `awsx lock [--passphrase]` (ssh-add -x): the daemon drops every session and refuses every
// credential request until `awsx unlock` (docs/security.md T3, test 27). It starts the
// daemon if none runs, so the lock holds for the next command too (a locked daemon does not
// exit when idle). The passphrase goes over the socket, never in argv.
import { AwsxError } from '../../core/errors.ts';
import { parseCommandArgs, wantsHelp } from '../args.ts';
import type { Command } from '../command.ts';
import { withDaemon } from '../daemonCall.ts';
import { promptHidden, readStdinLine } from '../terminal.ts';

const USAGE = `Usage: awsx lock [--passphrase]

Drops every session the daemon holds and refuses credentials to everyone until
\`awsx unlock\`; an MFA profile then asks for a code again. With --passphrase, unlocking
needs it: typed twice on the terminal (not shown), or one line on stdin when stdin is not
a terminal. The daemon keeps only a salted hash of it.`;

export const command: Command = async (argv) => {
  const { values, positionals } = parseCommandArgs('lock', argv, { passphrase: { type: 'boolean' } }, USAGE);
  if (wantsHelp(values, USAGE)) return 0;
  if (positionals.length > 0) throw new AwsxError('UsageError', 'lock: takes no profile: it locks every session', { hint: USAGE });
  const passphrase = values.passphrase ? await newPassphrase() : undefined;
  const { dropped } = await withDaemon((c) => c.request('lock', passphrase === undefined ? {} : { passphrase }));
  process.stdout.write(`locked: ${dropped} session${dropped === 1 ? '' : 's'} dropped; \`awsx unlock\` to unlock\n`);
  return 0;
};

/** A passphrase is typed on the terminal when stdin is one, else read as stdin's first line. */
export const MAX_PASSPHRASE = 1024;

async function newPassphrase(): Promise<string> {
  let passphrase: string | undefined;
  if (!process.stdin.isTTY) {
    passphrase = await readStdinLine(MAX_PASSPHRASE);
  } else {
    passphrase = await promptHidden('Passphrase to unlock awsx: ', 'lock');
    if (passphrase === undefined) throw new AwsxError('UsageError', 'lock: no terminal to type a passphrase on', { hint: 'give it as one line on stdin' });
    if (passphrase !== '' && (await promptHidden('Same passphrase again: ', 'lock')) !== passphrase) {
      throw new AwsxError('UsageError', 'lock: the two passphrases differ; awsx is not locked', { hint: 'run awsx lock --passphrase again' });
    }
  }
  if (passphrase === '') throw new AwsxError('UsageError', 'lock: the passphrase is empty; awsx is not locked', { hint: 'type a passphrase, or lock without --passphrase' });
  return passphrase;
}
