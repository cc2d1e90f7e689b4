// A fake of the AWS federation endpoint (signin.aws.amazon.com/federation) on a loopback port,
// faithful to its wire format (IAM user guide, "Enable custom identity broker access to the
// AWS console"; aws-vault's cli/login.go): GET ?Action=getSigninToken&Session=<JSON of
// exactly sessionId, sessionKey, sessionToken>[&SessionDuration=N] answers
// {"SigninToken": "..."}; GET ?Action=login&Issuer&Destination&SigninToken signs in. It
// refuses what AWS refuses, with AWS's 400 and HTML error page: credentials STS did not
// issue (checked against what moto issued through the proxy), a GetSessionToken session, a
// SessionDuration outside 900..43200, and a SessionDuration with a GetFederationToken
// session or a chained role (signed by temporary keys).
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { IssuedCredentials } from './stsProxy.ts';

export interface SigninCall {
  readonly status: number;
  readonly sessionDuration: string | undefined;
  /** The STS call that issued the session, when it was one. */
  readonly issuedBy: string | undefined;
  readonly why: string | undefined;
}

export interface LoginCall {
  readonly issuer: string | null;
  readonly destination: string | null;
  readonly tokenValid: boolean;
}

export interface FakeFederation {
  /** The full .../federation URL, for AWSX_FEDERATION_ENDPOINT. */
  readonly url: string;
  readonly signins: readonly SigninCall[];
  readonly logins: readonly LoginCall[];
  /** The sign-in tokens handed out: what must never show in argv. */
  readonly tokens: readonly string[];
  /** Answers the next getSigninToken with this status and body instead. */
  failNext(status: number, body: string): void;
  stop(): Promise<void>;
}

// What AWS's endpoint (a Tomcat) sends for a request it refuses.
const REFUSAL = '<html><head><title>Apache Tomcat/8.0.32 - Error report</title></head><body><h1>HTTP Status 400 - Invalid credentials parameter</h1><p><b>description</b> <u>The request sent by the client was syntactically incorrect.</u></p></body></html>';

export async function startFakeFederation(issued: () => readonly IssuedCredentials[]): Promise<FakeFederation> {
  const signins: SigninCall[] = [];
  const logins: LoginCall[] = [];
  const tokens: string[] = [];
  let injected: { status: number; body: string } | undefined;

  function signin(q: URLSearchParams, res: http.ServerResponse): void {
    const duration = q.get('SessionDuration') ?? undefined;
    const refuse = (why: string, by?: string): void => {
      signins.push({ status: 400, sessionDuration: duration, issuedBy: by, why });
      res.writeHead(400, { 'content-type': 'text/html;charset=utf-8' }).end(REFUSAL);
    };
    if (injected) {
      const { status, body } = injected;
      injected = undefined;
      signins.push({ status, sessionDuration: duration, issuedBy: undefined, why: 'injected' });
      res.writeHead(status, { 'content-type': 'text/html' }).end(body);
      return;
    }
    let session: Record<string, unknown>;
    try {
      session = JSON.parse(q.get('Session') ?? '') as Record<string, unknown>;
    } catch {
      return refuse('Session is not JSON');
    }
    const keys = Object.keys(session).sort().join(',');
    if (keys !== 'sessionId,sessionKey,sessionToken') return refuse(`Session keys ${keys}`);
    const by = issued().find((c) => c.accessKeyId === session['sessionId'] && c.secretAccessKey === session['sessionKey'] && c.sessionToken === session['sessionToken']);
    if (by === undefined) return refuse('credentials STS did not issue');
    if (by.action === 'GetSessionToken') return refuse('a GetSessionToken session', by.action);
    if (duration !== undefined) {
      const n = Number(duration);
      if (!/^\d+$/.test(duration) || n < 900 || n > 43200) return refuse(`SessionDuration ${duration}`, by.action);
      if (by.action === 'GetFederationToken') return refuse('SessionDuration with a federation token', by.action);
      const signerTemporary = by.signer !== undefined && issued().some((c) => c.accessKeyId === by.signer);
      if (signerTemporary) return refuse('SessionDuration with a chained role', by.action);
    }
    const token = randomBytes(96).toString('base64url');
    tokens.push(token);
    signins.push({ status: 200, sessionDuration: duration, issuedBy: by.action, why: undefined });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ SigninToken: token }));
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const q = url.searchParams;
    if (req.method !== 'GET' || url.pathname !== '/federation') return void res.writeHead(404).end();
    if (q.get('Action') === 'getSigninToken') return signin(q, res);
    if (q.get('Action') === 'login') {
      const token = q.get('SigninToken');
      logins.push({ issuer: q.get('Issuer'), destination: q.get('Destination'), tokenValid: token !== null && tokens.includes(token) });
      return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>signed in</body></html>');
    }
    res.writeHead(400, { 'content-type': 'text/html' }).end(REFUSAL);
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error('fake federation: no address');
  return {
    url: `http://127.0.0.1:${addr.port}/federation`,
    signins,
    logins,
    tokens,
    failNext(status, body) {
      injected = { status, body };
    },
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
