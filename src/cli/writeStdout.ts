// The one write of `awsx env` and `credential-process`: the whole text to fd 1 at once,
// without creating process.stdout (under `$(...)` a pipe stream, about 1 ms to set up for
// a single write). Blocking, as the text is small; a pipe someone made non-blocking is
// waited on.
import { writeSync } from 'node:fs';

export function writeStdout(text: string): void {
  const bytes = Buffer.from(text);
  for (let offset = 0; offset < bytes.length; ) {
    try {
      offset += writeSync(1, bytes, offset);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
    }
  }
}
