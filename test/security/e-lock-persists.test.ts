// docs/security.md test 53 (issue 17, item 7): `awsx lock --passphrase` is not undone by
// stopping the daemon. `awsx daemon stop` is refused while locked; SIGTERM still stops it,
// and the daemon the next command starts is locked too, from the marker in the runtime dir
// (the salted hash, 0600, never the passphrase), until `awsx unlock` with the passphrase.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { awsxEnv, runAwsx, type RunResult } from '../helpers/cli.ts';
import { isAlive, theDaemon } from '../helpers/daemon.ts';
import { useMotoAndProxy } from '../helpers/stsFixture.ts';
import { stsWorld } from '../helpers/stsWorld.ts';
import { waitFor } from '../helpers/waitFor.ts';

const sts = useMotoAndProxy();
const PASSPHRASE = 'correct horse battery';

test('a passphrase lock survives `awsx daemon stop` (refused), SIGTERM and a new daemon, until `awsx unlock` with the passphrase (security 53)', async (t) => {
  const w = stsWorld(t, sts.proxy.url);
  const run = (args: string[], input?: string): Promise<RunResult> => runAwsx(args, { env: awsxEnv(w.env), built: true, ...(input === undefined ? {} : { input }) });
  const marker = join(w.runtime.dir, 'locked.json');
  assert.equal((await run(['env', 'app'])).code, 0);
  const first = await theDaemon(w.runtime.dir);
  assert.equal((await run(['lock', '--passphrase'], `${PASSPHRASE}\n`)).code, 0);

  const stop = await run(['daemon', 'stop']);
  assert.notEqual(stop.code, 0);
  assert.match(stop.stderr, /^awsx: daemon stop: awsx is locked; it stays running, and locked, until `awsx unlock`\n {2}fix: awsx unlock first; a SIGTERM \(kill \d+\) still stops it, and the next daemon starts locked\n$/);
  assert.ok(isAlive(first), 'daemon stop stopped a locked daemon');

  process.kill(first, 'SIGTERM');
  await waitFor(() => !isAlive(first), `daemon ${first} to stop on SIGTERM`, 10_000);
  const refused = await run(['env', 'app']);
  assert.equal(refused.code, 1, 'a new daemon handed out credentials');
  assert.equal(refused.stdout, '');
  assert.match(refused.stderr, /awsx is locked/);
  assert.notEqual(await theDaemon(w.runtime.dir), first, 'a new daemon answered');
  assert.match((await run(['daemon', 'status'])).stdout, /locked: awsx unlock/);
  // What kept it: a marker in the runtime dir with the salted hash, never the passphrase.
  const text = readFileSync(marker, 'utf8');
  assert.equal(statSync(marker).mode & 0o777, 0o600);
  assert.ok(!text.includes(PASSPHRASE) && !text.includes('horse'), 'the passphrase itself on disk');

  assert.match((await run(['unlock'], 'wrong guess\n')).stderr, /wrong passphrase; awsx stays locked/);
  assert.equal((await run(['unlock'], `${PASSPHRASE}\n`)).code, 0);
  assert.ok(!existsSync(marker), 'the marker outlived the unlock');
  assert.equal((await run(['env', 'app'])).code, 0);
  assert.equal((await run(['daemon', 'stop'])).code, 0);
});
