// How botocore's build_profile_map names a config-file section (docs/aws-config.md 2.5):
// a name that starts with "profile" (no separator check) is shlex-split and used only
// when it yields exactly two tokens; likewise "sso-session" and "services".
import { shlexSplit } from '../shlex.ts';

export type SectionKind = 'profile' | 'sso-session' | 'services' | 'other';

export interface SectionName {
  readonly kind: SectionKind;
  readonly name: string;
}

const PREFIXED: readonly SectionKind[] = ['profile', 'sso-session', 'services'];

export function classifyConfigSection(header: string): SectionName {
  for (const kind of PREFIXED) {
    if (!header.startsWith(kind)) continue;
    let parts: string[];
    try {
      // Without quotes or backslashes, shlex is a split at whitespace.
      parts = /["'\\]/.test(header) ? shlexSplit(header) : header.split(/[ \t\r\n]+/).filter((t) => t !== '');
    } catch {
      return { kind: 'other', name: header };
    }
    return parts.length === 2 ? { kind, name: parts[1]! } : { kind: 'other', name: header };
  }
  if (header === 'default') return { kind: 'profile', name: 'default' };
  return { kind: 'other', name: header };
}

/** The header text to write for a new config-file profile. */
export function configHeaderFor(profile: string): string {
  if (profile === 'default') return 'default';
  return /^[\w@+.%:/-]+$/.test(profile) ? `profile ${profile}` : `profile "${profile.replace(/["\\]/g, '\\$&')}"`;
}
