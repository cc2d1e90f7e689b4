// Parse and plan a 10,000-profile config (budget: < 150 ms, DESIGN.md).
import { buildProfileSet } from '../src/core/config/profiles.ts';
import { parseIni } from '../src/core/ini/parse.ts';
import { planProfile } from '../src/core/plan/plan.ts';
import { generateConfig } from './generateConfig.ts';
import { fmt, measure } from './measure.ts';

export interface BenchRow {
  readonly what: string;
  readonly result: string;
  readonly budget: string;
  /** null: a reference point with no budget of its own. */
  readonly met: boolean | null;
}

export function configScale(): BenchRow[] {
  const { config, credentials, names } = generateConfig(10_000);
  let planned = 0;
  const t = measure(15, () => {
    const set = buildProfileSet({ config: 'config', credentials: 'credentials' }, parseIni(config, 'config'), parseIni(credentials, 'credentials'));
    planned = 0;
    for (const name of names) {
      planProfile(set, name);
      planned++;
    }
  });
  if (planned !== names.length) throw new Error('not every profile was planned');
  const kb = Math.round(config.length / 1024);
  return [{ what: `parse + plan 10,000 profiles (${kb} KiB config)`, result: fmt(t), budget: '< 150 ms', met: t.median < 150 }];
}
