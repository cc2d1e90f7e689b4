// No secret in any process's argv during a full flow (docs/security.md T4, test 8): while
// env (with an MFA code typed on a terminal), exec, credential_process through the AWS CLI
// and whoami run, every /proc/*/cmdline is sampled every few ms; afterwards none of them
// may hold the long-term secret (a canary), the MFA code, or any secret or session token
// awsx handed out. The daemon's log and environment must not hold them either.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { awsxEnv, REPO_ROOT, runAwsx } from '../helpers/cli.ts';
import { theDaemon } from '../helpers/daemon.ts';
import { startMoto, type Moto } from '../helpers/moto.ts';
import { runInPty } from '../helpers/pty.ts';
import { runProgram, runSh } from '../helpers/shell.ts';
import { MFA_SERIAL, stsWorld } from '../helpers/stsWorld.ts';
import { waitFor } from '../helpers/waitFor.ts';

let moto: Moto;
before(async () => {
  moto = await startMoto();
});
after(() => moto?.stop());

function sampleCmdlines(into: Set<string>): { stop: () => void; rounds: () => number } {
  let rounds = 0;
  const timer = setInterval(() => {
    rounds++;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        into.add(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
      } catch {
        // exited meanwhile
      }
    }
  }, 5);
  return { stop: () => clearInterval(timer), rounds: () => rounds };
}

test('no secret, token or MFA code in /proc/*/cmdline during a full flow (security 8)', async (t) => {
  const w = stsWorld(t, moto.url);
  const code = '918273';
  const seen = new Set<string>();
  const sampler = sampleCmdlines(seen);
  t.after(sampler.stop);
  const handedOut: string[] = [];

  const typed = await runInPty([process.execPath, '--import', 'tsx', 'src/cli/main.ts', 'env', 'mfa', '--shell', 'json'], {
    env: awsxEnv(w.env),
    cwd: REPO_ROOT,
    answers: [{ after: `MFA code for ${MFA_SERIAL}: `, send: `${code}\r` }],
  });
  assert.equal(typed.code, 0, typed.screen);
  const exported = JSON.parse(typed.screen.slice(typed.screen.indexOf('{'))) as Record<string, string>;
  handedOut.push(exported.AWS_SECRET_ACCESS_KEY!, exported.AWS_SESSION_TOKEN!);

  const env = JSON.parse((await runAwsx(['env', 'app', '--shell', 'json'], { env: awsxEnv(w.env) })).stdout) as Record<string, string>;
  handedOut.push(env.AWS_SECRET_ACCESS_KEY!, env.AWS_SESSION_TOKEN!);
  assert.equal((await runAwsx(['exec', 'mfa', '--', 'aws', 'sts', 'get-caller-identity'], { env: awsxEnv(w.env) })).code, 0);
  assert.equal((await runProgram('aws', ['sts', 'get-caller-identity', '--profile', 'viaawsx'], w.env)).code, 0);
  assert.equal((await runSh('eval "$("$AWSX_BIN" env app --shell bash)" && "$AWSX_BIN" whoami', w.env)).code, 0);
  const daemon = await theDaemon(w.runtime.dir);
  const last = sampler.rounds();
  await waitFor(() => sampler.rounds() > last + 1, 'one more sampling round');
  sampler.stop();

  assert.ok(seen.size > 10, `sampled ${seen.size} distinct command lines`);
  const secrets = [w.canary, code, ...handedOut].filter((s) => s.length > 0);
  assert.equal(secrets.length, 6);
  for (const line of seen) for (const secret of secrets) assert.ok(!line.includes(secret), `a secret in argv: ${line.replaceAll('\0', ' ').slice(0, 200)}`);
  const log = readFileSync(w.runtime.log, 'utf8');
  const environ = readFileSync(`/proc/${daemon}/environ`, 'utf8');
  for (const secret of secrets) {
    assert.ok(!log.includes(secret), 'a secret in daemon.log');
    assert.ok(!environ.includes(secret), 'a secret in the daemon\'s environment');
  }
});
