// The prompt segment: the reference in segment.ts as a table, then bash, zsh and fish's
// awsx_prompt held to the same table (and made inert against hostile profile names).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { formatSegment, formatTimeLeft, isInRefreshWindow, parseExpiration, renewalMessage } from '../../src/shell/segment.ts';
import { fakeAwsx } from '../helpers/fakeAwsx.ts';
import { expiresIn, runHooked, type RealShell } from '../helpers/hookedShell.ts';
import { findBinary } from '../helpers/realShell.ts';

test('formatTimeLeft: whole minutes, hours from 60m, never rounded up', () => {
  const table: [number, string][] = [
    [-1, 'expired'], [0, 'expired'], [1, '<1m'], [59, '<1m'], [60, '1m'], [42 * 60 + 59, '42m'],
    [3599, '59m'], [3600, '1h0m'], [3 * 3600 + 12 * 60 + 30, '3h12m'], [36 * 3600, '36h0m'],
  ];
  for (const [seconds, text] of table) assert.equal(formatTimeLeft(seconds), text, `${seconds}s`);
});

test('parseExpiration: RFC 3339 UTC as awsx writes it, with or without fractions; nothing else', () => {
  assert.equal(parseExpiration('1970-01-01T00:00:00Z'), 0);
  assert.equal(parseExpiration('2026-11-28T12:00:00Z'), Date.UTC(2026, 10, 28, 12) / 1000);
  assert.equal(parseExpiration('2024-02-29T23:59:59.999Z'), Date.UTC(2024, 1, 29, 23, 59, 59) / 1000);
  for (const bad of [undefined, '', '2026-11-28', '2026-11-28T12:00:00+01:00', '2026-11-28T12:00:00.Z', '2026-11-28T12:00:00.5xZ', ' 2026-11-28T12:00:00Z']) {
    assert.equal(parseExpiration(bad), undefined, String(bad));
  }
});

test('formatSegment and the refresh window', () => {
  const now = 1_800_000_000;
  const at = (s: number): string => new Date((now + s) * 1000).toISOString().replace('.000Z', 'Z');
  assert.equal(formatSegment({ profile: undefined, expiration: at(100), nowSeconds: now }), '');
  assert.equal(formatSegment({ profile: 'prod', expiration: at(42 * 60), nowSeconds: now }), 'prod 42m');
  assert.equal(formatSegment({ profile: 'prod', expiration: at(-1), nowSeconds: now, needsRenewal: true }), 'prod expired');
  assert.equal(formatSegment({ profile: 'prod', expiration: at(9 * 60), nowSeconds: now, needsRenewal: true }), 'prod 9m!');
  assert.equal(formatSegment({ profile: 'prod', expiration: undefined, nowSeconds: now }), 'prod');
  assert.equal(formatSegment({ profile: 'a\x1b]52;c;x\x07b\u009b', expiration: undefined, nowSeconds: now }), 'a?]52;c;x?b?');
  assert.equal(isInRefreshWindow(at(15 * 60 + 1), now), false);
  assert.equal(isInRefreshWindow(at(15 * 60), now), true, 'whole seconds: the edge is inside');
  assert.equal(isInRefreshWindow(at(-3600), now), true);
  assert.equal(isInRefreshWindow('soon', now), false);
  assert.equal(renewalMessage('prod', 9 * 60 + 5), 'awsx: prod expires in 9m; run awsx use prod to renew');
  assert.equal(renewalMessage('prod', 0), 'awsx: prod expired; run awsx use prod to renew');
});

interface Case {
  readonly profile?: string;
  /** Seconds from now, or a literal AWS_CREDENTIAL_EXPIRATION. Offsets sit mid-minute so a slow shell cannot change the minute. */
  readonly expires?: number | string;
  readonly label: string;
}

const CASES: readonly Case[] = [
  { label: 'no profile', expires: 600 },
  { label: '42 minutes', profile: 'prod', expires: 42 * 60 + 30 },
  { label: 'hours', profile: 'prod', expires: 3 * 3600 + 12 * 60 + 30 },
  { label: 'under a minute', profile: 'prod', expires: 30 },
  { label: 'expired', profile: 'prod', expires: -30 },
  { label: 'fractional seconds', profile: 'prod', expires: expiresIn(20 * 60 + 30).replace('Z', '.123Z') },
  { label: 'no expiry', profile: 'static' },
  { label: 'not RFC 3339 UTC', profile: 'prod', expires: '2026-11-28T12:00:00+01:00' },
  { label: 'leap day', profile: 'prod', expires: '2024-02-29T12:00:00Z' },
  { label: 'hostile name', profile: "$(touch PWNED) `touch PWNED` 'q' \"d\" \\ ${IFS} * !x", expires: 600 + 30 },
  { label: 'terminal escapes', profile: 'a\x1b]52;c;eA==\x07b\x1b[2J\u009bc', expires: 600 + 30 },
  { label: 'prompt escapes', profile: '%F{red}100%\\w\\u', expires: 600 + 30 },
];

function caseEnv(c: Case): Record<string, string> {
  const env: Record<string, string> = {};
  if (c.profile !== undefined) env['AWSX_PROFILE'] = c.profile;
  if (c.expires !== undefined) env['AWS_CREDENTIAL_EXPIRATION'] = typeof c.expires === 'number' ? expiresIn(c.expires) : c.expires;
  return env;
}

const SHELLS: readonly RealShell[] = ['bash', 'zsh', 'fish'];

for (const shell of SHELLS) {
  test(`${shell}: awsx_prompt agrees with formatSegment`, async (t) => {
    if (findBinary(shell) === undefined) return t.skip(`${shell} is not installed`);
    const fake = fakeAwsx(t);
    for (const c of CASES) {
      const env = caseEnv(c);
      const run = await runHooked(t, shell, 'awsx_prompt', { bin: [fake.bin], env });
      let expected = formatSegment({ profile: env['AWSX_PROFILE'], expiration: env['AWS_CREDENTIAL_EXPIRATION'], nowSeconds: Date.now() / 1000 });
      // zsh expands % in a prompt after substitution: the segment doubles it to stay literal.
      if (shell === 'zsh') expected = expected.replaceAll('%', '%%');
      assert.equal(run.stdout, expected, c.label);
      assert.equal(run.stderr, '', c.label);
      assert.equal(existsSync(join(run.cwd, 'PWNED')), false, c.label);
    }
    assert.deepEqual(fake.calls(), [], 'the segment never starts awsx');
  });
}
