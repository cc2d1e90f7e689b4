// Validation of an edit by what it would write: both files' new text is parsed into the
// would-be profile set, and that is what is checked, so the checks and the file can never
// disagree. Rules over the whole set (a source removed, a role added under a chain) are
// judged by what the edit makes worse: a problem already in the files does not block an
// unrelated edit, a new one does.
import { buildProfileSet, stringValue, type ProfileSet } from '../config/profiles.ts';
import { AwsxError } from '../errors.ts';
import { parseIni } from '../ini/parse.ts';
import { chainProblem } from './chainRules.ts';
import { credentialsSectionFor, effectiveConfigSection } from './locate.ts';
import type { FileTexts } from './profileEdit.ts';

export function wouldBe(before: ProfileSet, texts: FileTexts): ProfileSet {
  const { paths } = before;
  return buildProfileSet(paths, parseIni(texts.config, paths.config), parseIni(texts.credentials, paths.credentials, { secretFile: true }));
}

/** Every problem in the set by message, those of `first` first so they are reported first. */
export function problemsOf(set: ProfileSet, first?: string): Map<string, AwsxError> {
  const out = new Map<string, AwsxError>();
  const names = [...set.profiles.keys()];
  if (first !== undefined && set.profiles.has(first)) names.unshift(first);
  for (const name of names) {
    const e = chainProblem(set, name);
    if (e && !out.has(e.message)) out.set(e.message, e);
  }
  return out;
}

/**
 * A written source_profile names a profile, even where botocore would not follow it yet
 * (no role_arn): the planner only walks roles, so this one is checked here.
 */
export function checkSourceExists(after: ProfileSet, name: string, written: ReadonlyMap<string, string>): void {
  const source = written.get('source_profile');
  if (source === undefined || after.profiles.has(source)) return;
  throw new AwsxError('InvalidConfigError', `profile ${name}: the source_profile "${source}" does not exist`, {
    hint: `create it (\`awsx profile add ${source} ...\`) or fix the name; \`awsx profile list\` shows the profiles`,
  });
}

export function checkNoNewProblems(before: ProfileSet, after: ProfileSet, name: string): void {
  const old = problemsOf(before);
  for (const [message, e] of problemsOf(after, name)) if (!old.has(message)) throw e;
}

/** The AWS CLI will read each key as written (a safety net under the edit functions). */
export function checkReadBack(after: ProfileSet, name: string, expected: ReadonlyMap<string, string>, unset: readonly string[] = []): void {
  const keys = after.profiles.get(name)?.keys;
  for (const [k, v] of expected) {
    if (stringValue(keys, k) !== v) throw readBackError(name, k);
  }
  for (const k of unset) {
    // A [DEFAULT] section may still provide the key; the profile's own sections may not.
    const own = effectiveConfigSection(after.config, name)?.entries.has(k) || credentialsSectionFor(after.credentials, name)?.entries.has(k);
    if (own) throw readBackError(name, k);
  }
}

function readBackError(name: string, key: string): AwsxError {
  return new AwsxError('ValidationError', `profile ${name}: after the edit the AWS CLI would not read ${key} as given`, {
    hint: 'this is a bug in awsx; nothing was written. Please report it with the command and the file layout',
  });
}
