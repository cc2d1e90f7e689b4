// The CLI's way to the daemon: one connection per call, closed afterwards (a person typing
// an MFA code between two calls must not hold a connection open), and the caller's
// environment reduced to what a request carries (protocol.ts FORWARDED_ENV).
import { connectDaemon, type ConnectOptions } from '../ipc/client.ts';
import type { IpcConnection } from '../ipc/connection.ts';
import { FORWARDED_ENV, type WireEnv } from '../ipc/protocol.ts';

export async function withDaemon<T>(fn: (c: IpcConnection) => Promise<T>, opts: ConnectOptions = {}): Promise<T> {
  const { connection } = await connectDaemon(opts);
  try {
    return await fn(connection);
  } finally {
    connection.close();
  }
}

export function forwardedEnv(env: NodeJS.ProcessEnv = process.env): WireEnv {
  const out: WireEnv = {};
  for (const name of FORWARDED_ENV) {
    const value = env[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}
