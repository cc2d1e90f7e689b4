// The container endpoint's token table and rate limiter, at their edges: digests compared
// in constant time, an exited owner (or a reused pid) revokes, revocation by token, by
// profile and all; the per-client buckets and their cap.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { isOwnerAlive, ownerNow, type Owner } from '../../src/daemon/ecs/owner.ts';
import { RateLimiter } from '../../src/daemon/ecs/rateLimit.ts';
import { EcsTokens, type EcsToken } from '../../src/daemon/ecs/tokens.ts';
import { waitFor } from '../helpers/waitFor.ts';

const base = { profile: 'app', command: 'sleep', env: {}, cwd: undefined, address: '127.0.0.1' };

function table(alive: (o: Owner) => boolean = () => true) {
  const revoked: [string, string][] = [];
  const tokens = new EcsTokens((t: EcsToken, why) => revoked.push([t.profile, why]), alive);
  return { tokens, revoked };
}

test('a token is found by its id and exact value only; neither the token nor a prefix of it is enough with another id', (t) => {
  const { tokens } = table();
  t.after(() => tokens.stop());
  const a = tokens.register({ ...base, owner: { pid: process.pid, startTime: undefined } });
  const b = tokens.register({ ...base, profile: 'other', owner: { pid: process.pid, startTime: undefined } });
  assert.equal(tokens.check(a.id, a.token)?.profile, 'app');
  assert.equal(tokens.check(b.id, b.token)?.profile, 'other');
  const flipFirst = (a.token[0] === 'A' ? 'B' : 'A') + a.token.slice(1);
  const flipLast = a.token.slice(0, -1) + (a.token.endsWith('A') ? 'B' : 'A');
  for (const wrong of [undefined, '', flipFirst, flipLast, a.token.slice(0, -1), `${a.token}x`, b.token]) assert.equal(tokens.check(a.id, wrong), undefined, String(wrong));
  assert.equal(tokens.check('A'.repeat(22), a.token), undefined, 'an unknown id');
  assert.ok(!JSON.stringify(tokens.list()).includes(a.token), 'list() never shows a token');
});

test('revoked by value, by profile, all; an owner that exits is revoked at its next check and by the sweep', (t) => {
  let aliveNow = true;
  const { tokens, revoked } = table(() => aliveNow);
  t.after(() => tokens.stop());
  const owner = { pid: process.pid, startTime: undefined };
  const a = tokens.register({ ...base, owner });
  tokens.register({ ...base, owner });
  tokens.register({ ...base, profile: 'other', owner });
  assert.equal(tokens.revokeToken(a.token, 'clear'), 1);
  assert.equal(tokens.revokeToken(a.token, 'clear'), 0);
  assert.equal(tokens.check(a.id, a.token), undefined);
  assert.equal(tokens.revokeProfile('app', 'forget app'), 1);
  assert.equal(tokens.size, 1);
  const c = tokens.register({ ...base, owner });
  aliveNow = false;
  assert.equal(tokens.check(c.id, c.token), undefined);
  tokens.sweep();
  assert.equal(tokens.size, 0);
  assert.deepEqual(revoked.map(([, why]) => why), ['clear', 'forget app', `its process ${process.pid} exited`, `its process ${process.pid} exited`]);
});

test('an owner is a pid and its start time: a live process is alive, an exited or reaped one is not, nor another start time', async () => {
  const child = spawn('sleep', ['30'], { stdio: 'ignore' });
  const owner = ownerNow(child.pid!);
  assert.ok(owner !== undefined);
  assert.match(owner.startTime ?? '', /^\d+$/);
  assert.ok(isOwnerAlive(owner));
  assert.ok(!isOwnerAlive({ ...owner, startTime: String(Number(owner.startTime) + 1) }), 'a reused pid has another start time');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  await waitFor(() => !isOwnerAlive(owner), 'the killed process to read as gone');
  assert.equal(ownerNow(2 ** 22 + 12345), undefined, 'no such pid');
});

test('rate limit: a burst, then the sustained rate; clients past the table cap share one bucket', () => {
  let now = 0;
  const limiter = new RateLimiter({ perSecond: 10, burst: 20 }, () => now);
  let allowed = 0;
  for (let i = 0; i < 100; i++) if (limiter.allow('127.0.0.1')) allowed++;
  assert.equal(allowed, 20);
  assert.ok(limiter.allow('127.0.0.2'), 'another client has its own bucket');
  now += 500;
  allowed = 0;
  for (let i = 0; i < 100; i++) if (limiter.allow('127.0.0.1')) allowed++;
  assert.equal(allowed, 5, 'half a second at 10 a second');
  // 2,000 source addresses at once: past the cap they share, so the total stays bounded.
  const many = new RateLimiter({ perSecond: 1, burst: 1 }, () => now);
  let total = 0;
  for (let i = 0; i < 2000; i++) if (many.allow(`127.0.${i >> 8}.${i & 255}`)) total++;
  assert.equal(total, 1025, 'the cap (1024) plus one shared bucket');
});
