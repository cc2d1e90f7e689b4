// The TUI's supporting pieces: terminal-safe text, frecency and its conf store, the
// daemon adapter (over a fake connection) and the profile writer (on temp files).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AwsxError } from '../../src/core/errors.ts';
import { daemonBackend, type Connect } from '../../src/tui/daemonBackend.ts';
import { MAX_RECORDS, frecency, parseRecords, recordPick } from '../../src/tui/history.ts';
import { memoryHistory, openConfHistory } from '../../src/tui/historyStore.ts';
import { profileWriter } from '../../src/tui/newProfile/writer.ts';
import { pickerColumns } from '../../src/tui/picker/columns.ts';
import { rowHighlights } from '../../src/tui/picker/highlights.ts';
import { matchDetail, toSearchEntry } from '../../src/tui/picker/rank.ts';
import { roleProfile } from '../helpers/tuiFakes.ts';
import { cell, fit, formatTimeLeft, highlight } from '../../src/tui/text.ts';
import { tempAwsFiles } from '../helpers/awsFiles.ts';
import { tempDir } from '../helpers/tempDir.ts';

test('text is made inert, then cut to its column', () => {
  assert.equal(fit('evil\x1b]52;c;aGk=\x07', 40), 'evil\\e]52;c;aGk=\\x07');
  assert.equal(fit('abcdefgh', 5), 'abcd…');
  assert.equal(cell('ab', 4), 'ab  ');
  assert.equal(fit(undefined, 3), '');
});

test('highlight splits the inert text into matched runs, positions counted in the original', () => {
  assert.deepEqual(highlight('team-prod', [5, 6, 7, 8], 20), [{ text: 'team-', isMatch: false }, { text: 'prod', isMatch: true }]);
  assert.deepEqual(highlight('a\x1bb', [2], 20), [{ text: 'a\\e', isMatch: false }, { text: 'b', isMatch: true }]);
  assert.deepEqual(highlight('abcdef', [0], 4), [{ text: 'a', isMatch: true }, { text: 'bc…', isMatch: false }]);
});

test('a hit in the role ARN lights up the account and role columns it covers', () => {
  const p = roleProfile('x', '123456789012', 'Admin');
  const h = rowHighlights(p, matchDetail(toSearchEntry(p), '9012:role/adm'));
  assert.deepEqual(h.account, [8, 9, 10, 11]);
  assert.deepEqual(h.role, [0, 1, 2]);
  assert.equal(h.roleArn.length, 13);
  assert.deepEqual(h.name, []);
});

test('time left reads as a person says it', () => {
  assert.equal(formatTimeLeft(0), 'expired');
  assert.equal(formatTimeLeft(35_000), '35s');
  assert.equal(formatTimeLeft(42 * 60_000 + 59_000), '42m');
  assert.equal(formatTimeLeft(65 * 60_000), '1h05m');
});

test('picker columns fit the width, dropping the least useful first', () => {
  for (const width of [40, 60, 80, 100, 160]) {
    const c = pickerColumns(width);
    const shown = [c.name, c.account, c.role, c.region, c.source, c.left].filter((w) => w > 0);
    assert.ok(2 + shown.reduce((a, b) => a + b + 1, 0) + c.mfa <= width, `width ${width}: ${JSON.stringify(c)}`);
  }
  assert.equal(pickerColumns(80).source, 0);
  assert.ok(pickerColumns(80).region > 0 && pickerColumns(80).role > 0);
  assert.ok(pickerColumns(120).source > 0);
  assert.equal(pickerColumns(50).region, 0);
});

test('frecency: recent and frequent count most; records are capped and checked', () => {
  const now = Date.UTC(2030, 0, 1);
  const day = 86_400_000;
  assert.ok(frecency({ profile: 'a', count: 3, last: now }, now) > frecency({ profile: 'a', count: 3, last: now - 20 * day }, now));
  assert.ok(frecency({ profile: 'a', count: 5, last: now }, now) > frecency({ profile: 'a', count: 1, last: now }, now));
  let records = recordPick([], '__proto__', now);
  records = recordPick(records, '__proto__', now + 1);
  assert.deepEqual(records, [{ profile: '__proto__', count: 2, last: now + 1 }]);
  const many = Array.from({ length: MAX_RECORDS + 5 }, (_, i) => ({ profile: `p${i}`, count: 1, last: now }));
  assert.equal(recordPick(many, 'x', now).length, MAX_RECORDS);
  assert.deepEqual(parseRecords([{ profile: 'ok', count: 1, last: 1 }, { profile: 1 }, null, { profile: 'neg', count: -1, last: 1 }, 'x']), [{ profile: 'ok', count: 1, last: 1 }]);
  assert.deepEqual(parseRecords({ picks: 1 }), []);
});

test('history in memory and in conf (under the given dir)', async (t) => {
  const mem = memoryHistory();
  mem.record('prod', 1);
  assert.deepEqual(mem.read(), [{ profile: 'prod', count: 1, last: 1 }]);
  const cwd = tempDir(t);
  const store = await openConfHistory({ cwd });
  store.record('prod', 10);
  store.record('dev', 20);
  const again = await openConfHistory({ cwd });
  assert.deepEqual(again.read().map((r) => r.profile).sort(), ['dev', 'prod']);
  writeFileSync(join(cwd, 'picker-history.json'), '{ not json');
  assert.deepEqual((await openConfHistory({ cwd })).read(), []);
});

function fakeConnect(answers: Record<string, unknown>, calls: { method: string; params: unknown; autostart: boolean }[], closed = { count: 0 }): Connect {
  return async (autostart) => {
    if (!autostart && answers.running === false) throw new AwsxError('FileError', 'daemon: not running');
    return {
      request: (async (method: string, params: unknown) => {
        calls.push({ method, params, autostart });
        const answer = answers[method];
        if (answer instanceof Error) throw answer;
        return answer;
      }) as never,
      close: () => void closed.count++,
    };
  };
}

const noBrowser = (): Promise<void> => Promise.reject(new Error('no browser in this test'));

test('daemon backend: resolve sends the forwarded env and converts the answers', async () => {
  const calls: { method: string; params: unknown; autostart: boolean }[] = [];
  const backend = daemonBackend(fakeConnect({
    resolve: { kind: 'credentials', profile: 'p', credentials: { accessKeyId: 'A', secretAccessKey: 'S', sessionToken: 'T', expiration: '2030-01-01T00:00:00Z' }, region: 'eu-west-1' },
  }, calls), { HOME: '/h', AWS_CONFIG_FILE: '/c' }, '/cwd', noBrowser);
  const out = await backend.resolve('p', { mfaCode: '123456' });
  assert.equal(out.kind, 'credentials');
  assert.ok(out.kind === 'credentials' && out.credentials.expiration?.toISOString() === '2030-01-01T00:00:00.000Z');
  assert.deepEqual(calls[0], { method: 'resolve', autostart: true, params: { profile: 'p', env: { HOME: '/h', AWS_CONFIG_FILE: '/c' }, cwd: '/cwd', mfaCode: '123456', forceRefresh: undefined } });
});

test('daemon backend: mfa-required and errors become outcomes; sessions never start a daemon', async () => {
  const calls: { method: string; params: unknown; autostart: boolean }[] = [];
  const mfa = daemonBackend(fakeConnect({ resolve: { kind: 'mfa-required', profile: 'p', serial: 'SER', reason: 'code-rejected' } }, calls), {}, '/', noBrowser);
  assert.deepEqual(await mfa.resolve('p'), { kind: 'mfa-required', profile: 'p', serial: 'SER', reason: 'code-rejected' });
  const failing = daemonBackend(fakeConnect({ resolve: new AwsxError('StsError', 'profile p: AccessDenied', { hint: 'check the trust policy' }) }, calls), {}, '/', noBrowser);
  assert.deepEqual(await failing.resolve('p'), { kind: 'error', error: { code: 'StsError', message: 'profile p: AccessDenied', hint: 'check the trust policy' } });
  const down = daemonBackend(fakeConnect({ running: false }, calls), {}, '/', noBrowser);
  assert.deepEqual(await down.sessions(), []);
  const closed = { count: 0 };
  const up = daemonBackend(fakeConnect({ sessions: { sessions: [{ profile: 'p', identity: 'arn', accessKeyIdSuffix: '…ABCD', expiration: '2030-01-01T00:00:00Z', needsMfaToRefresh: true }] }, forget: { dropped: 2 } }, calls, closed), {}, '/', noBrowser);
  const [s] = await up.sessions();
  assert.equal(s?.expiration?.getTime(), Date.UTC(2030, 0, 1));
  assert.equal(await up.forget(undefined), 2);
  assert.equal(closed.count, 2, 'one connection per request, closed after it');
  assert.deepEqual(calls.filter((c) => c.method !== 'resolve').map((c) => [c.method, c.params, c.autostart]), [['sessions', {}, false], ['forget', { all: true }, false]]);
});

test('daemon backend: openConsole asks for a page and hands only its file:// URL to the browser', async () => {
  const calls: { method: string; params: unknown; autostart: boolean }[] = [];
  const opened: string[] = [];
  const backend = daemonBackend(fakeConnect({ console: { kind: 'page', path: '/run/awsx/console/ab.html', notes: [] } }, calls), { HOME: '/h' }, '/cwd', async (t) => void opened.push(t));
  assert.deepEqual(await backend.openConsole('p', { mfaCode: '123456' }), { kind: 'console-opened', profile: 'p' });
  assert.deepEqual(opened, ['file:///run/awsx/console/ab.html']);
  assert.deepEqual(calls[0], { method: 'console', autostart: true, params: { profile: 'p', env: { HOME: '/h' }, cwd: '/cwd', mfaCode: '123456', open: true } });
  const failing = async (): Promise<void> => {
    throw new AwsxError('Unsupported', 'console: no browser could be opened (xdg-open: not found)', { hint: 'set BROWSER' });
  };
  const none = daemonBackend(fakeConnect({ console: { kind: 'page', path: '/x.html', notes: [] } }, calls), {}, '/', failing);
  assert.deepEqual(await none.openConsole('p'), { kind: 'error', error: { code: 'Unsupported', message: 'console: no browser could be opened (xdg-open: not found)', hint: 'set BROWSER' } });
});

test('profile writer: the editor\'s checks, its diff, and the write', async (t) => {
  const files = tempAwsFiles(t);
  mkdirSync(join(files.dir, 'aws'));
  writeFileSync(files.config, '# mine\n[profile base]\nregion = us-east-1\n');
  writeFileSync(files.credentials, '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = SECRET\n');
  const writer = profileWriter(files.env, files.dir);
  const keys = new Map([['role_arn', 'arn:aws:iam::123456789012:role/Admin'], ['source_profile', 'base']]);
  const preview = writer.preview('prod', keys);
  assert.ok(preview.ok && preview.diff.includes('+[profile prod]') && preview.diff.includes('~/aws/config'));
  assert.ok(!preview.diff.includes('SECRET'));
  const missing = writer.preview('prod', new Map([['role_arn', 'arn:aws:iam::123456789012:role/Admin'], ['source_profile', 'nope']]));
  assert.ok(!missing.ok && /does not exist/.test(missing.error.message) && missing.error.hint);
  const written = await writer.write('prod', keys);
  assert.ok(written.ok && written.profiles.some((p) => p.name === 'prod' && p.accountId === '123456789012'));
  assert.match(readFileSync(files.config, 'utf8'), /^# mine\n\[profile base\]\nregion = us-east-1\n\n\[profile prod\]\nrole_arn = arn:aws:iam::123456789012:role\/Admin\nsource_profile = base\n$/);
  const again = await writer.write('prod', keys);
  assert.ok(!again.ok && again.error.code === 'ConflictError');
});
