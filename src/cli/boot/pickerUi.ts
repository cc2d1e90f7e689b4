// Loading Ink, the app (and React with it) and Ink's layout engine: the slowest part of
// starting the picker, begun while the profiles are read (commands/pick.ts).
import { colorLevel } from '../../tui/terminal.ts';
import type { Terminal } from '../terminal.ts';

/** Sets variables while `load` runs, then puts them back (the command's child keeps the caller's). */
async function withEnv<T>(vars: Readonly<Record<string, string>>, load: () => Promise<T>): Promise<T> {
  const saved = Object.entries(vars).map(([name]) => [name, process.env[name]] as const);
  Object.assign(process.env, vars);
  try {
    return await load();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

export function loadPickerUi(term: Terminal) {
  // Both are read once, on first import: chalk's colour level (decided here from the
  // terminal, not from stdout, which is a pipe under eval) and React's build (the
  // development build renders the first frame a third slower).
  const modules = withEnv({
    FORCE_COLOR: String(colorLevel(term.output, process.env)),
    NODE_ENV: process.env.NODE_ENV ?? 'production',
  }, () => Promise.all([import('ink'), import('../../tui/app/view.tsx')]));
  const layout = import('../../tui/layoutReady.ts').then((m) => m.layoutReady);
  return Promise.all([modules, layout]).then(([loaded]) => loaded);
}

export type PickerUi = Awaited<ReturnType<typeof loadPickerUi>>;
