// A credential source that exists only in tests, to show what adding one costs: this file
// (the source behind the one function type of src/core/session/sources/source.ts) plus one
// line in a table of sources. It mints keys locally, numbered by how often it was called.
import type { Source } from '../../../src/core/session/sources/source.ts';

export interface CounterStep {
  readonly kind: 'test-counter';
  readonly profile: string;
  /** How long each minted key lives. */
  readonly lifetimeMs: number;
}

export function counterSource(): { readonly source: Source<CounterStep>; readonly calls: () => number } {
  let calls = 0;
  const source: Source<CounterStep> = (step, { deps }) => ({
    kind: 'call',
    key: JSON.stringify(['test-counter', step.profile]),
    fetch: async () => {
      calls += 1;
      const expiresAt = deps.now() + step.lifetimeMs;
      return { credentials: { accessKeyId: `AKIATESTCOUNTER${String(calls).padStart(5, '0')}`, secretAccessKey: 's', expiration: new Date(expiresAt) }, expiresAt };
    },
  });
  return { source, calls: () => calls };
}
