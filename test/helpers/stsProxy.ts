// A recording, fault-injecting HTTP proxy in front of moto's STS.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  errorXml,
  faultError,
  hashTokenCode,
  mfaUseKey,
  newPolicy,
  policyDenial,
  rewriteAnswer,
  takeFault,
  type Fault,
  type FaultRule,
  type StsError,
  type StsRequest,
} from './stsFaults.ts';

export { hashTokenCode, type Fault, type StsRequest } from './stsFaults.ts';

export interface StsCall extends StsRequest {
  /** Arrival time in epoch ms, from the monotonic clock (fine for measuring gaps). */
  readonly at: number;
  readonly tokenCodeHash: string | undefined;
  /** The HTTP status sent back; 'pending' while in flight, 'reset' if the socket was destroyed. */
  readonly status: number | 'pending' | 'reset';
  /** True when the proxy made up the answer instead of moto. */
  readonly injected: boolean;
  /** `<Code>` of an error answer, from the proxy or from moto. */
  readonly errorCode: string | undefined;
}

type CallInFlight = { -readonly [K in keyof StsCall]: StsCall[K] };

export type CallMatch = string | ((req: StsRequest) => boolean);

/** Credentials moto issued through the proxy, with the call that issued them and its signer. */
export interface IssuedCredentials {
  readonly action: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  /** The access key that signed the call (undefined: unsigned, web identity). */
  readonly signer: string | undefined;
}

export interface StsProxy {
  readonly url: string;
  /** Every call in arrival order; recorded on arrival, completed when answered. */
  readonly calls: readonly StsCall[];
  count(action?: string): number;
  /** Resolves once `count(action)` reaches `n`. */
  waitForCalls(n: number, action?: string, timeoutMs?: number): Promise<void>;
  /** Applies `fault` to the next `n` calls (Infinity for all) matching an action name or predicate. */
  failNext(n: number, fault: Fault, match?: CallMatch): void;
  setLatency(ms: number): void;
  rejectMfaCodes(codes: Iterable<string>): void;
  rejectReusedMfaCodes(on: boolean): void;
  enforceChainingLimit(on: boolean): void;
  /** Every set of credentials issued, in order (kept across reset). */
  readonly issued: readonly IssuedCredentials[];
  /** Forgets calls, queued faults, latency and MFA settings; keeps which keys STS issued. */
  reset(): void;
  stop(): Promise<void>;
}

interface Waiter {
  readonly done: () => boolean;
  readonly resolve: () => void;
}

export async function startStsProxy(upstreamUrl: string): Promise<StsProxy> {
  const upstream = new URL(upstreamUrl);
  const calls: CallInFlight[] = [];
  const rules: FaultRule[] = [];
  const policy = newPolicy();
  const issued: IssuedCredentials[] = [];
  const waiters = new Set<Waiter>();
  const stopping = new AbortController();
  let latencyMs = 0;

  const count = (action?: string): number =>
    action === undefined ? calls.length : calls.filter((c) => c.action === action).length;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req);
    const parsed = parseStsRequest(req, body);
    const call = record(parsed);
    const fault = takeFault(rules, parsed);
    if (latencyMs > 0) await sleep(latencyMs, undefined, { signal: stopping.signal });
    if (fault?.kind === 'delay') await sleep(fault.ms, undefined, { signal: stopping.signal });
    if (fault?.kind === 'reset') {
      call.status = 'reset';
      req.socket.resetAndDestroy();
      return;
    }
    const made = (fault && faultError(fault)) ?? policyDenial(policy, parsed);
    if (made) return answerWith(res, call, made);
    await relay(req, res, body, parsed, call, fault);
  }

  function record(parsed: StsRequest): CallInFlight {
    const code = parsed.params['TokenCode'];
    const call: CallInFlight = {
      ...parsed,
      at: performance.timeOrigin + performance.now(),
      tokenCodeHash: code === undefined ? undefined : hashTokenCode(code),
      status: 'pending',
      injected: false,
      errorCode: undefined,
    };
    calls.push(call);
    for (const w of waiters) if (w.done()) w.resolve();
    return call;
  }

  async function relay(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: Buffer,
    parsed: StsRequest,
    call: CallInFlight,
    fault: Fault | undefined,
  ): Promise<void> {
    // Reserve the code before forwarding, so two concurrent uses cannot both pass.
    const useKey = mfaUseKey(parsed);
    if (useKey !== undefined) policy.usedCodes.add(useKey);
    const answer = await forward(upstream, req, body).catch((err: unknown) => String(err));
    const ok = typeof answer !== 'string' && answer.status >= 200 && answer.status < 300;
    if (!ok && useKey !== undefined) policy.usedCodes.delete(useKey);
    if (typeof answer === 'string') {
      const message = `sts proxy: upstream ${upstream.host} failed: ${answer}`;
      return answerWith(res, call, { status: 502, code: 'BadGateway', message });
    }
    if (ok) learnIssuedKey(parsed, answer.body);
    call.status = answer.status;
    call.errorCode = ok ? undefined : /<Code>([^<]*)<\/Code>/.exec(answer.body.toString())?.[1];
    const out = ok ? rewriteAnswer(fault, answer) : answer;
    res.writeHead(answer.status, answer.statusMessage, out.rawHeaders);
    res.end(out.body);
  }

  function learnIssuedKey(req: StsRequest, body: Buffer): void {
    const xml = body.toString();
    const field = (name: string): string | undefined => new RegExp(`<${name}>([^<]+)</${name}>`).exec(xml)?.[1];
    const akid = field('AccessKeyId');
    if (akid === undefined) return;
    if (req.action.startsWith('AssumeRole')) policy.roleKeys.add(akid);
    else policy.sessionKeys.add(akid);
    issued.push({ action: req.action, accessKeyId: akid, secretAccessKey: field('SecretAccessKey') ?? '', sessionToken: field('SessionToken') ?? '', signer: req.accessKeyId });
  }

  const server = http.createServer((req, res) => {
    // Only a stop() mid-delay or a client gone mid-request gets here: nobody is left to answer.
    handle(req, res).catch(() => req.socket.destroy());
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error('sts proxy: no address');

  return {
    url: `http://127.0.0.1:${addr.port}`,
    calls,
    issued,
    count,
    waitForCalls(n, action, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const what = action === undefined ? 'calls' : `${action} calls`;
          reject(new Error(`sts proxy: waited ${timeoutMs} ms for ${n} ${what}, saw ${count(action)}`));
        }, timeoutMs);
        const waiter: Waiter = {
          done: () => count(action) >= n,
          resolve: () => {
            clearTimeout(timer);
            waiters.delete(waiter);
            resolve();
          },
        };
        waiters.add(waiter);
        if (waiter.done()) waiter.resolve();
      });
    },
    failNext(n, fault, match) {
      if (n <= 0) return;
      const when = typeof match === 'string' ? (r: StsRequest) => r.action === match : (match ?? (() => true));
      rules.push({ remaining: n, fault, when });
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    rejectMfaCodes(codes) {
      policy.rejectedCodeHashes = new Set([...codes].map(hashTokenCode));
    },
    rejectReusedMfaCodes(on) {
      policy.rejectReusedCodes = on;
    },
    enforceChainingLimit(on) {
      policy.enforceChainingLimit = on;
    },
    reset() {
      calls.length = 0;
      rules.length = 0;
      latencyMs = 0;
      policy.rejectedCodeHashes = new Set();
      policy.rejectReusedCodes = false;
      policy.enforceChainingLimit = false;
      policy.usedCodes.clear();
    },
    async stop() {
      stopping.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

// The SDK speaks awsQuery to STS: a form body (or, for GETs, a query string).
function parseStsRequest(req: http.IncomingMessage, body: Buffer): StsRequest {
  const fields = new URLSearchParams(new URL(req.url ?? '/', 'http://x').search);
  if (/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '')) {
    for (const [k, v] of new URLSearchParams(body.toString())) fields.set(k, v);
  }
  const params: Record<string, string> = {};
  for (const [k, v] of fields) if (k !== 'Action' && k !== 'Version') params[k] = v;
  const accessKeyId = /Credential=([^/,\s]+)\//.exec(req.headers.authorization ?? '')?.[1];
  return { action: fields.get('Action') ?? '', params, accessKeyId };
}

function answerWith(res: http.ServerResponse, call: CallInFlight, err: StsError): void {
  const requestId = randomUUID();
  const xml = errorXml(err, requestId);
  const headers = { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(xml), 'x-amzn-requestid': requestId };
  res.writeHead(err.status, headers).end(xml);
  Object.assign(call, { status: err.status, injected: true, errorCode: err.code });
}

interface Answer {
  readonly status: number;
  readonly statusMessage: string | undefined;
  readonly rawHeaders: string[];
  readonly body: Buffer;
}

// Headers go upstream exactly as received (Host included) so SigV4 still
// verifies when moto checks signatures.
function forward(upstream: URL, req: http.IncomingMessage, body: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const target = { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url };
    const out = http.request({ ...target, headers: req.rawHeaders, agent: false }, (up) => {
      const head = { status: up.statusCode ?? 502, statusMessage: up.statusMessage, rawHeaders: up.rawHeaders };
      readBody(up).then((data) => resolve({ ...head, body: data }), reject);
    });
    out.once('error', reject);
    out.end(body);
  });
}
