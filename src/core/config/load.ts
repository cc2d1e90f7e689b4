// Reads both files for an environment and builds the profile model.
import { configPaths } from './paths.ts';
import { buildProfileSet, type ProfileSet } from './profiles.ts';
import { readIniFile } from './read.ts';

export function loadProfiles(env: Readonly<Record<string, string | undefined>>, home: string): ProfileSet {
  const paths = configPaths(env, home);
  return buildProfileSet(paths, readIniFile(paths.config), readIniFile(paths.credentials));
}
