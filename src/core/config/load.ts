// Reads both files for an environment and builds the profile model, noting which of them
// others could have written (fileTrust.ts).
import { configPaths } from './paths.ts';
import { buildProfileSet, type ProfileSet } from './profiles.ts';
import { readConfigFile } from './read.ts';

export function loadProfiles(env: Readonly<Record<string, string | undefined>>, home: string): ProfileSet {
  const paths = configPaths(env, home);
  const config = readConfigFile(paths.config);
  const credentials = readConfigFile(paths.credentials);
  const untrusted = [config.untrusted, credentials.untrusted].filter((u) => u !== undefined);
  return buildProfileSet(paths, config.doc, credentials.doc, untrusted);
}
