// `awsx pick` as built (dist/awsx.js running dist/pick.js through its code cache), on a
// real pseudo-terminal: the caches are made private on the first start and reused after,
// an edit of the config shows at once, and a pick is recorded in the history that orders
// the next start. The picker itself is tested from source in the other tui tests.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error: a plain .mjs build script, without type declarations
import { buildBundle } from '../../scripts/build.mjs';
import { awsxEnv, REPO_ROOT } from '../helpers/cli.ts';
import { privateRuntime } from '../helpers/daemon.ts';
import { runInPty, type PtyAnswer } from '../helpers/pty.ts';
import { quotePosix } from '../../src/shell/quote.ts';
import { tempDir } from '../helpers/tempDir.ts';

const CONFIG = '[profile base]\nregion = eu-west-1\n[profile prod]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = base\n';
const CREDENTIALS = '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';
const MORE_CREDENTIALS = '[zz-static]\naws_access_key_id = AKIAZZEXAMPLE\naws_secret_access_key = s\n';

/** Built under node_modules/.cache, so that it finds conf (history) as dist/ does. */
async function builtAwsx(t: TestContext): Promise<string> {
  const parent = join(REPO_ROOT, 'node_modules', '.cache');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, 'awsx-pick-bundle-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  await buildBundle(dir);
  return join(dir, 'awsx.js');
}

function world(t: TestContext, credentials = CREDENTIALS) {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'aws'));
  writeFileSync(join(dir, 'aws', 'config'), CONFIG);
  writeFileSync(join(dir, 'aws', 'credentials'), credentials);
  const env = awsxEnv({
    HOME: dir, XDG_CONFIG_HOME: join(dir, '.config'), XDG_CACHE_HOME: undefined, TERM: 'xterm-256color', NO_COLOR: undefined, FORCE_COLOR: undefined, CI: undefined,
    AWS_CONFIG_FILE: join(dir, 'aws', 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws', 'credentials'),
    ...privateRuntime(t).env,
  });
  return { dir, env, cache: join(dir, '.cache', 'awsx') };
}

async function pick(awsx: string, w: ReturnType<typeof world>, args: string[], answers: PtyAnswer[]) {
  const out = join(w.dir, 'out');
  const script = `${[process.execPath, awsx, 'pick', ...args].map(quotePosix).join(' ')} > ${quotePosix(out)}; echo "STATUS=$?"`;
  const run = await runInPty(['sh', '-c', script], { env: w.env, cwd: w.dir, answers, timeoutSeconds: 30 });
  return { screen: run.screen, stdout: readFileSync(out, 'utf8'), status: /STATUS=(\d+)/.exec(run.screen)?.[1] };
}

const mtimes = (dir: string): Record<string, number> => Object.fromEntries(readdirSync(dir).map((f) => [f, statSync(join(dir, f)).mtimeMs]));

test('the built picker: private caches made on the first start, used on the next, an edit shown at once', { timeout: 120_000 }, async (t) => {
  const awsx = await builtAwsx(t);
  const w = world(t);
  const first = await pick(awsx, w, ['--print'], [{ after: 'pick a profile', send: '\x1b' }]);
  assert.deepEqual([first.status, first.stdout], ['1', '']);
  assert.match(first.screen, /prod/);
  assert.equal(statSync(w.cache).mode & 0o777, 0o700);
  const files = readdirSync(w.cache).sort();
  assert.equal(files.length, 2, files.join(', '));
  assert.match(files[0]!, /^pick-[0-9a-f]{8}-v8-.*\.v8cache$/);
  assert.equal(files[1], 'profile-summaries.cache');
  for (const f of files) assert.equal(statSync(join(w.cache, f)).mode & 0o777, 0o600, f);

  const before = mtimes(w.cache);
  const second = await pick(awsx, w, ['--print'], [{ after: 'pick a profile', send: '\x1b' }]);
  assert.deepEqual([second.status, second.stdout], ['1', '']);
  assert.match(second.screen, /2\/2/);
  assert.deepEqual(mtimes(w.cache), before, 'both caches were good: neither was written again');

  writeFileSync(join(w.dir, 'aws', 'config'), `${CONFIG}[profile zeta-new]\nregion = us-west-2\n`);
  const edited = await pick(awsx, w, ['--print', 'zeta'], [{ after: 'pick a profile', send: '\x1b' }]);
  assert.match(edited.screen, /1\/3/);
  assert.match(edited.screen, /zeta(\x1b\[[\d;]*m)*-new/);
});

test('the built picker records a pick (through conf), and the next start puts it first', { timeout: 120_000 }, async (t) => {
  const awsx = await builtAwsx(t);
  const w = world(t, CREDENTIALS + MORE_CREDENTIALS);
  const run = await pick(awsx, w, ['--exec', '--', 'sh', '-c', 'echo "GOT=$AWSX_PROFILE:$AWS_ACCESS_KEY_ID" >&2'],
    [{ after: 'pick a profile', send: 'zz' }, { after: '1/3', send: '\r' }]);
  assert.match(run.screen, /GOT=zz-static:AKIAZZEXAMPLE/);
  assert.equal(run.status, '0');
  const history = JSON.parse(readFileSync(join(w.dir, '.config', 'awsx', 'picker-history.json'), 'utf8')) as { picks: { profile: string }[] };
  assert.deepEqual(history.picks.map((p) => p.profile), ['zz-static']);
  const next = await pick(awsx, w, ['--print'], [{ after: 'pick a profile', send: '\x1b' }]);
  // The cursor's row (›) is zz-static's, though it comes last by name.
  assert.match(next.screen, /› (\x1b\[[\d;]*m)*zz-static/);
});
