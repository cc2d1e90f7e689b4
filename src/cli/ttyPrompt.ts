// Asks a person on the terminal itself (/dev/tty), never on stdout: stdout of `awsx env`
// is evaluated by the shell, and stdin may be a pipe. Returns undefined when this process
// has no controlling terminal (cron, CI, an IDE), so the caller can say how to give a code.
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { inert } from '../core/sanitize.ts';

const MAX_LINE = 256;

export function promptOnTty(question: string): string | undefined {
  let fd: number;
  try {
    fd = openSync('/dev/tty', 'r+');
  } catch {
    return undefined; // ENXIO: no controlling terminal
  }
  try {
    writeSync(fd, inert(question));
    return readLine(fd);
  } finally {
    closeSync(fd);
  }
}

// A blocking read is fine here: the command has nothing else to do while a person types,
// and the terminal's line discipline hands over one line at a time. EOF (Ctrl-D) is ''.
function readLine(fd: number): string {
  const buf = Buffer.alloc(MAX_LINE);
  let text = '';
  for (;;) {
    const n = readSync(fd, buf, 0, buf.length, null);
    if (n === 0) return text;
    text += buf.toString('utf8', 0, n);
    const nl = text.indexOf('\n');
    if (nl !== -1) return text.slice(0, nl).replace(/\r$/, '');
    if (text.length > MAX_LINE) return text.slice(0, MAX_LINE);
  }
}
