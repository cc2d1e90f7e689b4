// The profile model: the config and credentials files merged as botocore's Session does
// (docs/aws-config.md 2.5-2.6). The merged view decides existence, roles, processes and
// web identity; static keys are still read per file, so both per-file views are kept.
import { DEFAULT_SECTION, defaultEntries, type IniDocument, type IniEntry, type IniSection } from '../ini/document.ts';
import type { UntrustedFile } from './fileTrust.ts';
import type { ConfigPaths } from './paths.ts';
import { classifyConfigSection } from './sections.ts';

export interface KeyOrigin {
  readonly file: string;
  /** 1-based line number. */
  readonly line: number;
}

/**
 * A value and where it came from: the parser's entry itself (its `line` is a 0-based
 * index; `originOf` gives the 1-based line for people). No copy per key, since a large
 * config holds tens of thousands.
 */
export type ProfileValue = IniEntry;

export function originOf(v: ProfileValue): KeyOrigin {
  return { file: v.file, line: v.line + 1 };
}

export type Keys = ReadonlyMap<string, ProfileValue>;

export interface Profile {
  readonly name: string;
  /** Both files merged, the credentials file winning key by key. */
  readonly keys: Keys;
  /** The config file's section for this profile, if any (the later one when named twice). */
  readonly configKeys: Keys | undefined;
  /** The credentials file's section of this exact name, if any. */
  readonly credentialsKeys: Keys | undefined;
}

export interface ProfileSet {
  readonly paths: ConfigPaths;
  readonly config: IniDocument;
  readonly credentials: IniDocument;
  readonly profiles: ReadonlyMap<string, Profile>;
  readonly ssoSessions: ReadonlyMap<string, Keys>;
  readonly services: ReadonlyMap<string, Keys>;
  /** awsx's own settings: the config file's `[awsx]` section, which botocore ignores. */
  readonly settings: Keys;
  /** The files others could have written, by path (fileTrust.ts). */
  readonly untrusted: ReadonlyMap<string, UntrustedFile>;
}

/** The config-file section awsx reads its own settings from (max_session_lifetime). */
export const AWSX_SECTION = 'awsx';

function keysOf(doc: IniDocument, section: IniSection): Keys {
  const defaults = defaultEntries(doc);
  if (defaults.size === 0) return section.entries;
  const out = new Map(section.entries);
  for (const [k, e] of defaults) if (!out.has(k)) out.set(k, e);
  return out;
}

function merge(configKeys: Keys | undefined, credentialsKeys: Keys | undefined): Keys {
  if (!configKeys) return credentialsKeys!;
  if (!credentialsKeys) return configKeys;
  return new Map([...configKeys, ...credentialsKeys]);
}

export function buildProfileSet(paths: ConfigPaths, config: IniDocument, credentials: IniDocument, untrusted: readonly UntrustedFile[] = []): ProfileSet {
  const fromConfig = new Map<string, Keys>();
  const ssoSessions = new Map<string, Keys>();
  const services = new Map<string, Keys>();
  let settings: Keys = new Map();
  for (const section of config.sections) {
    if (section.name === DEFAULT_SECTION) continue;
    // Like a profile named twice, a later [awsx] replaces an earlier one whole.
    if (section.name === AWSX_SECTION) settings = section.entries;
    const { kind, name } = classifyConfigSection(section.name);
    // A later section of the same name replaces the earlier one whole (cases/14).
    if (kind === 'profile') fromConfig.set(name, keysOf(config, section));
    else if (kind === 'sso-session') ssoSessions.set(name, keysOf(config, section));
    else if (kind === 'services') services.set(name, keysOf(config, section));
  }
  const fromCredentials = new Map<string, Keys>();
  for (const section of credentials.sections) {
    if (section.name !== DEFAULT_SECTION) fromCredentials.set(section.name, keysOf(credentials, section));
  }

  const profiles = new Map<string, Profile>();
  for (const name of new Set([...fromConfig.keys(), ...fromCredentials.keys()])) {
    const configKeys = fromConfig.get(name);
    const credentialsKeys = fromCredentials.get(name);
    profiles.set(name, {
      name,
      keys: merge(configKeys, credentialsKeys),
      configKeys,
      credentialsKeys,
    });
  }
  return { paths, config, credentials, profiles, ssoSessions, services, settings, untrusted: new Map(untrusted.map((u) => [u.path, u])) };
}

/** A key's value when it is a plain string (nested blocks and absent keys give undefined). */
export function stringValue(keys: Keys | undefined, key: string): string | undefined {
  const v = keys?.get(key)?.value;
  return typeof v === 'string' ? v : undefined;
}
