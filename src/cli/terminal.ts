// Everything awsx asks a person, and the picker's screen, go through the terminal itself
// (/dev/tty), opened here and nowhere else: stdout of `awsx env` and `awsx pick --print` is
// evaluated by the shell, and stdin may be a pipe. No controlling terminal (cron, CI, an
// IDE, setsid: ENXIO) is an answer, not a crash: undefined, and the caller says how else.
// node:tty is loaded only when a stream is made: `awsx env` checks for a terminal on its
// hot path, which must not load it (test/cli/hot-path.test.ts).
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import type { ReadStream, WriteStream } from 'node:tty';
import { AwsxError } from '../core/errors.ts';
import { inert } from '../core/sanitize.ts';

const TTY = '/dev/tty';
const MAX_LINE = 256;
const MAX_SECRET = 64 * 1024;

/** The terminal's two ends, or undefined when this process has none. */
function openTty(): { inFd: number; outFd: number } | undefined {
  let inFd: number | undefined;
  try {
    inFd = openSync(TTY, 'r');
    return { inFd, outFd: openSync(TTY, 'w') };
  } catch {
    if (inFd !== undefined) closeSync(inFd);
    return undefined;
  }
}

export function hasTerminal(): boolean {
  const tty = openTty();
  if (tty === undefined) return false;
  closeSync(tty.inFd);
  closeSync(tty.outFd);
  return true;
}

/**
 * One line typed after `question` (echoed: an MFA code is not a secret once used), or
 * undefined with no terminal. A blocking read: the command has nothing else to do while a
 * person types, and the line discipline hands over one line at a time. EOF (Ctrl-D) is ''.
 */
export function promptLine(question: string): string | undefined {
  const tty = openTty();
  if (tty === undefined) return undefined;
  try {
    writeSync(tty.outFd, inert(question));
    const buf = Buffer.alloc(MAX_LINE);
    let text = '';
    for (;;) {
      const n = readSync(tty.inFd, buf, 0, buf.length, null);
      if (n === 0) return text;
      text += buf.toString('utf8', 0, n);
      const nl = text.indexOf('\n');
      if (nl !== -1) return text.slice(0, nl).replace(/\r$/, '');
      if (text.length > MAX_LINE) return text.slice(0, MAX_LINE);
    }
  } finally {
    closeSync(tty.inFd);
    closeSync(tty.outFd);
  }
}

/**
 * One line typed with echo off, or undefined with no terminal. Raw mode rather than
 * `stty -echo`: Ctrl-C arrives as a key, cancels (`WHO: cancelled`), and the terminal is
 * always given back as it was.
 */
export async function promptHidden(question: string, who: string): Promise<string | undefined> {
  const tty = openTty();
  if (tty === undefined) return undefined;
  const input = new (await import('node:tty')).ReadStream(tty.inFd); // owns inFd from here on
  // Echo goes off before the question appears, so nothing typed early is ever shown.
  input.setRawMode(true);
  try {
    writeSync(tty.outFd, inert(question));
    return await readHidden(input, who);
  } finally {
    input.setRawMode(false);
    input.destroy();
    writeSync(tty.outFd, '\n');
    closeSync(tty.outFd);
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
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish(() => resolve(text));
        if (ch === '\u0003') return finish(() => reject(new AwsxError('UsageError', `${who}: cancelled`, { hint: 'nothing was changed' })));
        if (ch === '\u007f' || ch === '\b') text = [...text].slice(0, -1).join('');
        else if (ch === '\u0015') text = ''; // Ctrl-U
        else if (ch >= ' ' && text.length < MAX_SECRET) text += ch;
      }
    };
    input.on('data', onData);
  });
}

/** y or yes (any case) after `question`; undefined with no terminal. */
export async function promptYes(question: string): Promise<boolean | undefined> {
  const answer = promptLine(question);
  return answer === undefined ? undefined : /^y(es)?$/i.test(answer.trim());
}

/** The first line of stdin (at most `max` characters), for scripts: `echo "$P" | awsx unlock`. */
export async function readStdinLine(max: number): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    if (text.includes('\n') || text.length > max) break;
  }
  process.stdin.destroy();
  return text.split('\n')[0]!.replace(/\r$/, '').slice(0, max);
}

export interface Terminal {
  readonly input: ReadStream;
  readonly output: WriteStream;
  close(): void;
}

/**
 * The terminal as streams, for the picker to draw on. A tty.WriteStream we open ourselves
 * gets no SIGWINCH handling from Node (only process.stdout/stderr do), so resizes are
 * forwarded here as the 'resize' event Ink listens for.
 */
export async function openTerminal(): Promise<Terminal> {
  const tty = openTty();
  if (tty === undefined) {
    throw new AwsxError('UsageError', `cannot open the terminal (${TTY}) to draw the picker on`, {
      hint: 'run awsx pick in a terminal, or name the profile: eval "$(awsx env PROFILE)"',
    });
  }
  const { ReadStream, WriteStream } = await import('node:tty');
  const input = new ReadStream(tty.inFd);
  const output = new WriteStream(tty.outFd);
  // getWindowSize() only returns the cached size; _refreshSize() asks the terminal and
  // emits 'resize' on a change. It is what Node itself calls for stdout on SIGWINCH.
  const refresh = (output as unknown as { _refreshSize?: () => void })._refreshSize;
  const onWinch = (): void => refresh?.call(output);
  process.on('SIGWINCH', onWinch);
  return {
    input,
    output,
    close() {
      process.off('SIGWINCH', onWinch);
      input.destroy();
      output.destroy();
    },
  };
}
