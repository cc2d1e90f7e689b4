// The container credentials endpoint's HTTP listener (docs/security.md T7, tests 44-46): one
// per bind address (127.0.0.1, and a --listen address only when asked), started on first
// need, on an ephemeral port, shared by every token. What it accepts, in order:
//   - at most DEFAULT_RATE_LIMIT requests a second from one client address, else 429;
//   - Host exactly 127.0.0.1:PORT or localhost:PORT (or ADDR:PORT on a --listen address), so
//     a DNS-rebound browser page is refused; no Origin or Sec-Fetch-* header (only browsers
//     send them); never a CORS header;
//   - GET only (OPTIONS and the rest: 405), on /creds/<id> only (404), with no body;
//   - the token of that id in Authorization, compared in constant time (tokens.ts), whose
//     owner still runs; else 403, the same answer whatever was wrong.
// Headers are capped at 16 KiB (431) and must arrive within 5 s; a request within 10 s.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { AwsxError } from '../../core/errors.ts';
import { InvariantError } from '../../core/invariant.ts';
import { describeForLog, type Logger } from '../log.ts';
import { sendError, sendFailure, sendJson, type EcsBody } from './answer.ts';
import { RateLimiter, type RateLimit } from './rateLimit.ts';
import type { EcsToken, EcsTokens } from './tokens.ts';

export const LOOPBACK = '127.0.0.1';
export const CREDS_PATH = '/creds/';
const PATH = /^\/creds\/([A-Za-z0-9_-]{22})$/;

export interface EcsServerDeps {
  readonly tokens: EcsTokens;
  /** Credentials for a checked token (through the daemon's one credential wrapper); throws AwsxError. */
  readonly serve: (token: EcsToken, peer: string) => Promise<EcsBody>;
  readonly log: Logger;
  readonly rateLimit?: RateLimit;
  /** Called on every request: the daemon's idle clock. */
  readonly onActivity?: () => void;
}

const SERVER_OPTIONS: http.ServerOptions = {
  maxHeaderSize: 16 * 1024,
  headersTimeout: 5_000,
  requestTimeout: 10_000,
  keepAliveTimeout: 5_000,
  connectionsCheckingInterval: 1_000,
};
const MAX_CONNECTIONS = 256;

export class EcsEndpoint {
  readonly #deps: EcsServerDeps;
  readonly #limiter: RateLimiter;
  readonly #listeners = new Map<string, Promise<http.Server>>();

  constructor(deps: EcsServerDeps) {
    this.#deps = deps;
    this.#limiter = new RateLimiter(deps.rateLimit);
  }

  /** The URL of a token's path, starting the address's listener if it is not running. */
  async urlFor(address: string, id: string): Promise<string> {
    const server = await this.#listener(address);
    return `http://${address}:${(server.address() as AddressInfo).port}${CREDS_PATH}${id}`;
  }

  close(): void {
    for (const s of this.#listeners.values()) void s.then((server) => {
      server.close();
      server.closeAllConnections();
    }, () => undefined);
    this.#listeners.clear();
  }

  #listener(address: string): Promise<http.Server> {
    let started = this.#listeners.get(address);
    if (started === undefined) {
      started = this.#start(address);
      this.#listeners.set(address, started);
      started.catch(() => this.#listeners.delete(address));
    }
    return started;
  }

  #start(address: string): Promise<http.Server> {
    const server = http.createServer(SERVER_OPTIONS, (req, res) => void this.#handle(address, server, req, res));
    server.maxConnections = MAX_CONNECTIONS;
    server.setTimeout(10_000, (socket: Socket) => socket.destroy());
    server.on('error', (err) => this.#deps.log.warn(`container endpoint ${address}: ${describeForLog(err)}`));
    return new Promise((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) =>
        reject(new AwsxError('UsageError', `container endpoint: cannot listen on ${address}: ${err.code ?? 'error'}`, { hint: 'give an address of this machine (ip -4 addr), e.g. the docker0 bridge 172.17.0.1' })));
      server.listen({ host: address, port: 0, exclusive: true }, () => {
        this.#deps.log.info(`container endpoint listening on ${address}:${(server.address() as AddressInfo).port}`);
        resolve(server);
      });
    });
  }

  async #handle(address: string, server: http.Server, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.#deps.onActivity?.();
    const peer = `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`;
    if (!this.#limiter.allow(req.socket.remoteAddress ?? '')) {
      return sendError(res, 429, 'TooManyRequests', 'container endpoint: too many requests from this client', { 'Retry-After': '1' });
    }
    const port = (server.address() as AddressInfo).port;
    if (!isAllowedHost(req.headers.host, address, port)) return this.#refuse(res, peer, 'a foreign Host header');
    if (req.headers.origin !== undefined || req.headers['sec-fetch-mode'] !== undefined || req.headers['sec-fetch-site'] !== undefined) {
      return this.#refuse(res, peer, 'a browser request (Origin or Sec-Fetch header)');
    }
    if (req.method !== 'GET') return sendError(res, 405, 'MethodNotAllowed', 'container endpoint: only GET', { Allow: 'GET' });
    const id = PATH.exec(req.url ?? '')?.[1];
    if (id === undefined) return sendError(res, 404, 'NotFound', 'container endpoint: no such path');
    if (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0') return sendError(res, 400, 'BadRequest', 'container endpoint: a GET has no body');
    if (req.headers['transfer-encoding'] !== undefined) return sendError(res, 400, 'BadRequest', 'container endpoint: a GET has no body');
    const token = this.#deps.tokens.check(id, req.headers.authorization);
    if (token === undefined || token.address !== address) return this.#refuse(res, peer, 'no valid token');
    try {
      sendJson(res, 200, await this.#deps.serve(token, peer));
    } catch (e) {
      // As on the socket (connection.ts): a bug fails this request; a broken invariant ends the daemon.
      if (e instanceof InvariantError) throw e;
      if (!(e instanceof AwsxError)) {
        this.#deps.log.error(`container endpoint: ${token.profile}: an unexpected error, answered as an internal error: ${describeForLog(e)}`);
        return sendError(res, 500, 'InternalError', 'container endpoint: an internal error; see daemon.log');
      }
      this.#deps.log.warn(`container endpoint: ${token.profile} for ${peer} (pid ${token.owner.pid}): ${e.code}: ${e.message}`);
      sendFailure(res, e);
    }
  }

  #refuse(res: http.ServerResponse, peer: string, why: string): void {
    this.#deps.log.debug(`container endpoint: refused ${peer}: ${why}`);
    sendError(res, 403, 'AccessDenied', 'container endpoint: access denied');
  }
}

/**
 * DNS rebinding (aws-vault #578): the name the client used must be ours, with our port: a
 * rebound page's Host is its own domain name. A --listen address's own name is accepted too
 * (a container reaching the bridge address, or a loopback forwarder inside it).
 */
function isAllowedHost(host: string | undefined, address: string, port: number): boolean {
  if (host === undefined) return false;
  const h = host.toLowerCase();
  return h === `${LOOPBACK}:${port}` || h === `localhost:${port}` || h === `${address}:${port}`;
}
