// The process that holds a container-endpoint token (docs/security.md T7): its pid and, on
// Linux, its start time (field 22 of /proc/PID/stat, in clock ticks since boot), so a pid
// reused by another process after the holder exited does not keep the token alive. A zombie
// (state Z or X) has exited: its parent has only not reaped it yet.
import { readFileSync, readlinkSync } from 'node:fs';

export interface Owner {
  readonly pid: number;
  /** Undefined where /proc cannot tell (not Linux): the pid alone then decides. */
  readonly startTime: string | undefined;
}

/** The owner as it runs now, or undefined when no such process is running. */
export function ownerNow(pid: number): Owner | undefined {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  const stat = procStat(pid);
  if (stat === 'gone') return undefined;
  return { pid, startTime: stat?.startTime };
}

export function isOwnerAlive(owner: Owner): boolean {
  const now = ownerNow(owner.pid);
  return now !== undefined && now.startTime === owner.startTime;
}

/** `/usr/bin/bash` for the log and `awsx sessions`; best effort. */
export function ownerExe(pid: number): string {
  try {
    return readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return 'exe unknown';
  }
}

function procStat(pid: number): { readonly startTime: string } | 'gone' | undefined {
  if (process.platform !== 'linux') return undefined;
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 'gone';
  }
  // comm (field 2) may hold spaces and parentheses: the fields after it start past the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  if (state === 'Z' || state === 'X' || state === 'x') return 'gone';
  return { startTime: fields[19] ?? '' };
}
