// Binds the daemon's Unix socket so that it is private from the moment it exists
// (docs/security.md T1, test 1): a chmod after listen() leaves a window in which another
// uid could connect, so the umask is narrowed around the bind instead (ssh-agent does the
// same with umask(0177)).

import type { Server } from 'node:net';
import { isAbsolute } from 'node:path';
import { lstatSync, type Stats } from 'node:fs';
import { AwsxError } from '../core/errors.ts';
import { assertSocketPathFits } from './runtimeDir.ts';

// 0177, not 0077: bind() creates the socket as 0777 & ~umask, and 0077 would leave it 0700;
// the execute bit means nothing on a socket, and 0600 is what the spec's test 1 expects.
const SOCKET_UMASK = 0o177;
/** Connections the kernel queues before accept (capped by net.core.somaxconn): a burst of
 *  clients waits there instead of getting EAGAIN. */
const LISTEN_BACKLOG = 2048;

// Rejects with Node's own error for bind failures (EADDRINUSE, EACCES...), whose `code` the
// daemon's single-instance logic inspects; with AwsxError for everything else.
export async function listenPrivate(server: Server, path: string): Promise<void> {
  // Only an absolute path: Node treats a leading NUL as Linux's abstract namespace, which
  // any uid can reach, and a relative path would depend on the cwd.
  if (!isAbsolute(path)) {
    throw new AwsxError('UsageError', `socket path ${JSON.stringify(path)}: not an absolute path`, {
      hint: 'listen on a path inside the runtime dir (socketPath(runtimeDir))',
    });
  }
  assertSocketPathFits(path);
  await new Promise<void>((resolve, reject) => {
    const settle = (err?: unknown): void => {
      server.off('error', settle);
      server.off('listening', settle);
      if (err === undefined) resolve();
      else reject(err);
    };
    server.once('error', settle);
    server.once('listening', settle);
    try {
      withUmask(SOCKET_UMASK, () => server.listen({ path, backlog: LISTEN_BACKLOG }));
    } catch (err) {
      settle(err);
    }
  });
  // Defence in depth: if something (a cluster primary, a changed Node) bound it with other
  // permissions, do not serve on it.
  const st = lstatOrUndefined(path);
  if (st === undefined || !st.isSocket() || (st.mode & 0o077) !== 0) {
    server.close();
    const what = st === undefined ? 'gone right after listen' : `created with mode ${(st.mode & 0o777).toString(8)}, not 600`;
    throw new AwsxError('FileError', `socket ${path}: ${what}`, {
      hint: 'start the daemon on the main thread of a plain node process, and let nothing else write to its runtime dir',
    });
  }
}

// The bind inside server.listen(path) happens synchronously (checked on Node 20), so the
// narrowed umask covers it and is restored before any other JS runs. process.umask()
// throws in worker threads.
function withUmask(mask: number, fn: () => void): void {
  let previous: number;
  try {
    previous = process.umask(mask);
  } catch (cause) {
    throw new AwsxError('Unsupported', 'socket: cannot set the umask in a worker thread', {
      hint: 'start the daemon listener on the main thread',
      cause,
    });
  }
  try {
    fn();
  } finally {
    process.umask(previous);
  }
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}
