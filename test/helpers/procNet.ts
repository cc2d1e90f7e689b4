// What the kernel says about sockets (Linux /proc): which TCP sockets listen, which sockets
// a process holds, and the Unix sockets with their paths (abstract ones start with '@').
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** Inodes of TCP sockets in LISTEN state (state 0A), from /proc/net/tcp and tcp6. */
export function listeningTcpInodes(): Set<string> {
  const out = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[3] === '0A' && f[9] !== undefined) out.add(f[9]);
    }
  }
  return out;
}

/** Inodes of the sockets process `pid` has open. */
export function socketInodesOf(pid: number): Set<string> {
  const out = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) out.add(m[1]!);
    } catch {
      // closed meanwhile
    }
  }
  return out;
}

export interface UnixSocketEntry {
  readonly inode: string;
  /** True for a listening socket (__SO_ACCEPTCON). */
  readonly listening: boolean;
  /** '' when unnamed; '@name' for the abstract namespace. */
  readonly path: string;
}

/** /proc/net/unix: Num RefCount Protocol Flags Type St Inode Path. */
export function unixSockets(): UnixSocketEntry[] {
  return readFileSync('/proc/net/unix', 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const f = line.trim().split(/\s+/);
      return { inode: f[6]!, listening: f[3] === '00010000', path: f.slice(7).join(' ') };
    });
}

/** The local addresses (`127.0.0.1:PORT`, `[::]:PORT`) of the TCP sockets process `pid` listens on. */
export function listeningTcpAddressesOf(pid: number): string[] {
  const mine = socketInodesOf(pid);
  const out: string[] = [];
  for (const [file, v6] of [['/proc/net/tcp', false], ['/proc/net/tcp6', true]] as const) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[3] !== '0A' || f[9] === undefined || !mine.has(f[9])) continue;
      const [hex, port] = f[1]!.split(':') as [string, string];
      out.push(`${v6 ? `[${hex}]` : ipv4Of(hex)}:${parseInt(port, 16)}`);
    }
  }
  return out;
}

// /proc/net/tcp writes an IPv4 address as one little-endian 32-bit hex word.
function ipv4Of(hex: string): string {
  return [6, 4, 2, 0].map((i) => parseInt(hex.slice(i, i + 2), 16)).join('.');
}
