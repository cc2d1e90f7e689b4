// Descriptors the daemon inherited (docs/security.md test 51): a daemon started from a shell
// that holds a file open (`exec 42<~/.aws/credentials`) would keep it for life and pass it
// to every credential_process and mfa_process child. At start, every descriptor above 2
// without close-on-exec is closed: those came from the parent, since Node and libuv open
// their own (epoll, eventfd, signal pipes, files) with O_CLOEXEC. Linux reports the flag in
// /proc/self/fdinfo, so this needs no native addon.
import { closeSync, readdirSync, readFileSync } from 'node:fs';

const O_CLOEXEC = 0o2000000;

/** Closes the inherited descriptors; returns their numbers, for the log. */
export function closeInheritedFds(): number[] {
  let fds: number[];
  try {
    fds = readdirSync('/proc/self/fd').map(Number).filter((fd) => fd > 2);
  } catch {
    return []; // not Linux, or no /proc: nothing to go by
  }
  const closed: number[] = [];
  for (const fd of fds) {
    let flags: number;
    try {
      const m = /^flags:\s*([0-7]+)$/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'));
      if (m === null) continue;
      flags = parseInt(m[1]!, 8);
    } catch {
      continue; // closed meanwhile (the directory listing's own descriptor)
    }
    if ((flags & O_CLOEXEC) !== 0) continue;
    try {
      closeSync(fd);
      closed.push(fd);
    } catch {
      // already gone
    }
  }
  return closed;
}
