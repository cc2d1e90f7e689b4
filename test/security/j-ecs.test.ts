// docs/security.md section J: the container credentials endpoint (tests 44-46, and the
// endpoint's half of 18). The daemon, the `awsx exec --ecs-server` that holds a token, and
// the clients are all real: raw sockets and node:http for what an attacker sends, boto3,
// botocore and the JS SDK's fromHttp for what an SDK does.
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { dirname } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { theDaemon } from '../helpers/daemon.ts';
import { fetchCreds, holdEndpoint, httpRequest, type HttpAnswer } from '../helpers/ecsEndpoint.ts';
import { NOBODY, otherUidSkip, runAsUid } from '../helpers/otherUid.ts';
import { listeningTcpAddressesOf } from '../helpers/procNet.ts';
import { runProgram } from '../helpers/shell.ts';
import { useMotoAndProxy } from '../helpers/stsFixture.ts';
import { stsWorld, type StsWorld } from '../helpers/stsWorld.ts';

const sts = useMotoAndProxy();

function world(t: TestContext): StsWorld {
  return stsWorld(t, sts.proxy.url);
}

/** A refusal: the status, a {Code, Message} JSON body, and not a byte of any credential. */
function assertRefused(a: HttpAnswer, status: number, what: string): void {
  assert.equal(a.status, status, `${what}: ${a.body}`);
  assert.equal(a.headers['content-type'], 'application/json', what);
  const body = JSON.parse(a.body) as Record<string, unknown>;
  assert.deepEqual(Object.keys(body).sort(), ['Code', 'Message'], what);
  assert.ok(!/AccessKeyId|SecretAccessKey|ASIA|AKIA/.test(a.body), `${what}: no credential bytes`);
}

function assertNoCors(a: HttpAnswer, what: string): void {
  const cors = Object.keys(a.headers).filter((h) => h.startsWith('access-control-'));
  assert.deepEqual(cors, [], `${what}: no CORS header`);
}

/** Sends raw bytes; resolves with what came back once the server closed the connection. */
function rawExchange(port: number, bytes: string, deadlineMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(bytes));
    let got = '';
    const timer = setTimeout(() => {
      s.destroy();
      reject(new Error(`the endpoint did not close the connection within ${deadlineMs} ms; got ${JSON.stringify(got.slice(0, 200))}`));
    }, deadlineMs);
    s.setEncoding('utf8').on('data', (d: string) => (got += d));
    s.on('error', () => undefined);
    s.on('close', () => {
      clearTimeout(timer);
      resolve(got);
    });
  });
}

const flip = (token: string, at: number): string => token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);

describe('the container credentials endpoint', () => {
  test("bound to 127.0.0.1 on a random port only; no token, a wrong one, another profile's, a revoked one and another uid all get 403 and no credential bytes; wrong first and last bytes are answered alike (security 44)", async (t) => {
    const w = world(t);
    const app = await holdEndpoint(t, w.env, 'app');
    const mfa = await holdEndpoint(t, w.env, 'mfa', ['--mfa-code', '123456']);
    const daemon = await theDaemon(w.runtime.dir);
    const port = Number(new URL(app.url).port);
    assert.deepEqual(listeningTcpAddressesOf(daemon), [`127.0.0.1:${port}`], 'one listener, loopback only, for both tokens');
    assert.equal(new URL(mfa.url).port, String(port));
    assert.notEqual(port, 0);

    assert.equal((await fetchCreds(app.url, app.token)).status, 200, 'the control: the right token works');
    const cases: [string, string, string | undefined][] = [
      ['no token', app.url, undefined],
      ['an empty token', app.url, ''],
      ['a wrong first byte', app.url, flip(app.token, 0)],
      ['a wrong last byte', app.url, flip(app.token, app.token.length - 1)],
      ['a prefix', app.url, app.token.slice(0, 20)],
      ['profile mfa\'s token on app\'s path', app.url, mfa.token],
      ['app\'s token on profile mfa\'s path', mfa.url, app.token],
      ['Bearer-prefixed', app.url, `Bearer ${app.token}`],
    ];
    const bodies = new Set<string>();
    for (const [what, url, token] of cases) {
      const a = await fetchCreds(url, token);
      assertRefused(a, 403, what);
      bodies.add(`${a.status} ${a.body}`);
    }
    // Every wrong token gets the same answer; the time it takes is measured in `npm run bench`
    // (bench/ecsEndpoint.ts), since a timed assertion would fail on a loaded machine.
    assert.equal(bodies.size, 1, `one answer for all: ${[...bodies].join(' | ')}`);

    await app.stop();
    assertRefused(await fetchCreds(app.url, app.token), 403, 'the token of an exec that ended');
    assert.equal((await fetchCreds(mfa.url, mfa.token)).status, 200, 'the other token lives on');

    if (!otherUidSkip) {
      const r = runAsUid(NOBODY, ['curl', '-s', '-w', '\n%{http_code}', mfa.url]);
      assert.equal(r.stdout.trim().split('\n').at(-1), '403', r.stderr);
      assert.ok(!/AccessKeyId/.test(r.stdout));
    }
  });

  test('browsers and DNS rebinding: a foreign Host, any Origin or Sec-Fetch header, OPTIONS, huge or slow headers, a flood, a role ARN in the path are refused, and no CORS header is ever sent (security 45)', async (t) => {
    const w = world(t);
    const held = await holdEndpoint(t, w.env, 'app');
    const u = new URL(held.url);
    const port = Number(u.port);
    const good = { host: u.host, authorization: held.token };
    const answers: [string, HttpAnswer][] = [];
    const ask = async (what: string, headers: Record<string, string | undefined>, method = 'GET', path?: string): Promise<HttpAnswer> => {
      const a = await httpRequest(held.url, headers, method, path);
      answers.push([what, a]);
      return a;
    };
    assert.equal((await ask('control', good)).status, 200);
    assert.equal((await ask('localhost', { ...good, host: `localhost:${port}` })).status, 200);
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, '127.0.0.1', 'localhost', `127.0.0.2:${port}`, `localhost.evil.example:${port}`, `[::1]:${port}`]) {
      assertRefused(await ask(`Host ${host}`, { ...good, host }), 403, `Host ${host}`);
    }
    for (const [name, value] of [['origin', 'https://evil.example'], ['origin', 'null'], ['origin', `http://127.0.0.1:${port}`], ['sec-fetch-mode', 'no-cors'], ['sec-fetch-site', 'cross-site']] as const) {
      assertRefused(await ask(`${name}: ${value}`, { ...good, [name]: value }), 403, `${name}: ${value}`);
    }
    const preflight = await ask('OPTIONS preflight', { ...good, origin: 'https://evil.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' }, 'OPTIONS');
    assert.ok(preflight.status === 403 || preflight.status === 405, String(preflight.status));
    assertRefused(await ask('OPTIONS', good, 'OPTIONS'), 405, 'OPTIONS');
    for (const method of ['POST', 'PUT', 'DELETE', 'HEAD']) {
      const a = await ask(method, good, method);
      assert.equal(a.status, 405, method);
      assert.equal(a.headers['allow'], 'GET');
    }
    for (const path of [`${u.pathname}/arn:aws:iam::123456789012:role/admin`, '/role-arn/arn:aws:iam::123456789012:role/admin', `${u.pathname}?role_arn=arn:aws:iam::123456789012:role/admin`, '/', '/creds', '/creds/', `${u.pathname}/`, `/v2/credentials/x`, '/latest/meta-data/iam/security-credentials/']) {
      assertRefused(await ask(`path ${path}`, good, 'GET', path), 404, `path ${path}`);
    }
    for (const [what, a] of answers) assertNoCors(a, what);

    const huge = await rawExchange(port, `GET ${u.pathname} HTTP/1.1\r\nHost: ${u.host}\r\nAuthorization: ${held.token}\r\nX-Pad: ${'a'.repeat(20 * 1024)}\r\n\r\n`);
    assert.match(huge, /^HTTP\/1\.1 431 /, 'headers over 16 KiB');
    // Headers that never end: the connection is answered 408 and closed (headersTimeout).
    const slow = await rawExchange(port, `GET ${u.pathname} HTTP/1.1\r\nHost: ${u.host}\r\n`);
    assert.match(slow, /^HTTP\/1\.1 408 /, 'slow headers are cut off');

    // A flood from one client: 429 well before the 10,000th request (the limit is 200 a
    // second after a burst of 400, per client address).
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    t.after(() => agent.destroy());
    let sent = 0;
    let limited: http.IncomingMessage | undefined;
    const one = (): Promise<void> => new Promise((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path: u.pathname, agent }, (res) => {
        if (res.statusCode === 429) limited ??= res;
        res.resume().on('end', resolve);
      });
      req.on('error', reject);
    });
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (limited === undefined && sent < 10_000) {
        sent++;
        await one();
      }
    }));
    assert.ok(limited !== undefined, `no 429 in ${sent} requests`);
    assert.equal(limited.headers['retry-after'], '1');
    t.diagnostic(`429 after ${sent} requests`);
  });

  test('the endpoint speaks no admin method: lock, forget, shutdown are not paths, and a POST is 405 (security 18)', async (t) => {
    const w = world(t);
    const held = await holdEndpoint(t, w.env, 'app');
    const u = new URL(held.url);
    for (const path of ['/lock', '/forget', '/shutdown', '/unlock', '/resolve']) {
      assertRefused(await httpRequest(held.url, { host: u.host, authorization: held.token }, 'GET', path), 404, path);
      assertRefused(await httpRequest(held.url, { host: u.host, authorization: held.token }, 'POST', path), 405, `POST ${path}`);
    }
    assert.equal((await fetchCreds(held.url, held.token)).status, 200);
  });

  test("SDK conformance: boto3 and fromHttp with the token and with a 0600 token file; each SDK's precedence; a rotated file is read again; Expiration RFC 3339 Z at least 15 min ahead; 4xx bodies {Code, Message} (security 46)", async (t) => {
    const w = world(t);
    const inline = await holdEndpoint(t, w.env, 'app');
    const filed = await holdEndpoint(t, w.env, 'app', ['--token-file']);
    const file = filed.token;
    assert.equal(filed.env['AWS_CONTAINER_AUTHORIZATION_TOKEN'], undefined);
    assert.equal(dirname(file), w.runtime.dir, 'in the private runtime dir');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const token = readFileSync(file, 'utf8');
    assert.match(token, /^[A-Za-z0-9_-]{43}$/, 'the token alone, no newline');

    const a = await fetchCreds(inline.url, inline.token);
    assert.equal(a.status, 200);
    assert.equal(a.headers['content-type'], 'application/json');
    const body = JSON.parse(a.body) as Record<string, string>;
    assert.deepEqual(Object.keys(body).filter((k) => k !== 'AccountId').sort(), ['AccessKeyId', 'Expiration', 'SecretAccessKey', 'Token']);
    assert.match(body['Expiration']!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.ok(Date.parse(body['Expiration']!) >= Date.now() + 15 * 60_000, body['Expiration']);

    const boto = `
import json, boto3, os
c = boto3.Session().get_credentials()
f = c.get_frozen_credentials()
print(json.dumps({'method': c.method, 'key': f.access_key}))
`;
    const js = `
import { fromHttp } from '@aws-sdk/credential-provider-http';
const p = fromHttp({ logger: { debug() {}, info() {}, warn() {}, error() {} } });
const out = [];
for (const step of (process.env.STEPS ?? 'fetch').split(',')) {
  if (step.startsWith('write:')) { (await import('node:fs')).writeFileSync(process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE, step.slice(6)); continue; }
  try { const c = await p(); out.push({ key: c.accessKeyId, expiration: c.expiration.toISOString() }); }
  catch (e) { out.push({ error: e.name, code: e.Code ?? null, message: e.Message ?? null }); }
}
console.log(JSON.stringify(out));
`;
    // Each token opens its own URL: the file's is the --token-file exec's.
    const sdkEnv = (extra: Record<string, string>) => ({ ...w.env, AWS_CONTAINER_CREDENTIALS_FULL_URI: extra['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE'] ? filed.url : inline.url, ...extra });
    const runBoto = async (extra: Record<string, string>) => {
      const r = await runProgram('python3', ['-c', boto], sdkEnv(extra));
      assert.equal(r.code, 0, r.stderr);
      return JSON.parse(r.stdout) as { method: string; key: string };
    };
    const runJs = async (extra: Record<string, string>) => {
      const r = await runProgram(process.execPath, ['--input-type=module', '-e', js], sdkEnv(extra));
      assert.equal(r.code, 0, r.stderr);
      return JSON.parse(r.stdout) as { key?: string; error?: string; code?: string | null; message?: string | null }[];
    };
    const key = body['AccessKeyId'];
    assert.deepEqual(await runBoto({ AWS_CONTAINER_AUTHORIZATION_TOKEN: inline.token }), { method: 'container-role', key });
    assert.deepEqual(await runBoto({ AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: file }), { method: 'container-role', key });
    assert.equal((await runJs({ AWS_CONTAINER_AUTHORIZATION_TOKEN: inline.token }))[0]?.key, key);
    assert.equal((await runJs({ AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: file }))[0]?.key, key);

    // Precedence with both set and only the file right: botocore reads the file; so does
    // this JS SDK (credential-provider-http 3.972: "awsContainerAuthorizationTokenFile will
    // take precedence"). The spec's "JS: inline wins" describes older releases.
    const both = { AWS_CONTAINER_AUTHORIZATION_TOKEN: flip(inline.token, 5), AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: file };
    assert.equal((await runBoto(both)).key, key);
    assert.equal((await runJs(both))[0]?.key, key);

    // Rotation: the JS provider reads the file at each fetch.
    const rotated = await runJs({ AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: file, STEPS: `fetch,write:${flip(token, 0)},fetch,write:${token},fetch` });
    assert.equal(rotated[0]?.key, key);
    assert.deepEqual(rotated[1], { error: 'CredentialsProviderError', code: 'AccessDenied', message: 'container endpoint: access denied' }, 'a 4xx carries Code and Message');
    assert.equal(rotated[2]?.key, key);
    writeFileSync(file, token);

    await filed.stop();
    assert.throws(() => statSync(file), /ENOENT/, 'the exec removes its token file');
    const daemonLog = readFileSync(w.runtime.log, 'utf8');
    assert.match(daemonLog, /served app to 127\.0\.0\.1:\d+ over the container endpoint \(token of pid \d+ /, 'the audit line');
    assert.ok(!daemonLog.includes(inline.token) && !daemonLog.includes(token), 'no token in the log');
  });
});
