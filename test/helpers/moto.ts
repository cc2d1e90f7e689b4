// A real moto_server on a free loopback port, for tests that need STS.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

export interface Moto {
  readonly url: string;
  readonly port: number;
  /** moto's `POST /moto-api/reset-auth`: check keys after `n` more calls (Infinity: never). */
  resetAuth(initialNoAuthActionCount: number): Promise<void>;
  stop(): Promise<void>;
}

export interface MotoOptions {
  /** Extra environment for moto_server, e.g. `{ INITIAL_NO_AUTH_ACTION_COUNT: '0' }`. */
  readonly env?: Readonly<Record<string, string>>;
}

// A deadline for a hang, not a speed check: moto imports botocore and Flask, which takes
// over 20 s of wall time on a machine busy with other work.
const START_TIMEOUT_MS = 90_000;
const PORT_ATTEMPTS = 3;
const OUTPUT_TAIL_CHARS = 4_000;

const live = new Set<ChildProcess>();
const tails = new WeakMap<ChildProcess, () => string>();
let exitHookInstalled = false;

export async function startMoto(opts: MotoOptions = {}): Promise<Moto> {
  installExitHook();
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = spawnMoto(port, opts.env ?? {});
    live.add(child);
    const outcome = await waitUntilBound(child, port);
    if (outcome === 'bound') {
      const url = `http://127.0.0.1:${port}`;
      await waitUntilAnswering(url, child);
      return { url, port, resetAuth: (n) => resetAuth(url, n), stop: () => stopChild(child) };
    }
    await stopChild(child);
    // The port was free when we looked but someone took it before moto bound it.
    if (outcome !== 'port-taken' || attempt >= PORT_ATTEMPTS) {
      throw new Error(`moto_server did not start (${outcome}):\n${outputTail(child)}`);
    }
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function spawnMoto(port: number, env: Readonly<Record<string, string>>): ChildProcess {
  const args = ['-H', '127.0.0.1', '-p', String(port)];
  // The exit hook cannot run when the test process is SIGKILLed or times out;
  // a parent-death signal still takes moto down then.
  const [cmd, argv] = existsSync('/usr/bin/setpriv')
    ? ['/usr/bin/setpriv', ['--pdeathsig', 'KILL', 'moto_server', ...args]]
    : ['moto_server', args];
  const child = spawn(cmd, argv, {
    env: { ...process.env, ...env, PYTHONUNBUFFERED: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // werkzeug logs every request to stderr: keep draining it so moto never
  // blocks on a full pipe, and keep a tail for startup errors.
  let tail = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    tail = (tail + chunk).slice(-OUTPUT_TAIL_CHARS);
  });
  tails.set(child, () => tail);
  child.once('exit', () => live.delete(child));
  return child;
}

const outputTail = (child: ChildProcess): string => tails.get(child)?.() ?? '';

type BindOutcome = 'bound' | 'port-taken' | 'exited' | 'timeout' | 'spawn-error';

// Something else may already answer on the port, so an HTTP answer alone does
// not prove that *our* moto is listening; werkzeug's own banner does.
function waitUntilBound(child: ChildProcess, port: number): Promise<BindOutcome> {
  const banner = `Running on http://127.0.0.1:${port}`;
  return new Promise((resolve) => {
    const done = (outcome: BindOutcome): void => {
      clearTimeout(timer);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
      resolve(outcome);
    };
    const onData = (): void => {
      if (outputTail(child).includes(banner)) done('bound');
    };
    const onExit = (): void => done(/Address already in use/.test(outputTail(child)) ? 'port-taken' : 'exited');
    const onError = (): void => done('spawn-error');
    const timer = setTimeout(() => done('timeout'), START_TIMEOUT_MS);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

async function waitUntilAnswering(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    try {
      await fetch(`${url}/moto-api/`, { signal: AbortSignal.timeout(1_000) }).then((r) => r.arrayBuffer());
      return;
    } catch (err) {
      if (Date.now() > deadline || child.exitCode !== null) {
        await stopChild(child);
        throw new Error(`moto_server on ${url} never answered: ${String(err)}\n${outputTail(child)}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

async function resetAuth(url: string, n: number): Promise<void> {
  const res = await fetch(`${url}/moto-api/reset-auth`, { method: 'POST', body: Number.isFinite(n) ? String(n) : 'inf' });
  if (!res.ok) throw new Error(`moto reset-auth: HTTP ${res.status}: ${await res.text()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}
