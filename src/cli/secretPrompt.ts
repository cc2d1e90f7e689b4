// A passphrase for `awsx lock` / `awsx unlock`: typed on the terminal itself (/dev/tty, as
// ttyPrompt.ts does for MFA codes) with echo off, or, when stdin is not a terminal, one line
// from stdin (scripts, tests). Raw mode rather than `stty -echo`: Ctrl-C arrives as a key,
// so the terminal is always given back as it was.
import { closeSync, openSync, writeSync } from 'node:fs';
import { ReadStream } from 'node:tty';
import { AwsxError } from '../core/errors.ts';
import { inert } from '../core/sanitize.ts';

const MAX_CHARS = 1024;

export type SecretSource = 'terminal' | 'stdin';

/** Where a passphrase comes from: the terminal when stdin is one, else stdin. */
export function secretSource(): SecretSource {
  return process.stdin.isTTY ? 'terminal' : 'stdin';
}

/** One line typed with no echo; undefined when there is no terminal. Ctrl-C cancels. */
export async function promptSecretOnTty(question: string, who: string): Promise<string | undefined> {
  let inFd: number;
  let outFd: number;
  try {
    inFd = openSync('/dev/tty', 'r');
    outFd = openSync('/dev/tty', 'w');
  } catch {
    return undefined; // ENXIO: no controlling terminal
  }
  const input = new ReadStream(inFd); // owns inFd from here on
  input.setRawMode(true);
  try {
    writeSync(outFd, inert(question));
    return await readHidden(input, who);
  } finally {
    input.setRawMode(false);
    input.destroy();
    writeSync(outFd, '\n');
    closeSync(outFd);
  }
}

function readHidden(input: ReadStream, who: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = (result: () => void): void => {
      input.off('data', onData);
      input.pause();
      result();
    };
    const onData = (chunk: Buffer): void => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish(() => resolve(text));
        if (ch === '\u0003') return finish(() => reject(new AwsxError('UsageError', `${who}: cancelled`, { hint: 'nothing was changed' })));
        if (ch === '\u0004') {
          if (text === '') return finish(() => resolve(''));
        } else if (ch === '\u007f' || ch === '\b') {
          text = [...text].slice(0, -1).join('');
        } else if (ch === '\u0015') {
          text = ''; // Ctrl-U
        } else if (ch >= ' ' && text.length < MAX_CHARS) {
          text += ch;
        }
      }
    };
    input.on('data', onData);
  });
}

/** The first line of stdin (at most 1024 characters), for scripts: `echo "$P" | awsx unlock`. */
export async function readSecretLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    if (text.includes('\n') || text.length > MAX_CHARS) break;
  }
  process.stdin.destroy();
  return text.split('\n')[0]!.replace(/\r$/, '').slice(0, MAX_CHARS);
}
