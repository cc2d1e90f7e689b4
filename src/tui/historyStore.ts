// Where the pick history lives: conf (atomic JSON under the user's config dir) for the
// real picker, loaded only when the picker runs (it costs 70+ ms: never on `awsx env`),
// or memory for tests. The picker's first frame reads conf's file directly (pickHistory):
// conf itself is loaded only to record a pick. The history says which accounts a person
// uses and when: it is private (0600 in a 0700 dir, docs/security.md test 54), where conf's
// defaults under umask 022 would make it 0644 in a 0755 dir.
import { chmodSync, lstatSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseRecords, recordPick, type PickRecord } from './history.ts';

const CONF_OPTIONS = { projectName: 'awsx', projectSuffix: '', configName: 'picker-history' } as const;

export interface HistoryStore {
  read(): readonly PickRecord[];
  /** Records a successful pick. Never throws: losing history must not lose a session. */
  record(profile: string, now: number): void;
}

export function memoryHistory(initial: readonly PickRecord[] = []): HistoryStore & { readonly records: () => readonly PickRecord[] } {
  let records = [...initial];
  return {
    read: () => records,
    record: (profile, now) => void (records = recordPick(records, profile, now)),
    records: () => records,
  };
}

type ConfModule = typeof import('conf');

export interface ConfHistoryOptions {
  readonly cwd?: string;
  /**
   * How conf is imported. The picker's bundle is compiled by vm.Script, which has no
   * import(); its host (the CLI's entry) imports conf for it.
   */
  readonly importConf?: () => Promise<ConfModule>;
}

/** conf's store: `$XDG_CONFIG_HOME/awsx/picker-history.json` (`~/.config/awsx/...`). */
export async function openConfHistory(options: ConfHistoryOptions = {}): Promise<HistoryStore> {
  const { default: Conf } = options.importConf === undefined ? await import('conf') : await options.importConf();
  let conf: InstanceType<typeof Conf<{ picks: unknown }>> | undefined;
  try {
    const dir = options.cwd ?? dirname(confHistoryPath());
    makePrivate(dir);
    conf = new Conf<{ picks: unknown }>({ ...CONF_OPTIONS, configFileMode: 0o600, cwd: dir });
  } catch {
    // An unreadable or corrupt file: the picker works without history.
    return memoryHistory();
  }
  const store = conf;
  return {
    read: () => parseRecords(store.get('picks')),
    record: (profile, now) => {
      try {
        store.set('picks', recordPick(parseRecords(store.get('picks')), profile, now));
      } catch {
        // A read-only config dir: keep going.
      }
    },
  };
}

/** Creates `dir` 0700 (its parents as the umask says), and takes group and other access
 *  away from it and the history file when an older awsx left them open. Only our own
 *  directory and regular file are changed: never through a symlink. */
function makePrivate(dir: string): void {
  mkdirSync(dirname(dir), { recursive: true });
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  for (const [path, mode] of [[dir, 0o700], [join(dir, `${CONF_OPTIONS.configName}.json`), 0o600]] as const) {
    try {
      const st = lstatSync(path);
      if ((st.isDirectory() || st.isFile()) && st.uid === process.getuid?.() && (st.mode & 0o077) !== 0) chmodSync(path, mode);
    } catch {
      // No history file yet.
    }
  }
}

/**
 * The file conf keeps the history in: env-paths' config dir for "awsx" (conf's default
 * `cwd`), then `picker-history.json`. test/tui/support.test.ts checks it against conf's own.
 */
export function confHistoryPath(env: NodeJS.ProcessEnv = process.env, home: string = homedir(), platform: NodeJS.Platform = process.platform): string {
  const name = CONF_OPTIONS.projectName;
  const dir = platform === 'darwin' ? join(home, 'Library', 'Preferences', name)
    : platform === 'win32' ? join(env.APPDATA || join(home, 'AppData', 'Roaming'), name, 'Config')
    : join(env.XDG_CONFIG_HOME || join(home, '.config'), name);
  return join(dir, `${CONF_OPTIONS.configName}.json`);
}

export interface PickHistory {
  readonly records: readonly PickRecord[];
  /** Records a successful pick through conf. Never rejects. */
  record(profile: string, now: number): Promise<void>;
}

/** The picker's history: read at once from conf's file (missing or broken: none), written through conf. */
export function pickHistory(options: ConfHistoryOptions = {}): PickHistory {
  const path = options.cwd === undefined ? confHistoryPath() : join(options.cwd, `${CONF_OPTIONS.configName}.json`);
  let records: PickRecord[] = [];
  try {
    records = parseRecords((JSON.parse(readFileSync(path, 'utf8')) as { picks?: unknown } | null)?.picks);
  } catch {
    // No history yet, or a file conf would not read either.
  }
  return {
    records,
    record: (profile, now) => openConfHistory(options).then((store) => store.record(profile, now), () => undefined),
  };
}
