// docs/security.md test 11: with debug logging on, no secret reaches the daemon log, stderr
// or stdout. Canaries: the long-term secret (CANARY-<uuid>) and two MFA codes, through env
// (with a typed code), exec, credential-process, whoami, and an STS error whose text quotes
// the secret and the code. The session credentials STS hands out belong on the stdout of
// env and credential-process, and nowhere else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { awsxArgv, awsxEnv, REPO_ROOT, runAwsx, type RunResult } from '../helpers/cli.ts';
import { runInPty, type PtyResult } from '../helpers/pty.ts';
import { useMotoAndProxy } from '../helpers/stsFixture.ts';
import { MFA_SERIAL, stsWorld } from '../helpers/stsWorld.ts';

const sts = useMotoAndProxy();
const PROMPT = `MFA code for ${MFA_SERIAL}: `;

test('with debug logging on, no canary secret or MFA code reaches the daemon log, stderr or stdout, even through an STS error that quotes them (security 11)', async (t) => {
  const w = stsWorld(t, sts.proxy.url);
  const env = awsxEnv({ ...w.env, AWSX_DEBUG: '1' });
  const [goodCode, rejectedCode] = ['739146', '582037'];
  const outputs: RunResult[] = [];
  const screens: string[] = [];
  const run = async (args: string[]): Promise<RunResult> => {
    const r = await runAwsx(args, { env, built: true });
    outputs.push(r);
    return r;
  };
  // The terminal echoes what the person typed; that echo is theirs, not awsx's output.
  const typed = async (args: string[], code: string): Promise<PtyResult> => {
    const r = await runInPty(awsxArgv(args, true), { env, cwd: REPO_ROOT, answers: [{ after: PROMPT, send: `${code}\r` }] });
    assert.ok(r.screen.includes(`${PROMPT}${code}\r\n`), `the prompt and its echo: ${r.screen}`);
    screens.push(r.screen.replace(`${PROMPT}${code}\r\n`, PROMPT));
    return r;
  };

  const mfa = await typed(['env', 'mfa', '--shell', 'json'], goodCode);
  assert.equal(mfa.code, 0, mfa.screen);
  const fromMfa = JSON.parse(mfa.screen.slice(mfa.screen.indexOf('{'))) as Record<string, string>;
  const app = JSON.parse((await run(['env', 'app', '--shell', 'json'])).stdout) as Record<string, string>;
  assert.equal((await run(['exec', 'app', '--', 'sh', '-c', 'test -n "$AWS_SESSION_TOKEN" && echo exec-ok'])).stdout, 'exec-ok\n');
  const processOut = JSON.parse((await run(['credential-process', 'app'])).stdout) as Record<string, unknown>;
  assert.equal(processOut.Version, 1);
  assert.equal((await run(['whoami', 'app'])).code, 0);
  assert.equal((await run(['sessions'])).code, 0);

  // STS refuses the first call of the flow (signed with the long-term key, carrying the
  // code), quoting both in its message.
  assert.equal((await run(['forget', '--all'])).code, 0);
  sts.proxy.failNext(1, { kind: 'accessDenied', message: `User AKIAIOSFODNN7EXAMPLE is not allowed (secret ${w.canary}, code ${rejectedCode})` });
  const denied = await typed(['env', 'mfa', '--shell', 'json'], rejectedCode);
  assert.notEqual(denied.code, 0);
  assert.match(denied.screen, /is not allowed \(secret \[redacted\], code \[redacted\]\)/, 'the STS text is shown, redacted');

  const log = readFileSync(w.runtime.log, 'utf8');
  assert.match(log, / debug \[\d+\] /, 'debug logging was on');
  const everything = [log, ...screens, ...outputs.flatMap((r) => [r.stdout, r.stderr])];
  for (const canary of [w.canary, goodCode, rejectedCode]) {
    assert.equal(everything.filter((text) => text.includes(canary)).length, 0, `${canary} leaked`);
  }
  // Session credentials: on the stdout of the commands that hand them out, nowhere else.
  const issued = [fromMfa, app].flatMap((e) => [e.AWS_SECRET_ACCESS_KEY!, e.AWS_SESSION_TOKEN!]);
  assert.equal(issued.filter(Boolean).length, 4);
  for (const secret of issued) {
    assert.ok(!log.includes(secret), 'a session secret in daemon.log');
    assert.ok(!outputs.some((r) => r.stderr.includes(secret)), 'a session secret on stderr');
  }
});
