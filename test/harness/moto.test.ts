import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
  STSClient,
  type Credentials,
} from '@aws-sdk/client-sts';
import { startMoto, type Moto } from '../helpers/moto.ts';

const MOTO_TS = fileURLToPath(new URL('../helpers/moto.ts', import.meta.url));

function sts(url: string, creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): STSClient {
  return new STSClient({ region: 'us-east-1', endpoint: url, maxAttempts: 1, credentials: creds });
}
const STATIC = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'any-secret' };
const fromSts = (c: Credentials | undefined) => ({
  accessKeyId: c!.AccessKeyId!,
  secretAccessKey: c!.SecretAccessKey!,
  sessionToken: c!.SessionToken!,
});

async function isRefused(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/moto-api/`);
    return false;
  } catch (err) {
    return (err as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED';
  }
}

let moto: Moto;
before(async () => {
  moto = await startMoto();
});
after(() => moto.stop());

describe('startMoto', () => {
  test('serves STS on a loopback port', async () => {
    assert.equal(moto.url, `http://127.0.0.1:${moto.port}`);
    const id = await sts(moto.url, STATIC).send(new GetCallerIdentityCommand({}));
    assert.equal(id.Account, '123456789012');
  });

  test('instances started together get their own ports, and stop() frees them', async () => {
    const [a, b] = await Promise.all([startMoto(), startMoto()]);
    assert.notEqual(a.port, b.port);
    assert.notEqual(a.port, moto.port);
    await Promise.all([a.stop(), b.stop()]);
    // stop() waits for the process to exit, so the ports refuse at once.
    assert.equal(await isRefused(a.url), true);
    assert.equal(await isRefused(b.url), true);
    await a.stop(); // a second stop is harmless
  });

  test('INITIAL_NO_AUTH_ACTION_COUNT lets N calls through, then checks keys', async () => {
    const authMoto = await startMoto({ env: { INITIAL_NO_AUTH_ACTION_COUNT: '1' } });
    try {
      const bogus = sts(authMoto.url, { accessKeyId: 'AKIABOGUSBOGUSBOGUS0', secretAccessKey: 'x' });
      await bogus.send(new GetCallerIdentityCommand({}));
      await assert.rejects(bogus.send(new GetCallerIdentityCommand({})), { name: 'InvalidClientTokenId' });
      await authMoto.resetAuth(Infinity);
      await bogus.send(new GetCallerIdentityCommand({}));
    } finally {
      await authMoto.stop();
    }
  });

  for (const how of ['exit', 'SIGKILL'] as const) {
    test(`moto does not outlive a test process that ends by ${how}`, async () => {
      const script =
        `const { startMoto } = await import(${JSON.stringify(MOTO_TS)});` +
        `const m = await startMoto(); console.log(m.url);` +
        // It exits when told (a line on stdin), once this test has seen moto answer.
        (how === 'exit' ? "process.stdin.once('data', () => process.exit(0));" : 'setInterval(() => {}, 1000);');
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.setEncoding('utf8').once('data', (line: string) => resolve(line.trim()));
        child.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
      });
      assert.equal(await isRefused(url), false);
      if (how === 'SIGKILL') child.kill('SIGKILL');
      else child.stdin.end('exit\n');
      if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
      await waitUntil(() => isRefused(url), 10_000);
    });
  }
});

// These are why the STS proxy exists; if moto ever starts enforcing them, the proxy's rules can go.
describe('moto 5.2.1 quirks', () => {
  test('accepts any MFA code, and the same code twice', async () => {
    const mfa = { SerialNumber: 'arn:aws:iam::123456789012:mfa/alice', TokenCode: '000000' };
    await sts(moto.url, STATIC).send(new GetSessionTokenCommand(mfa));
    await sts(moto.url, STATIC).send(new GetSessionTokenCommand(mfa));
  });

  test('GetSessionToken always returns the same fixed AKIA credentials', async () => {
    const a = await sts(moto.url, STATIC).send(new GetSessionTokenCommand({}));
    const b = await sts(moto.url, STATIC).send(new GetSessionTokenCommand({}));
    assert.equal(a.Credentials?.AccessKeyId, 'AKIAIOSFODNN7EXAMPLE');
    assert.deepEqual(fromSts(a.Credentials), fromSts(b.Credentials));
  });

  test('assumes a role that does not exist, and chains past the 1 h limit', async () => {
    const role = { RoleArn: 'arn:aws:iam::123456789012:role/does-not-exist', RoleSessionName: 's' };
    const first = await sts(moto.url, STATIC).send(new AssumeRoleCommand(role));
    assert.match(first.Credentials?.AccessKeyId ?? '', /^ASIA/);
    const chained = await sts(moto.url, fromSts(first.Credentials)).send(
      new AssumeRoleCommand({ ...role, DurationSeconds: 7200 }),
    );
    const lifetimeMs = chained.Credentials!.Expiration!.getTime() - Date.now();
    assert.ok(lifetimeMs > 3600_000, `chained session lasts ${lifetimeMs} ms`);
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
