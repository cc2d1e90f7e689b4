// The TUI's view of the daemon, over the IPC client: resolve (with the caller's
// environment as the CLI forwards it), sessions and forget. Listing sessions never
// starts a daemon; assuming a profile does.
import type { IpcConnection } from '../ipc/connection.ts';
import { pathToFileURL } from 'node:url';
import type { WireEnv } from '../ipc/protocol.ts';
import { credentialsFromWire } from '../ipc/wireCredentials.ts';
import { toErrorInfo, type DaemonBackend, type SessionInfo } from './backend.ts';

/** Opens a connection; with `autostart` false it fails when no daemon runs. */
export type Connect = (autostart: boolean) => Promise<Pick<IpcConnection, 'request' | 'close'>>;

/** Opens a file:// URL in the browser (the CLI's openInBrowser). */
export type OpenBrowser = (target: string) => Promise<void>;

/** `env`: the caller's variables a resolve depends on (the CLI's forwardedEnv). */
export function daemonBackend(connect: Connect, env: WireEnv, cwd: string, openBrowser: OpenBrowser): DaemonBackend {
  // One connection per request, closed after it, as the CLI does: the daemon closes idle
  // connections, and a person reading the list or typing a code must not hold one open.
  const withConnection = async <T>(autostart: boolean, fn: (c: Pick<IpcConnection, 'request'>) => Promise<T>): Promise<T> => {
    const conn = await connect(autostart);
    try {
      return await fn(conn);
    } finally {
      conn.close();
    }
  };
  return {
    async resolve(profile, options = {}) {
      try {
        const result = await withConnection(true, (c) => c.request('resolve', {
          profile, env, cwd, mfaCode: options.mfaCode, forceRefresh: options.forceRefresh,
        }));
        if (result.kind === 'mfa-required') return { kind: 'mfa-required', profile, serial: result.serial, reason: result.reason };
        return { kind: 'credentials', profile, credentials: credentialsFromWire(result.credentials), region: result.region };
      } catch (e) {
        return { kind: 'error', error: toErrorInfo(e) };
      }
    },
    async openConsole(profile, options = {}) {
      try {
        const result = await withConnection(true, (c) => c.request('console', { profile, env, cwd, mfaCode: options.mfaCode, open: true }));
        if (result.kind === 'mfa-required') return { kind: 'mfa-required', profile, serial: result.serial, reason: result.reason };
        if (result.kind !== 'page') throw new Error('console: expected a page');
        await openBrowser(pathToFileURL(result.path).href);
        return { kind: 'console-opened', profile };
      } catch (e) {
        return { kind: 'error', error: toErrorInfo(e) };
      }
    },
    async sessions() {
      try {
        const { sessions } = await withConnection(false, (c) => c.request('sessions', {}));
        return sessions.map((s): SessionInfo => ({ ...s, expiration: s.expiration === undefined ? undefined : new Date(s.expiration) }));
      } catch {
        // No daemon, or it went away: nothing is held.
        return [];
      }
    },
    forget(profile) {
      return withConnection(false, async (c) => (await c.request('forget', profile === undefined ? { all: true } : { profile })).dropped);
    },
  };
}
