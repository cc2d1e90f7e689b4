// Which federation endpoint gets the session: AWSX_FEDERATION_ENDPOINT (the full
// .../federation URL, for tests and private endpoints) when set, else the partition's. The
// session's keys go to it, so it follows the one endpoint policy (docs/security.md T14).
import { AwsxError } from '../errors.ts';
import { endpointForDisplay } from '../sts/endpoint.ts';
import { signinEndpoint, type ConsolePartition } from './urls.ts';

export type Env = Readonly<Record<string, string | undefined>>;

export const FEDERATION_ENDPOINT_ENV = 'AWSX_FEDERATION_ENDPOINT';
const ALLOW_INSECURE_ENV = 'AWSX_ALLOW_INSECURE_ENDPOINTS';

export function federationEndpoint(env: Env, partition: ConsolePartition, region: string | undefined, subject: string): string {
  const configured = env[FEDERATION_ENDPOINT_ENV];
  if (configured === undefined || configured === '') return signinEndpoint(partition, region);
  checkEndpoint(env, configured, subject);
  return configured.replace(/\?.*$/, '');
}

// The narrow stand-in for the shared endpoint policy (security's src/core/endpoints): https,
// or plain http to this machine when the person allowed it.
function checkEndpoint(env: Env, url: string, subject: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AwsxError('InvalidConfigError', `${subject}: ${FEDERATION_ENDPOINT_ENV} is not a URL`, { hint: 'write it as https://host[:port]/federation' });
  }
  if (parsed.protocol === 'https:') return;
  const loopback = parsed.hostname === 'localhost' || parsed.hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(parsed.hostname);
  if (parsed.protocol === 'http:' && loopback && env[ALLOW_INSECURE_ENV] === '1') return;
  throw new AwsxError('InvalidConfigError', `${subject}: refusing federation endpoint ${endpointForDisplay(url)} (from ${FEDERATION_ENDPOINT_ENV}): not https`, {
    hint: `use an https:// endpoint: the session's keys go to it. For a test endpoint on this machine, set ${ALLOW_INSECURE_ENV}=1`,
  });
}
