// What AWS allows when a profile opens the console (core/plan/console.ts), from literal INI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsxError } from '../../../src/core/errors.ts';
import { describeConsole, federationName, planConsole, type ConsolePlan } from '../../../src/core/plan/console.ts';
import { planProfile } from '../../../src/core/plan/plan.ts';
import { profilesFrom } from '../../helpers/profiles.ts';

const CONFIG = `
[profile keys]
aws_access_key_id = AKIAEXAMPLEKEYS00001
aws_secret_access_key = secret
[profile keys-long]
aws_access_key_id = AKIAEXAMPLEKEYS00001
aws_secret_access_key = secret
duration_seconds = 7200
[profile gst]
aws_access_key_id = AKIAEXAMPLEKEYS00001
aws_secret_access_key = secret
mfa_serial = arn:aws:iam::123456789012:mfa/me
[profile temp]
aws_access_key_id = ASIAEXAMPLEKEYS00001
aws_secret_access_key = secret
aws_session_token = token
[profile role]
role_arn = arn:aws:iam::123456789012:role/app
source_profile = keys
[profile role-long]
role_arn = arn:aws:iam::123456789012:role/app
source_profile = keys
duration_seconds = 28800
[profile chained]
role_arn = arn:aws:iam::210987654321:role/deep
source_profile = role-long
duration_seconds = 7200
[profile mfa-role]
role_arn = arn:aws:iam::123456789012:role/admin
source_profile = keys
mfa_serial = arn:aws:iam::123456789012:mfa/me
[profile mfa-role-long]
role_arn = arn:aws:iam::123456789012:role/admin
source_profile = keys
mfa_serial = arn:aws:iam::123456789012:mfa/me
duration_seconds = 14400
[profile from-temp]
role_arn = arn:aws:iam::123456789012:role/app
source_profile = temp
[profile from-process]
role_arn = arn:aws:iam::123456789012:role/app
source_profile = proc
[profile proc]
credential_process = /bin/true
[profile web]
role_arn = arn:aws:iam::123456789012:role/web
web_identity_token_file = /tmp/token
[profile a]
aws_access_key_id = AKIAEXAMPLEKEYS00001
aws_secret_access_key = secret
`;

const set = profilesFrom(CONFIG);
const consoleOf = (name: string, wanted?: number): ConsolePlan => planConsole(set, planProfile(set, name), wanted);

test('each kind of session gets what AWS allows for the console', () => {
  const rows: [string, number | undefined, Partial<Record<string, unknown>>][] = [
    ['role', undefined, { kind: 'role', sessionDuration: undefined }],
    ['role-long', undefined, { kind: 'role', sessionDuration: 28800, durationFrom: 'duration_seconds of profile role-long' }],
    ['role-long', 3600, { kind: 'role', sessionDuration: 3600, durationFrom: '--duration' }],
    ['mfa-role-long', undefined, { kind: 'role', sessionDuration: 14400 }],
    ['web', 43200, { kind: 'role', sessionDuration: 43200 }],
    ['chained', undefined, { kind: 'short-role' }],
    ['mfa-role', undefined, { kind: 'short-role' }],
    ['from-temp', undefined, { kind: 'short-role' }],
    ['from-process', undefined, { kind: 'short-role' }],
    ['keys', undefined, { kind: 'federation', name: 'keys', durationSeconds: undefined }],
    ['keys-long', undefined, { kind: 'federation', durationSeconds: 7200, durationFrom: 'duration_seconds of profile keys-long' }],
    ['keys', 129600, { kind: 'federation', durationSeconds: 129600 }],
    ['temp', undefined, { kind: 'as-is' }],
    ['proc', undefined, { kind: 'as-is' }],
    ['gst', undefined, { kind: 'refused' }],
  ];
  for (const [name, wanted, expected] of rows) {
    const got = consoleOf(name, wanted) as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(expected)) assert.deepEqual(got[k], v, `${name} ${wanted ?? ''}: ${k}`);
  }
});

test('a chained or MFA-session role says the console lasts at most 1 hour, and refuses --duration', () => {
  for (const name of ['chained', 'mfa-role']) {
    const c = consoleOf(name);
    assert.match(describeConsole(c).join('\n'), /at most 1 hour/, name);
    assert.throws(() => consoleOf(name, 7200), (e: AwsxError) => e.code === 'UsageError' && /--duration 7200: the console session lasts at most 1 hour/.test(e.message) && /drop --duration/.test(e.hint!));
  }
});

test('durations outside what AWS allows are refused before any call', () => {
  assert.throws(() => consoleOf('role', 899), /outside what AWS allows for a console session \(900 to 43200 seconds\)/);
  assert.throws(() => consoleOf('role', 43201), /900 to 43200/);
  assert.throws(() => consoleOf('keys', 129601), /a federation token \(900 to 129600 seconds\)/);
});

test('GetSessionToken alone is refused with the reason and what to do', () => {
  const c = consoleOf('gst');
  assert.equal(c.kind, 'refused');
  if (c.kind !== 'refused') return;
  assert.match(c.reason, /^console gst: .*GetSessionToken.*accepts only sessions from AssumeRole or GetFederationToken/);
  assert.match(c.hint, /role profile with source_profile = gst/);
});

test('the federated user name fits STS: 2 to 32 of [\\w+=,.@-]', () => {
  assert.equal(federationName('prod'), 'prod');
  assert.equal(federationName('a'), 'awsx-a');
  assert.equal(federationName('team/prod admin'), 'team-prod-admin');
  assert.equal(federationName('x'.repeat(40)), 'x'.repeat(32));
  assert.equal(consoleOf('a').kind === 'federation' && (consoleOf('a') as { name: string }).name, 'awsx-a');
  assert.match(describeConsole(consoleOf('keys')).join('\n'), /cannot carry MFA/);
});
