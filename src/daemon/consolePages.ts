// The private pages that hand a sign-in URL to a browser (docs/console.md): the URL holds a
// 15-minute key to the console, and /proc/*/cmdline is readable by every user, so the
// browser gets the path of a file instead: 0600, in a 0700 directory of the runtime dir,
// holding a page that forwards to the URL. Browser launchers return at once and read the
// file later (xdg-open may sniff it first), so a page is removed a grace period after it is
// first read (its atime passes its mtime, which relatime records), at the latest at its
// age limit (on a noatime mount, the only limit), and all of them when the daemon locks or
// stops.
import { randomBytes } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AwsxError } from '../core/errors.ts';

export interface ConsolePagesOptions {
  /** How long a page stays after its first read. */
  readonly graceMs: number;
  /** How long a page stays at most. */
  readonly maxAgeMs: number;
  readonly pollMs?: number;
}

export class ConsolePages {
  readonly #dir: string;
  readonly #options: ConsolePagesOptions;
  readonly #timers = new Map<string, NodeJS.Timeout>();

  constructor(runtimeDir: string, options: ConsolePagesOptions) {
    this.#dir = join(runtimeDir, 'console');
    this.#options = options;
  }

  /** Writes the page and returns its path. A file system that refuses is an answer, not a crash. */
  write(url: string): string {
    const path = join(this.#dir, `${randomBytes(16).toString('hex')}.html`);
    try {
      this.#ensureDir();
      writeFileSync(path, pageFor(url), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if (e instanceof AwsxError) throw e;
      throw new AwsxError('FileError', `console: cannot write the sign-in page in ${this.#dir} (${(e as NodeJS.ErrnoException).code ?? 'error'})`, {
        hint: 'check the runtime dir and free space, or use awsx console --print',
      });
    }
    this.#watch(path);
    return path;
  }

  /** Removes every page (lock, shutdown). */
  clear(): void {
    for (const path of [...this.#timers.keys()]) this.#remove(path);
  }

  #ensureDir(): void {
    mkdirSync(this.#dir, { recursive: true, mode: 0o700 });
    const st = lstatSync(this.#dir);
    if (!st.isDirectory() || st.uid !== process.getuid?.()) {
      throw new AwsxError('FileError', `console: ${this.#dir} is not a directory of ours`, { hint: `remove ${this.#dir}; awsx makes it again` });
    }
    if ((st.mode & 0o777) !== 0o700) chmodSync(this.#dir, 0o700);
  }

  #watch(path: string): void {
    const started = Date.now();
    let readAt: number | undefined;
    const timer = setInterval(() => {
      const now = Date.now();
      if (readAt === undefined && wasRead(path)) readAt = now;
      const over = now - started >= this.#options.maxAgeMs || (readAt !== undefined && now - readAt >= this.#options.graceMs);
      if (over) this.#remove(path);
    }, this.#options.pollMs ?? 200);
    timer.unref();
    this.#timers.set(path, timer);
  }

  #remove(path: string): void {
    clearInterval(this.#timers.get(path));
    this.#timers.delete(path);
    rmSync(path, { force: true });
  }
}

function wasRead(path: string): boolean {
  try {
    const st = statSync(path);
    return st.atimeMs > st.mtimeMs;
  } catch {
    return true; // gone already
  }
}

/** A page that forwards at once (meta refresh, and script for browsers that block it). */
export function pageFor(url: string): string {
  const attr = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const js = JSON.stringify(url).replace(/</g, '\\u003c');
  return [
    '<!doctype html>',
    '<html><head><meta charset="utf-8">',
    '<meta name="referrer" content="no-referrer">',
    `<meta http-equiv="refresh" content="0;url=${attr}">`,
    '<title>awsx: opening the AWS console</title>',
    `<script>location.replace(${js});</script>`,
    '</head><body>Opening the AWS console…</body></html>',
    '',
  ].join('\n');
}
