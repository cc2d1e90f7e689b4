// max_session_lifetime (docs/security.md T3, test 28; ssh-add -t): how long the sessions that
// serve a profile may be kept, whatever STS's Expiration says. Set per profile, or for every
// profile in the config file's [awsx] section. Where several profiles of a chain set it, the
// shortest wins: a limit put on the profile that holds the MFA device also bounds the roles
// behind it.
import { AwsxError } from '../errors.ts';
import { originOf, type ProfileSet, type ProfileValue } from '../config/profiles.ts';
import { parseHumanDuration } from '../stsLimits.ts';
import type { Plan, SessionLifetime } from './types.ts';

export const MAX_SESSION_LIFETIME = 'max_session_lifetime';

export function maxSessionLifetime(set: ProfileSet, plan: Plan): SessionLifetime | undefined {
  let shortest: SessionLifetime | undefined;
  for (const name of chainProfiles(plan)) {
    const entry = set.profiles.get(name)?.keys.get(MAX_SESSION_LIFETIME);
    if (entry === undefined) continue;
    const seconds = parseLifetime(entry, plan.profile, `profile ${name}`);
    if (shortest === undefined || seconds < shortest.seconds) shortest = { seconds, setBy: `profile ${name}` };
  }
  if (shortest !== undefined) return shortest;
  const global = set.settings.get(MAX_SESSION_LIFETIME);
  return global === undefined ? undefined : { seconds: parseLifetime(global, plan.profile, '[awsx]'), setBy: '[awsx]' };
}

/** Every profile whose keys the plan uses: the selected one, each hop's, and the source's. */
export function chainProfiles(plan: Plan): string[] {
  return [...new Set([plan.profile, ...plan.hops.map((h) => h.profile), plan.source.profile])];
}

function parseLifetime(entry: ProfileValue, profile: string, where: string): number {
  const seconds = typeof entry.value === 'string' ? parseHumanDuration(entry.value) : undefined;
  if (seconds !== undefined && seconds > 0) return seconds;
  const origin = originOf(entry);
  const shown = typeof entry.value === 'string' ? JSON.stringify(entry.value) : 'an indented block';
  throw new AwsxError('InvalidConfigError', `profile ${profile}: ${MAX_SESSION_LIFETIME} in ${where} is ${shown}, not a duration (${origin.file}, line ${origin.line})`, {
    hint: `write a number of seconds or a duration with units, e.g. ${MAX_SESSION_LIFETIME} = 8h (or 90m, 600, 1h30m)`,
  });
}
