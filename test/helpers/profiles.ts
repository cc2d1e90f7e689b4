// Builds the profile model from literal INI texts, for table-driven tests.
import { buildProfileSet, type ProfileSet } from '../../src/core/config/profiles.ts';
import { parseIni } from '../../src/core/ini/parse.ts';

export function profilesFrom(config: string, credentials = ''): ProfileSet {
  return buildProfileSet(
    { config: '/cfg/config', credentials: '/cfg/credentials' },
    parseIni(config, '/cfg/config'),
    parseIni(credentials, '/cfg/credentials'),
  );
}
