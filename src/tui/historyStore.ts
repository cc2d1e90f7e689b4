// Where the pick history lives: conf (atomic JSON under the user's config dir) for the
// real picker, loaded only when the picker runs (it costs 70+ ms: never on `awsx env`),
// or memory for tests.
import { parseRecords, recordPick, type PickRecord } from './history.ts';

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

/** conf's store: `$XDG_CONFIG_HOME/awsx/picker-history.json` (`~/.config/awsx/...`). */
export async function openConfHistory(options: { readonly cwd?: string } = {}): Promise<HistoryStore> {
  const { default: Conf } = await import('conf');
  let conf: InstanceType<typeof Conf<{ picks: unknown }>> | undefined;
  try {
    conf = new Conf<{ picks: unknown }>({ projectName: 'awsx', projectSuffix: '', configName: 'picker-history', ...options });
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
