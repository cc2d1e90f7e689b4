// The profile editor behind the new-profile screen: the same edit as `awsx profile add`
// (addProfileEdit, with all its checks), previewed as the same diff, written the same way
// (under the file locks, on the files as they are then, atomically).
import { loadProfiles } from '../../core/config/load.ts';
import { configPaths } from '../../core/config/paths.ts';
import { buildProfileSet } from '../../core/config/profiles.ts';
import { summarizeProfile } from '../../core/config/summary.ts';
import { updateFiles } from '../../core/config/write.ts';
import { unifiedDiff } from '../../core/edit/diff.ts';
import { addProfileEdit } from '../../core/edit/edits.ts';
import { isAwsxError } from '../../core/errors.ts';
import { serialize } from '../../core/ini/document.ts';
import type { ErrorInfo, ProfileWriter } from '../backend.ts';

type Env = Readonly<Record<string, string | undefined>>;

function tilde(path: string, home: string): string {
  return path === home || path.startsWith(home + '/') ? '~' + path.slice(home.length) : path;
}

function failure(e: unknown): { ok: false; error: ErrorInfo } {
  if (!isAwsxError(e)) throw e;
  return { ok: false, error: { code: e.code, message: e.message, hint: e.hint } };
}

export function profileWriter(env: Env, home: string): ProfileWriter {
  const paths = configPaths(env, home);
  return {
    preview(name, keys) {
      try {
        const set = loadProfiles(env, home);
        const texts = addProfileEdit(set, name, keys, false);
        const diff = unifiedDiff(tilde(paths.config, home), serialize(set.config.lines), texts.config)
          + unifiedDiff(tilde(paths.credentials, home), serialize(set.credentials.lines), texts.credentials);
        return { ok: true, diff };
      } catch (e) {
        return failure(e);
      }
    },
    async write(name, keys) {
      try {
        const changed = await updateFiles([paths.config, paths.credentials], ([config, credentials]) => {
          const texts = addProfileEdit(buildProfileSet(paths, config!, credentials!), name, keys, false);
          return [texts.config, texts.credentials];
        });
        const files = [paths.config, paths.credentials].filter((_, i) => changed[i]).map((p) => tilde(p, home));
        const profiles = [...loadProfiles(env, home).profiles.values()].map(summarizeProfile);
        return { ok: true, message: `Added profile ${name} to ${files.join(' and ')}.`, profiles };
      } catch (e) {
        return failure(e);
      }
    },
  };
}
