// Ink, React and conf cost 100+ ms to load: only `awsx pick` may load them, on demand.
// The static import graph of every other command (and of the CLI's entry and the
// daemon) must not reach them or the TUI; pick.ts has them imported dynamically (by
// boot/pickerUi.ts, the one other file that names them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { REPO_ROOT } from '../helpers/cli.ts';

const HEAVY = /^(ink|react|react\/.*|conf|@inkjs\/ui|ink-testing-library)$/;
const STATIC_IMPORT = /^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'/gm;

/** Every module reachable by static imports from `entry`: files of ours, and package names. */
function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(STATIC_IMPORT)) {
      const spec = m[1] ?? m[2]!;
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
      else if (!spec.startsWith('node:')) packages.add(spec);
    }
  };
  visit(entry);
  return { files, packages };
}

const src = (...p: string[]) => join(REPO_ROOT, 'src', ...p);
const commands = readdirSync(src('cli', 'commands')).filter((f) => f.endsWith('.ts')).map((f) => src('cli', 'commands', f));

test('no command but pick, nor the CLI entry or the daemon, statically reaches Ink, React, conf or the TUI', () => {
  const entries = [src('cli', 'main.ts'), ...commands.filter((f) => !f.endsWith('pick.ts')), src('daemon', 'main.ts')].filter(existsSync);
  assert.ok(entries.some((f) => f.endsWith('env.ts')), 'awsx env is among them');
  for (const entry of entries) {
    const { files, packages } = staticGraph(entry);
    const heavy = [...packages].filter((p) => HEAVY.test(p));
    const tui = [...files].filter((f) => f.startsWith(src('tui')));
    assert.deepEqual(heavy, [], `${relative(REPO_ROOT, entry)} imports ${heavy.join(', ')}`);
    assert.deepEqual(tui, [], `${relative(REPO_ROOT, entry)} reaches ${tui.map((f) => relative(REPO_ROOT, f)).join(', ')}`);
  }
});

test('pick loads Ink, the app (React with it) and conf only when it runs', () => {
  const { packages, files } = staticGraph(src('cli', 'commands', 'pick.ts'));
  assert.deepEqual([...packages].filter((p) => HEAVY.test(p)), []);
  assert.ok(![...files].some((f) => f.endsWith('.tsx')), 'no view is imported statically');
  assert.ok(files.has(src('cli', 'boot', 'pickerUi.ts')), 'pick.ts loads its UI through boot/pickerUi.ts');
  const text = readFileSync(src('cli', 'boot', 'pickerUi.ts'), 'utf8');
  for (const lazy of ["import('ink')", "import('../../tui/app/view.tsx')"]) assert.ok(text.includes(lazy), lazy);
  assert.match(readFileSync(src('tui', 'historyStore.ts'), 'utf8'), /await import\('conf'\)/);
});

test('outside the TUI, only the pick command and the loader of its UI name it', () => {
  const allowed = [src('cli', 'commands', 'pick.ts'), src('cli', 'boot', 'pickerUi.ts')];
  const offenders: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (p !== src('tui')) walk(p);
      } else if (/\.tsx?$/.test(e.name) && !allowed.includes(p)) {
        if (/from '[^']*\/tui\/|import\('[^']*\/tui\/|from '(ink|react)'/.test(readFileSync(p, 'utf8'))) offenders.push(relative(REPO_ROOT, p));
      }
    }
  };
  walk(src());
  assert.deepEqual(offenders, []);
});
