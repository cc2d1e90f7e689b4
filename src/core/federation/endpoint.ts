// Which federation endpoint gets the session: AWSX_FEDERATION_ENDPOINT (the full
// .../federation URL, for tests and private endpoints) when set, else the partition's. The
// session's keys go to it, so it follows the one endpoint policy (docs/security.md T14).
import { isUsableEndpoint, type Env } from '../endpoints/policy.ts';
import { signinEndpoint, type ConsolePartition } from './urls.ts';

export const FEDERATION_ENDPOINT_ENV = 'AWSX_FEDERATION_ENDPOINT';

export function federationEndpoint(env: Env, partition: ConsolePartition, region: string | undefined, subject: string): string {
  const configured = env[FEDERATION_ENDPOINT_ENV];
  if (configured === undefined || configured === '') return signinEndpoint(partition, region);
  isUsableEndpoint('signin', configured, FEDERATION_ENDPOINT_ENV, env, subject);
  return configured.replace(/\?.*$/, '');
}
