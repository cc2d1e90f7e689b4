// A socket client that speaks raw bytes to the daemon, for tests of what a hostile or
// broken peer can send: it records every answer line and when the daemon hung up.
import net from 'node:net';
import { waitFor } from './waitFor.ts';

export interface RawClient {
  readonly socket: net.Socket;
  /** Every line the daemon sent, parsed (or the raw text if not JSON). */
  readonly frames: unknown[];
  /** True once the daemon closed or reset the connection. */
  closed(): boolean;
  send(data: string | Buffer): void;
  /** Waits for the n-th answer (1-based) and returns it. */
  frame(n: number, timeoutMs?: number): Promise<Record<string, unknown>>;
  waitClosed(timeoutMs?: number): Promise<void>;
}

export function rawClient(path: string): Promise<RawClient> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection({ path });
    const frames: unknown[] = [];
    let closed = false;
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => {
      buffer += d;
      for (let nl = buffer.indexOf('\n'); nl !== -1; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        try {
          frames.push(JSON.parse(line));
        } catch {
          frames.push(line);
        }
      }
    });
    // EPIPE / ECONNRESET are expected when the daemon hangs up on us.
    socket.on('error', () => (closed = true));
    socket.on('close', () => (closed = true));
    socket.once('connect', () =>
      resolve({
        socket,
        frames,
        closed: () => closed,
        send: (data) => {
          if (!socket.destroyed) socket.write(data);
        },
        frame: async (n, timeoutMs = 3_000) => {
          await waitFor(() => frames.length >= n, `answer #${n}`, timeoutMs);
          return frames[n - 1] as Record<string, unknown>;
        },
        waitClosed: (timeoutMs = 3_000) => waitFor(() => closed, 'the daemon to close the connection', timeoutMs),
      }),
    );
    socket.once('error', reject);
  });
}
