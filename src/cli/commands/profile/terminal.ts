// The two things the profile editor asks a person: a confirmation and a secret. Both go
// through the terminal, never stdout, and neither echoes a secret.
import { closeSync, openSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { ReadStream } from 'node:tty';
import { AwsxError } from '../../../core/errors.ts';

/** A person is there to ask: stdin and stderr are both terminals. */
export function isInteractive(): boolean {
  return process.stdin.isTTY === true && process.stderr.isTTY === true;
}

/** Asks on /dev/tty, so the answer cannot come from a pipe by accident. */
export async function confirm(question: string): Promise<boolean> {
  let inFd: number;
  let outFd: number;
  try {
    inFd = openSync('/dev/tty', 'r');
    outFd = openSync('/dev/tty', 'w');
  } catch (e) {
    throw new AwsxError('UsageError', 'cannot open the terminal (/dev/tty) to ask for confirmation', { hint: 'pass --yes to write without asking', cause: e });
  }
  const input = new ReadStream(inFd);
  const rl = createInterface({ input, terminal: false });
  try {
    writeSync(outFd, question);
    const answer = await new Promise<string>((resolve) => {
      rl.once('line', resolve);
      rl.once('close', () => resolve(''));
    });
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
    input.destroy();
    closeSync(outFd);
  }
}

const MAX_SECRET_INPUT = 64 * 1024;

/** A secret from the terminal without echo, or the first line of stdin when stdin is not a terminal. */
export async function readSecret(prompt: string): Promise<string> {
  return process.stdin.isTTY ? readHidden(prompt) : readFirstLine();
}

async function readFirstLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n') || text.length > MAX_SECRET_INPUT) break;
  }
  return (text.split(/\r?\n/)[0] ?? '');
}

function readHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  // Echo goes off before the prompt appears, so nothing typed early is ever shown.
  stdin.setRawMode(true);
  process.stderr.write(prompt);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    function onData(chunk: string): void {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return (finish(), resolve(value));
        if (ch === '\u0003') return (finish(), reject(new AwsxError('UsageError', 'cancelled; nothing written')));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    }
    stdin.on('data', onData);
  });
}
