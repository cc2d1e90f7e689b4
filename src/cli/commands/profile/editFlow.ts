// What add, set and remove share: preview, confirm, write, report. The edit is a function
// of the profile set, run once on the files as they are now (for the diff and to fail
// early) and once more under the file locks on the files as they are then, so a
// concurrent change elsewhere in the files is kept and re-validated, never overwritten.
//
// Without --yes: an interactive terminal (stdin and stderr are TTYs) sees the diff on
// stderr and is asked on /dev/tty; anything else (a script, CI) writes, as
// `aws configure set` does: a script cannot answer, and --dry-run is there to preview.
import { homedir } from 'node:os';
import { configPaths } from '../../../core/config/paths.ts';
import { buildProfileSet, type ProfileSet } from '../../../core/config/profiles.ts';
import { updateFiles } from '../../../core/config/write.ts';
import { unifiedDiff } from '../../../core/edit/diff.ts';
import type { FileTexts } from '../../../core/edit/edits.ts';
import { serialize } from '../../../core/ini/document.ts';
import { inert } from '../../../core/sanitize.ts';
import { loadUserProfiles } from '../../loadProfiles.ts';
import { confirm, isInteractive } from './terminal.ts';

export interface EditRequest {
  readonly apply: (set: ProfileSet) => FileTexts;
  readonly dryRun: boolean;
  readonly yes: boolean;
  /** The one-line report, given the changed files: `added profile prod to ~/.aws/config`. */
  readonly summary: (files: string) => string;
}

export function displayPath(path: string): string {
  const home = homedir();
  return path === home || path.startsWith(home + '/') ? '~' + path.slice(home.length) : path;
}

function diffOf(set: ProfileSet, texts: FileTexts): string {
  return unifiedDiff(displayPath(set.paths.config), serialize(set.config.lines), texts.config)
    + unifiedDiff(displayPath(set.paths.credentials), serialize(set.credentials.lines), texts.credentials);
}

export async function runEdit(request: EditRequest): Promise<number> {
  const set = loadUserProfiles();
  const diff = inert(diffOf(set, request.apply(set)));
  if (diff === '') {
    process.stderr.write('awsx: nothing to change\n');
    return 0;
  }
  if (request.dryRun) {
    process.stdout.write(diff);
    return 0;
  }
  if (!request.yes && isInteractive()) {
    process.stderr.write(diff);
    if (!(await confirm('Write these changes? [y/N] '))) {
      process.stderr.write('awsx: nothing written\n');
      return 1;
    }
  }
  const paths = configPaths(process.env, homedir());
  const changed = await updateFiles([paths.config, paths.credentials], ([config, credentials]) => {
    const texts = request.apply(buildProfileSet(paths, config!, credentials!));
    return [texts.config, texts.credentials];
  }, { holdBeforeRename: process.env.AWSX_TEST_HOLD_BEFORE_RENAME });
  const files = [paths.config, paths.credentials].filter((_, i) => changed[i]).map(displayPath);
  // Another writer may have made the same change between the preview and the lock.
  process.stderr.write(inert(`awsx: ${files.length > 0 ? request.summary(files.join(' and ')) : 'nothing to change'}`) + '\n');
  return 0;
}
