// `ecs_server = true` (awsx's own key, per profile or in [awsx]): `awsx use PROFILE` puts
// the daemon's container endpoint into the shell instead of keys, as --ecs-server does
// (docs/ecs-server.md). The profile's own value wins over [awsx]'s.
import { AwsxError } from '../errors.ts';
import { originOf, type ProfileSet, type ProfileValue } from './profiles.ts';

export const ECS_SERVER = 'ecs_server';

export function ecsServerByDefault(set: ProfileSet, profile: string): boolean {
  const own = set.profiles.get(profile)?.keys.get(ECS_SERVER);
  if (own !== undefined) return parseBool(own, profile, `profile ${profile}`);
  const global = set.settings.get(ECS_SERVER);
  return global === undefined ? false : parseBool(global, profile, '[awsx]');
}

function parseBool(entry: ProfileValue, profile: string, where: string): boolean {
  const v = typeof entry.value === 'string' ? entry.value.trim().toLowerCase() : undefined;
  if (v === 'true') return true;
  if (v === 'false') return false;
  const origin = originOf(entry);
  throw new AwsxError('InvalidConfigError', `profile ${profile}: ${ECS_SERVER} in ${where} is not true or false (${origin.file}, line ${origin.line})`, {
    hint: `write ${ECS_SERVER} = true or ${ECS_SERVER} = false`,
  });
}
