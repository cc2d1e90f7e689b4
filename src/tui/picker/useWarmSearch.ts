// Makes the search fields of every entry (rank.ts) a slice at a time after the first frame,
// between events, so the person's first keystroke does not make 10,000 of them at once.
import { useEffect } from 'react';
import { warmSearchEntries, type SearchEntry } from './rank.ts';

const SLICE = 500;

export function useWarmSearch(entries: readonly SearchEntry[]): void {
  useEffect(() => {
    let next = 0;
    let timer: NodeJS.Immediate | undefined;
    const step = (): void => {
      next = warmSearchEntries(entries, next, SLICE);
      timer = next < entries.length ? setImmediate(step) : undefined;
    };
    timer = setImmediate(step);
    return () => {
      if (timer !== undefined) clearImmediate(timer);
    };
  }, [entries]);
}
