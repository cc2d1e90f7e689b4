// Reads both files for an environment and builds the profile model, noting which of them
// others could have written (fileTrust.ts).
import { configPaths } from './paths.ts';
import { buildProfileSet, type ProfileSet } from './profiles.ts';
import { readConfigFile } from './read.ts';

/** `cwd`: the caller's working directory, for relative paths (configPaths). */
export function loadProfiles(env: Readonly<Record<string, string | undefined>>, home: string, cwd?: string): ProfileSet {
  const paths = configPaths(env, home, cwd);
  const config = readConfigFile(paths.config);
  // Its lines may be keys: a parse error names the line, never quotes it.
  const credentials = readConfigFile(paths.credentials, { secretFile: true });
  const untrusted = [config.untrusted, credentials.untrusted].filter((u) => u !== undefined);
  return buildProfileSet(paths, config.doc, credentials.doc, untrusted);
}
