// Config others can write never runs a command or redirects STS (docs/security.md T14,
// test 26): which files are untrusted (owner, mode), and a table of literal INI saying which
// profiles are refused when the config file, or the credentials file, is one of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { untrustedFile } from '../../../src/core/config/fileTrust.ts';
import { buildProfileSet } from '../../../src/core/config/profiles.ts';
import { parseIni } from '../../../src/core/ini/parse.ts';
import { planProfile } from '../../../src/core/plan/plan.ts';

test('untrusted: owned by another uid (not root), or writable by group or others; the fix is the exact command (security 26)', () => {
  const me = 1000;
  const rows: [number, number, RegExp | undefined][] = [
    [0o600, me, undefined],
    [0o644, me, undefined],
    [0o640, 0, undefined], // root's file
    [0o664, me, /writable by group \(mode 0664\)/],
    [0o646, me, /writable by others \(mode 0646\)/],
    [0o666, me, /writable by group and others \(mode 0666\)/],
    [0o600, 65534, /owned by uid 65534, not by you \(uid 1000\)/],
  ];
  for (const [mode, uid, why] of rows) {
    const u = untrustedFile('/home/u/.aws/config', { mode: 0o100000 | mode, uid }, me);
    if (why === undefined) assert.equal(u, undefined, mode.toString(8));
    else assert.match(u!.why, why);
  }
  assert.equal(untrustedFile('/home/u/.aws/config', { mode: 0o666, uid: me }, me)!.fix, 'chmod go-w /home/u/.aws/config');
  assert.equal(untrustedFile('/home/u/.aws/config', { mode: 0o600, uid: 7 }, me)!.fix, 'sudo chown 1000 /home/u/.aws/config && chmod go-w /home/u/.aws/config');
  assert.equal(untrustedFile("/tmp/it's here/config", { mode: 0o666, uid: me }, me)!.fix, `chmod go-w '/tmp/it'\\''s here/config'`);
});

const CONFIG = `[profile plain]
region = eu-west-1
[profile role]
role_arn = arn:aws:iam::123456789012:role/r
source_profile = plain
[profile proc]
credential_process = /usr/bin/helper
[profile behindproc]
role_arn = arn:aws:iam::123456789012:role/r
source_profile = proc
[profile withmfaproc]
role_arn = arn:aws:iam::123456789012:role/r
source_profile = plain
mfa_serial = arn:aws:iam::123456789012:mfa/u
mfa_process = /usr/bin/otp
[profile endpoint]
source_profile = plain
role_arn = arn:aws:iam::123456789012:role/r
endpoint_url = https://sts.example.com
[profile svc]
services = s
role_arn = arn:aws:iam::123456789012:role/r
source_profile = plain
[services s]
sts =
  endpoint_url = https://sts.example.com
`;
const CREDENTIALS = `[plain]
aws_access_key_id = AKIAPLAIN
aws_secret_access_key = s
[credproc]
credential_process = /usr/bin/other
`;

function planWith(untrusted: 'config' | 'credentials' | 'none', profile: string): string {
  const paths = { config: '/cfg/config', credentials: '/cfg/credentials' };
  const bad = untrusted === 'none' ? [] : [{ path: paths[untrusted], why: 'it is writable by group and others (mode 0666)', fix: `chmod go-w ${paths[untrusted]}` }];
  const set = buildProfileSet(paths, parseIni(CONFIG, paths.config), parseIni(CREDENTIALS, paths.credentials), bad);
  try {
    planProfile(set, profile);
    return 'ok';
  } catch (e) {
    const err = e as Error & { code: string; hint: string };
    return err.code === 'ConfigPermissionError' ? `refused: ${err.message} | ${err.hint}` : `${err.code}`;
  }
}

test('which profiles are refused, by the file that defines the key (security 26)', () => {
  const rows: [string, 'config' | 'credentials' | 'none', RegExp | 'ok'][] = [
    ['plain', 'config', 'ok'],
    ['role', 'config', 'ok'],
    ['proc', 'config', /^refused: profile proc: bad permissions on \/cfg\/config: .* its credential_process \(line 7\); awsx will not run a command from it \| chmod go-w \/cfg\/config$/],
    ['behindproc', 'config', /its credential_process \(of proc\) \(line 7\)/],
    ['withmfaproc', 'config', /its mfa_process \(line 15\)/],
    ['endpoint', 'config', /its endpoint_url \(line 19\); awsx will not send signed requests to an endpoint from it/],
    ['svc', 'config', /its services \(line 21\)/],
    ['credproc', 'config', 'ok'],
    ['credproc', 'credentials', /bad permissions on \/cfg\/credentials: .* its credential_process \(line 5\)/],
    ['proc', 'credentials', 'ok'],
    ['plain', 'credentials', 'ok'],
    ['proc', 'none', 'ok'],
    ['endpoint', 'none', 'ok'],
  ];
  for (const [profile, untrusted, expected] of rows) {
    const got = planWith(untrusted, profile);
    if (expected === 'ok') assert.equal(got, 'ok', `${profile} with ${untrusted} untrusted`);
    else assert.match(got, expected, `${profile} with ${untrusted} untrusted`);
  }
});
