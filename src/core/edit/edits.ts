// The three profile edits as the commands run them: check the input, edit both files'
// text, then check the would-be files (read back, and no new problem in any profile).
// Each takes the profile set as it is now and returns both files' new text, so the CLI
// can run it once for the preview and again under the file locks.
import type { ProfileSet } from '../config/profiles.ts';
import { AwsxError } from '../errors.ts';
import { checkKeyName, checkProfileName, checkValue } from './keyRules.ts';
import { addProfile, changeProfile, removeProfile, type FileTexts } from './profileEdit.ts';
import type { KeyChanges } from './sectionEdit.ts';
import { checkNoNewProblems, checkReadBack, checkSourceExists, wouldBe } from './validateEdit.ts';

export type { FileTexts } from './profileEdit.ts';
export type { KeyChanges } from './sectionEdit.ts';

function checkKeys(name: string, keys: ReadonlyMap<string, string>): void {
  for (const [k, v] of keys) {
    checkKeyName(name, k);
    checkValue(name, k, v);
  }
}

export function addProfileEdit(set: ProfileSet, name: string, keys: ReadonlyMap<string, string>, force: boolean): FileTexts {
  checkProfileName(name);
  if (keys.size === 0) throw new AwsxError('UsageError', `profile ${name}: nothing to write`, { hint: 'give at least one key, e.g. --assume-role ARN --source-profile P' });
  checkKeys(name, keys);
  const texts = addProfile(set, name, keys, force);
  const after = wouldBe(set, texts);
  checkReadBack(after, name, keys);
  checkSourceExists(after, name, keys);
  checkNoNewProblems(set, after, name);
  return texts;
}

export function setProfileEdit(set: ProfileSet, name: string, changes: KeyChanges): FileTexts {
  checkKeys(name, changes.set);
  for (const k of changes.unset) checkKeyName(name, k);
  const both = changes.unset.filter((k) => changes.set.has(k));
  if (both.length > 0) throw new AwsxError('UsageError', `profile ${name}: ${both.join(', ')} is both set and unset`, { hint: 'give each key once' });
  const texts = changeProfile(set, name, changes);
  const after = wouldBe(set, texts);
  checkReadBack(after, name, changes.set, changes.unset);
  checkSourceExists(after, name, changes.set);
  checkNoNewProblems(set, after, name);
  return texts;
}

/** No graph check: without `force` nothing names the profile; with it, dangling sources are what was asked for. */
export function removeProfileEdit(set: ProfileSet, name: string, force: boolean): FileTexts {
  const texts = removeProfile(set, name, force);
  if (wouldBe(set, texts).profiles.has(name)) {
    throw new AwsxError('ValidationError', `profile ${name}: would still exist after removing its sections`, {
      hint: 'this is a bug in awsx; nothing was written. Please report it with the file layout',
    });
  }
  return texts;
}
