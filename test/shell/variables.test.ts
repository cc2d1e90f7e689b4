import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AwsxError } from '../../src/core/errors.ts';
import {
  clearVariables,
  CONFLICTING_VARIABLES,
  formatExpiration,
  MANAGED_VARIABLES,
  sessionVariables,
} from '../../src/shell/variables.ts';

const CONFLICTING = [
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_SECURITY_TOKEN',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
];

test('a full session sets every managed variable, in order, and unsets the conflicting ones (security 42)', () => {
  const change = sessionVariables({
    profile: 'prod',
    region: 'eu-west-1',
    credentials: {
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: 'token',
      expiration: new Date('2026-11-28T12:00:00Z'),
    },
  });
  assert.deepEqual(change, {
    set: [
      ['AWS_ACCESS_KEY_ID', 'ASIAEXAMPLE'],
      ['AWS_SECRET_ACCESS_KEY', 'secret'],
      ['AWS_SESSION_TOKEN', 'token'],
      ['AWS_CREDENTIAL_EXPIRATION', '2026-11-28T12:00:00Z'],
      ['AWS_REGION', 'eu-west-1'],
      ['AWS_DEFAULT_REGION', 'eu-west-1'],
      ['AWSX_REGION_SET', 'eu-west-1'],
      ['AWSX_PROFILE', 'prod'],
    ],
    unset: CONFLICTING,
  });
});

test('long-term keys without region: token, expiration and region are unset, not left stale (security 42)', () => {
  const change = sessionVariables({
    profile: 'ci',
    credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' },
  });
  assert.deepEqual(change, {
    set: [
      ['AWS_ACCESS_KEY_ID', 'AKIAEXAMPLE'],
      ['AWS_SECRET_ACCESS_KEY', 'secret'],
      ['AWSX_PROFILE', 'ci'],
    ],
    unset: ['AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWSX_REGION_SET', ...CONFLICTING],
  });
});

test('an empty region or session token counts as absent', () => {
  const change = sessionVariables({
    profile: 'p',
    region: '',
    credentials: { accessKeyId: 'AKIA', secretAccessKey: 's', sessionToken: '' },
  });
  assert.deepEqual(change.set.map(([name]) => name), ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWSX_PROFILE']);
  assert.ok(change.unset.includes('AWS_SESSION_TOKEN'));
  assert.ok(change.unset.includes('AWS_REGION'));
});

test('every managed variable is either set or unset, never both, never neither', () => {
  for (const region of [undefined, 'us-east-1']) {
    const change = sessionVariables({ profile: 'p', region, credentials: { accessKeyId: 'A', secretAccessKey: 'S' } });
    const set = change.set.map(([name]) => name);
    for (const name of MANAGED_VARIABLES) {
      assert.equal(set.includes(name), !change.unset.includes(name), name);
    }
  }
});

test('clear unsets exactly what awsx sets', () => {
  // The container-endpoint variables too: `awsx use --ecs-server` sets them (docs/ecs-server.md).
  assert.deepEqual(clearVariables(), { set: [], unset: [...MANAGED_VARIABLES, 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN', 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE'] });
  assert.deepEqual([...CONFLICTING_VARIABLES], CONFLICTING);
});

const EXPIRATIONS: ReadonlyArray<readonly [string, string]> = [
  ['2026-11-28T12:00:00Z', '2026-11-28T12:00:00Z'],
  ['2026-11-28T12:00:00.999Z', '2026-11-28T12:00:00Z'],
  ['2026-11-28T13:00:00+01:00', '2026-11-28T12:00:00Z'],
  ['1999-12-31T23:59:59.001Z', '1999-12-31T23:59:59Z'],
];

for (const [input, expected] of EXPIRATIONS) {
  test(`expiration ${input} is printed as ${expected} (truncated, never rounded up)`, () => {
    assert.equal(formatExpiration(new Date(input)), expected);
  });
}

test('an invalid expiration or empty profile or key is refused', () => {
  const isValidationError = (e: unknown) => e instanceof AwsxError && e.code === 'ValidationError';
  assert.throws(() => formatExpiration(new Date('nope')), isValidationError);
  assert.throws(() => formatExpiration(new Date(Date.UTC(10000, 0, 1))), isValidationError);
  assert.throws(
    () => sessionVariables({ profile: '', credentials: { accessKeyId: 'A', secretAccessKey: 'S' } }),
    isValidationError,
  );
  assert.throws(
    () => sessionVariables({ profile: 'p', credentials: { accessKeyId: 'A', secretAccessKey: '' } }),
    isValidationError,
  );
});
