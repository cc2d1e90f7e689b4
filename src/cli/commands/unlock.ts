// `awsx unlock` (ssh-add -X): asks first without a passphrase; when the lock has one, reads
// it (terminal, no echo; or a line of stdin) and sends it over the socket. A wrong one is
// answered after the daemon's growing delay, and awsx stays locked.
import { AwsxError } from '../../core/errors.ts';
import { isDaemonNotRunning } from '../../ipc/client.ts';
import { parseCommandArgs, wantsHelp } from '../args.ts';
import type { Command } from '../command.ts';
import { withDaemon } from '../daemonCall.ts';
import { promptHidden, readStdinLine } from '../terminal.ts';
import { MAX_PASSPHRASE } from './lock.ts';

const USAGE = `Usage: awsx unlock

Lets the daemon hand out credentials again after \`awsx lock\`. Sessions dropped by the
lock are not back: the next use fetches new ones (asking for an MFA code if needed). When
the lock has a passphrase, it is asked for on the terminal (not shown), or read as one
line from stdin when stdin is not a terminal.`;

export const command: Command = async (argv) => {
  const { values, positionals } = parseCommandArgs('unlock', argv, {}, USAGE);
  if (wantsHelp(values, USAGE)) return 0;
  if (positionals.length > 0) throw new AwsxError('UsageError', 'unlock: takes no arguments', { hint: USAGE });
  let answer;
  try {
    // A daemon that is not running holds no lock: never start one for this.
    answer = await withDaemon((c) => c.request('unlock', {}), { autostart: false });
  } catch (e) {
    if (!isDaemonNotRunning(e)) throw e;
    process.stdout.write('awsx was not locked (no daemon running)\n');
    return 0;
  }
  if (answer.kind === 'passphrase-required') {
    const passphrase = await passphraseToUnlock();
    answer = await withDaemon((c) => c.request('unlock', { passphrase }), { autostart: false });
  }
  process.stdout.write(answer.kind === 'unlocked' && !answer.wasLocked ? 'awsx was not locked\n' : 'unlocked\n');
  return 0;
};

async function passphraseToUnlock(): Promise<string> {
  const typed = !process.stdin.isTTY ? await readStdinLine(MAX_PASSPHRASE) : await promptHidden('Passphrase to unlock awsx: ', 'unlock');
  if (typed === undefined) throw new AwsxError('Locked', 'unlock: awsx is locked with a passphrase, and there is no terminal to type it on', { hint: 'give it as one line on stdin: awsx unlock < file' });
  if (typed === '') throw new AwsxError('Locked', 'unlock: no passphrase given; awsx stays locked', { hint: 'awsx unlock, and type the passphrase given to awsx lock' });
  return typed;
}
