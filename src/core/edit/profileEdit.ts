// Profile-level edits over both files: which file and which section each key goes to.
// Static keys live in the credentials file (section NAME), everything else in the config
// file (`[profile NAME]`, `[default]`); a key that already exists is changed where it is,
// because that is the copy the AWS CLI reads. Each returns both files' new text.
import { configHeaderFor } from '../config/sections.ts';
import { stringValue, type ProfileSet } from '../config/profiles.ts';
import { AwsxError } from '../errors.ts';
import { serialize, type IniDocument, type IniLine, type IniSection } from '../ini/document.ts';
import { STATIC_KEYS } from './keyRules.ts';
import { configSectionsFor, credentialsSectionFor, effectiveConfigSection } from './locate.ts';
import { appendSection, removeSections } from './sectionAddRemove.ts';
import { editSection, replaceBody, type KeyChanges } from './sectionEdit.ts';

export interface FileTexts {
  readonly config: string;
  readonly credentials: string;
}

function split(keys: ReadonlyMap<string, string>): { config: Map<string, string>; credentials: Map<string, string> } {
  const config = new Map<string, string>();
  const credentials = new Map<string, string>();
  for (const [k, v] of keys) (STATIC_KEYS.has(k) ? credentials : config).set(k, v);
  return { config, credentials };
}

/** The section becomes exactly these keys: replaced in place, appended, or removed when there are none. */
function putSection(doc: IniDocument, section: IniSection | undefined, header: string, keys: ReadonlyMap<string, string>,
  stale: readonly IniSection[]): IniLine[] {
  if (keys.size === 0) return stale.length > 0 ? removeSections(doc, stale) : [...doc.lines];
  if (section) return replaceBody(doc, section, keys);
  return appendSection(doc.lines, header, keys);
}

/** A new profile; with `force`, an existing one is replaced by exactly these keys. */
export function addProfile(set: ProfileSet, name: string, keys: ReadonlyMap<string, string>, force: boolean): FileTexts {
  if (set.profiles.has(name) && !force) {
    throw new AwsxError('ConflictError', `profile ${name}: already exists`, {
      hint: `pick another name, change it with awsx profile set ${name} KEY=VALUE, or replace it with --force`,
    });
  }
  const parts = split(keys);
  const configSection = effectiveConfigSection(set.config, name);
  const credentialsSection = credentialsSectionFor(set.credentials, name);
  return {
    config: serialize(putSection(set.config, configSection, configHeaderFor(name), parts.config, configSectionsFor(set.config, name))),
    credentials: serialize(putSection(set.credentials, credentialsSection, name, parts.credentials, credentialsSection ? [credentialsSection] : [])),
  };
}

/** Changes per file: an existing key where it is (in both files if both have it), a new one by its kind. */
function routeChanges(set: ProfileSet, name: string, changes: KeyChanges): { config: KeyChanges; credentials: KeyChanges } {
  const inConfig = effectiveConfigSection(set.config, name)?.entries;
  const inCredentials = credentialsSectionFor(set.credentials, name)?.entries;
  const config = { set: new Map<string, string>(), unset: [] as string[] };
  const credentials = { set: new Map<string, string>(), unset: [] as string[] };
  for (const [k, v] of changes.set) {
    const here = [inConfig?.has(k) ? config : undefined, inCredentials?.has(k) ? credentials : undefined].filter((x) => x !== undefined);
    for (const target of here.length > 0 ? here : [STATIC_KEYS.has(k) ? credentials : config]) target.set.set(k, v);
  }
  for (const k of changes.unset) {
    if (inConfig?.has(k)) config.unset.push(k);
    if (inCredentials?.has(k)) credentials.unset.push(k);
    if (!inConfig?.has(k) && !inCredentials?.has(k)) throw nothingToUnset(set, name, k);
  }
  return { config, credentials };
}

function nothingToUnset(set: ProfileSet, name: string, key: string): AwsxError {
  const inherited = set.profiles.get(name)?.keys.has(key);
  return new AwsxError('ValidationError', `profile ${name}: has no key ${key} to unset`, {
    hint: inherited
      ? `${key} comes from a [DEFAULT] section, which applies to every profile of its file; edit that section by hand`
      : `check the key with awsx profile show ${name}`,
  });
}

function applyTo(doc: IniDocument, section: IniSection | undefined, header: string, changes: KeyChanges): string {
  if (changes.set.size === 0 && changes.unset.length === 0) return serialize(doc.lines);
  if (section) return serialize(editSection(doc, section, changes));
  return serialize(appendSection(doc.lines, header, changes.set));
}

export function changeProfile(set: ProfileSet, name: string, changes: KeyChanges): FileTexts {
  if (!set.profiles.has(name)) throw notFound(name);
  const routed = routeChanges(set, name, changes);
  return {
    config: applyTo(set.config, effectiveConfigSection(set.config, name), configHeaderFor(name), routed.config),
    credentials: applyTo(set.credentials, credentialsSectionFor(set.credentials, name), name, routed.credentials),
  };
}

/** Profiles that name `name` as their source_profile (itself excluded). */
export function dependentsOf(set: ProfileSet, name: string): string[] {
  return [...set.profiles.values()]
    .filter((p) => p.name !== name && stringValue(p.keys, 'source_profile') === name)
    .map((p) => p.name);
}

/** Every section of the profile in both files; refused while others source from it, unless `force`. */
export function removeProfile(set: ProfileSet, name: string, force: boolean): FileTexts {
  if (!set.profiles.has(name)) throw notFound(name);
  const dependents = dependentsOf(set, name);
  if (dependents.length > 0 && !force) {
    throw new AwsxError('ConflictError', `profile ${name}: is the source_profile of ${dependents.join(', ')}`, {
      hint: `remove or change ${dependents.length > 1 ? 'those profiles' : 'that profile'} first, or pass --force to leave ${dependents.length > 1 ? 'them' : 'it'} pointing at a missing profile`,
    });
  }
  const credentialsSection = credentialsSectionFor(set.credentials, name);
  return {
    config: serialize(removeSections(set.config, configSectionsFor(set.config, name))),
    credentials: serialize(credentialsSection ? removeSections(set.credentials, [credentialsSection]) : set.credentials.lines),
  };
}

function notFound(name: string): AwsxError {
  return new AwsxError('ProfileNotFound', `profile ${name}: not found in the config or credentials file`, {
    hint: `check the name with awsx profile list, or create it with awsx profile add ${name}`,
  });
}
