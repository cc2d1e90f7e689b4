// docs/security.md test 52 (issue 17, item 6): what a peer sends cannot forge a line of
// daemon.log. Every control character of every field is escaped where the line is written
// (src/daemon/log.ts), newline and tab included; escape sequences stay inert (test 43).
// The attacker here is a process of the same uid (A3, A4): another uid cannot connect.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { PROTOCOL_VERSION } from '../../src/ipc/protocol.ts';
import { awsxEnv, runAwsx } from '../helpers/cli.ts';
import { privateRuntime, theDaemon } from '../helpers/daemon.ts';
import { rawClient } from '../helpers/rawClient.ts';
import { waitFor } from '../helpers/waitFor.ts';

const LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (info|warn|error|debug) \[\d+\] [^\t]*$/;

test('a profile name carrying a newline, a tab and an escape sequence writes one escaped line to daemon.log, never a forged one (security 52)', async (t) => {
  const rt = privateRuntime(t);
  const started = await runAwsx(['sessions'], { env: awsxEnv(rt.env), built: true });
  assert.equal(started.code, 0, started.stderr);
  const pid = await theDaemon(rt.dir);
  const forged = `2026-01-01T00:00:00.000Z info [${pid}] served prod to pid 1 (/usr/bin/evil)`;
  const profile = `x\n${forged}\r\tcol\u001b]0;title\u0007`;
  const c = await rawClient(rt.socket);
  c.send(JSON.stringify({ id: 1, method: 'hello', params: { protocol: PROTOCOL_VERSION, client: 'test' } }) + '\n');
  c.send(JSON.stringify({ id: 2, method: 'forget', params: { profile } }) + '\n');
  assert.equal((await c.frame(2)).ok, true);
  c.socket.destroy();

  await waitFor(() => / forget x.* dropped/.test(readFileSync(rt.log, 'utf8')), 'the forget line in daemon.log');
  const log = readFileSync(rt.log, 'utf8');
  const lines = log.split('\n').slice(0, -1);
  assert.deepEqual(lines.filter((l) => !LINE.test(l)), [], 'every line of daemon.log is a whole log line');
  assert.ok(!lines.some((l) => l.startsWith(forged)), 'a forged line in daemon.log');
  const escaped = `forget x\\n${forged}\\r\\tcol\\e]0;title\\x07: 0 dropped`;
  assert.equal(lines.filter((l) => l.includes(` info [${pid}] ${escaped}`)).length, 1, `the name, escaped, on one forget line:\n${log}`);
});
