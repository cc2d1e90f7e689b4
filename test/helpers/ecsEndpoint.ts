// The container credentials endpoint under test: `awsx exec P --ecs-server` holding a token
// for as long as a test needs it (its command prints the endpoint and token, then waits),
// and plain HTTP requests with any headers, as SDKs and attackers send them.
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { TestContext } from 'node:test';
import { awsxArgv, awsxEnv, REPO_ROOT } from './cli.ts';
import { waitFor } from './waitFor.ts';

export interface HeldEndpoint {
  readonly url: string;
  /** The token, or the token file's path with --token-file. */
  readonly token: string;
  /** The AWS_* and AWSX_* variables the command saw. */
  readonly env: Record<string, string>;
  /** The `awsx exec` process: the token's owner. */
  readonly pid: number;
  /** What awsx printed on stderr so far (warnings). */
  stderr(): string;
  /** Ends the command (and so the exec); resolves once the exec has exited. */
  stop(): Promise<void>;
}

// Prints what the command was given, one NAME=value a line, then an end mark, and waits.
const SHOW_AND_WAIT = `env | grep -E '^AWSX?_' ; echo '--end--'; exec sleep 600`;

export async function holdEndpoint(t: TestContext, env: Record<string, string>, profile: string, flags: readonly string[] = []): Promise<HeldEndpoint> {
  const [node, ...args] = awsxArgv(['exec', profile, '--ecs-server', ...flags, '--', 'sh', '-c', SHOW_AND_WAIT], true);
  const child = spawn(node!, args, { cwd: REPO_ROOT, env: awsxEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let exited = false;
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const done = new Promise<void>((resolve) => child.once('close', () => ((exited = true), resolve())));
  const stop = async (): Promise<void> => {
    if (!exited) child.kill('SIGTERM');
    await done;
  };
  t.after(stop);
  await waitFor(() => out.includes('--end--') || exited, 'awsx exec --ecs-server to start its command', 30_000);
  if (!out.includes('--end--')) throw new Error(`awsx exec --ecs-server exited: ${err}`);
  const seen: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) seen[line.slice(0, eq)] = line.slice(eq + 1);
  }
  const token = seen['AWS_CONTAINER_AUTHORIZATION_TOKEN'] ?? seen['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE'] ?? '';
  return { url: seen['AWS_CONTAINER_CREDENTIALS_FULL_URI'] ?? '', token, env: seen, pid: child.pid!, stderr: () => err, stop };
}

export interface HttpAnswer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** One request; `headers` replace Node's (Host included), undefined values are left out. */
export function httpRequest(url: string, headers: Record<string, string | undefined>, method = 'GET', path?: string): Promise<HttpAnswer> {
  const u = new URL(url);
  const sent: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) sent[k] = v;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: path ?? u.pathname + u.search, method, headers: sent, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A GET as an SDK sends it: Host as the URL says, the token in Authorization. */
export function fetchCreds(url: string, token: string | undefined, extra: Record<string, string | undefined> = {}): Promise<HttpAnswer> {
  return httpRequest(url, { host: new URL(url).host, accept: 'application/json', authorization: token, ...extra });
}
