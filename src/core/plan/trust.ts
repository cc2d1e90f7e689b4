// Config a stranger could have written never runs a command or redirects STS (docs/security.md
// T14, test 26; ssh's "Bad owner or permissions"): when a key that would run a program
// (credential_process, mfa_process, anywhere in the chain) or send signed requests, MFA codes
// included, to another endpoint (endpoint_url, services) comes from a file owned by another
// user or writable by group or others, the profile is refused with the command that fixes
// the file. Profiles that do neither keep working.
import { AwsxError } from '../errors.ts';
import type { UntrustedFile } from '../config/fileTrust.ts';
import { originOf, type ProfileSet, type ProfileValue } from '../config/profiles.ts';
import { chainProfiles } from './lifetime.ts';
import type { Plan } from './types.ts';

const COMMAND_KEYS = ['credential_process', 'mfa_process'] as const;
const ENDPOINT_KEYS = ['endpoint_url', 'services'] as const;

export function refuseUntrustedConfig(set: ProfileSet, plan: Plan): void {
  if (set.untrusted.size === 0) return;
  for (const name of chainProfiles(plan)) {
    const keys = set.profiles.get(name)?.keys;
    for (const key of COMMAND_KEYS) check(set, plan.profile, name, key, keys?.get(key), 'awsx will not run a command from it');
  }
  // Only the selected profile's endpoint settings are used (endpoint.ts).
  const top = set.profiles.get(plan.profile)?.keys;
  for (const key of ENDPOINT_KEYS) check(set, plan.profile, plan.profile, key, top?.get(key), 'awsx will not send signed requests to an endpoint from it');
  const services = top?.get('services')?.value;
  if (typeof services === 'string') {
    const sts = set.services.get(services)?.get('sts');
    check(set, plan.profile, `services ${services}`, 'sts', sts, 'awsx will not send signed requests to an endpoint from it');
  }
}

function check(set: ProfileSet, profile: string, owner: string, key: string, entry: ProfileValue | undefined, refusal: string): void {
  if (entry === undefined) return;
  const file = set.untrusted.get(entry.file);
  if (file !== undefined) throw refused(profile, owner, key, entry, file, refusal);
}

function refused(profile: string, owner: string, key: string, entry: ProfileValue, file: UntrustedFile, refusal: string): AwsxError {
  const origin = originOf(entry);
  const whose = owner === profile ? '' : ` (of ${owner})`;
  return new AwsxError('ConfigPermissionError',
    `profile ${profile}: bad permissions on ${file.path}: ${file.why}, so another user could have written its ${key}${whose} (line ${origin.line}); ${refusal}`, {
      hint: file.fix,
    });
}
