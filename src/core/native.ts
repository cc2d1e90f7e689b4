// The native addon (native/awsx_native.c, built into dist/native/awsx.node): SO_PEERCRED
// and PR_SET_DUMPABLE, which Node has no API for (docs/security.md T1-T4). Optional: where
// it was not built, awsx runs guarded by the runtime-dir checks alone (ipc/runtimeDir.ts).
// Loaded with process.dlopen, not createRequire: ~0.2 ms against ~2 ms for require()'s
// CommonJS loader, and the client loads it on every `awsx env`.
import { existsSync } from 'node:fs';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { AwsxError } from './errors.ts';

export interface PeerCredentials {
  readonly pid: number;
  readonly uid: number;
  readonly gid: number;
}

interface Addon {
  /** Which of RLIMIT_CORE = 0 and PR_SET_DUMPABLE = 0 took effect. */
  harden(): { readonly coreLimit: boolean; readonly nonDumpable: boolean };
  /** null when getsockopt fails (not a connected Unix socket). */
  peerCredentials(fd: number): PeerCredentials | null;
}

let loaded: { readonly addon: Addon } | { readonly reason: string } | undefined;

/** The addon, or why it is not there. Loaded once. */
export function nativeAddon(): { readonly addon: Addon } | { readonly reason: string } {
  loaded ??= load();
  return loaded;
}

function load(): { readonly addon: Addon } | { readonly reason: string } {
  if (process.platform !== 'linux') return { reason: `not built for ${process.platform}` };
  // From source (tests, development): the one the last build made. From the bundle: beside
  // it, from dist/awsx.js, dist/awsxd.js or a chunk in dist/chunks/.
  const candidates = import.meta.url.endsWith('.ts') ? ['../../dist/native/awsx.node'] : ['./native/awsx.node', '../native/awsx.node'];
  const path = candidates.map((rel) => fileURLToPath(new URL(rel, import.meta.url))).find((p) => existsSync(p));
  if (path === undefined) return { reason: 'native/awsx.node was not built (no C compiler or Node headers at build time)' };
  try {
    const module = { exports: {} as Addon };
    process.dlopen(module, path);
    return { addon: module.exports };
  } catch (e) {
    return { reason: `cannot load ${path} (${e instanceof Error ? (e.message.split('\n')[0] ?? e.name) : String(e)})` };
  }
}

/**
 * Who is at the other end of a connected Unix socket: SO_PEERCRED (for a client socket, the
 * process that called listen()). undefined when the addon is not there; throws when it is
 * there and the kernel cannot tell, so that callers fail closed.
 */
export function peerOf(socket: Socket): PeerCredentials | undefined {
  const native = nativeAddon();
  if (!('addon' in native)) return undefined;
  // A net.Socket on Unix keeps its descriptor on the libuv handle; not a public API.
  const fd = (socket as unknown as { _handle?: { fd?: unknown } })._handle?.fd;
  const peer = typeof fd === 'number' && fd >= 0 ? native.addon.peerCredentials(fd) : null;
  if (peer === null) {
    throw new AwsxError('FileError', 'socket: cannot read the peer credentials (SO_PEERCRED)', { hint: 'this is a bug in awsx: report it, with your OS and Node version' });
  }
  return peer;
}
