// The private pages that hand a console sign-in URL to a browser: 0600 in a 0700 dir, removed
// after the first read plus a grace period, at their age limit, or all at once (lock, stop).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConsolePages, pageFor } from '../../src/daemon/consolePages.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { waitFor } from '../helpers/waitFor.ts';

test('a page is 0600 in a 0700 dir of the runtime dir, and goes once read (after the grace) or on clear', async (t) => {
  const dir = tempDir(t);
  const pages = new ConsolePages(dir, { graceMs: 0, maxAgeMs: 60_000, pollMs: 5 });
  t.after(() => pages.clear());
  const read = pages.write('https://signin.example/federation?Action=login&SigninToken=T');
  assert.equal(dirname(read), join(dir, 'console'));
  assert.equal(statSync(read).mode & 0o777, 0o600);
  assert.equal(statSync(dirname(read)).mode & 0o777, 0o700);
  const unread = pages.write('https://signin.example/federation?Action=login&SigninToken=U');
  assert.notEqual(read, unread);
  readFileSync(read);
  await waitFor(() => !existsSync(read), 'the page read removed');
  assert.ok(existsSync(unread), 'an unread page stays');
  pages.clear();
  assert.ok(!existsSync(unread), 'clear removes every page');
});

test('an unread page goes at its age limit; a loosened dir is made private again', async (t) => {
  const dir = tempDir(t);
  const pages = new ConsolePages(dir, { graceMs: 60_000, maxAgeMs: 50, pollMs: 5 });
  t.after(() => pages.clear());
  const first = pages.write('https://x/federation');
  await waitFor(() => !existsSync(first), 'the unread page removed at its age limit');
  chmodSync(join(dir, 'console'), 0o755);
  const second = pages.write('https://x/federation');
  assert.equal(statSync(dirname(second)).mode & 0o777, 0o700);
});

test('the page forwards to the URL exactly, with markup and script characters escaped', () => {
  const url = 'https://signin.example/federation?Action=login&Destination=https%3A%2F%2Fc%2F&SigninToken=a"b<c>/d';
  const page = pageFor(url);
  assert.ok(page.includes('content="0;url=https://signin.example/federation?Action=login&amp;Destination=https%3A%2F%2Fc%2F&amp;SigninToken=a&quot;b&lt;c&gt;/d"'));
  assert.ok(page.includes('location.replace("https://signin.example/federation?Action=login&Destination=https%3A%2F%2Fc%2F&SigninToken=a\\"b\\u003cc>/d")'));
  assert.ok(!page.includes('<c>'));
});

test('a runtime dir that refuses the page is an error naming --print, not a crash', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'console'), 'not a directory');
  const pages = new ConsolePages(dir, { graceMs: 0, maxAgeMs: 1000 });
  assert.throws(() => pages.write('https://x/federation'), (e: Error & { code?: string; hint?: string }) => e.code === 'FileError' && /--print/.test(e.hint ?? ''));
});
