// Where STS calls for a profile go and which region signs them (docs/aws-config.md section
// 8, read from botocore's args.py and configprovider.py), through awsx's endpoint policy
// (core/endpoints/policy.ts: https, no global AWS_ENDPOINT_URL). The result always names a
// concrete URL, so the SDK never falls back to reading the daemon's own environment or
// config files.
import { AwsxError } from '../errors.ts';
import { isUsableEndpoint, type Env } from '../endpoints/policy.ts';
import { stringValue, type Keys, type ProfileSet } from '../config/profiles.ts';
import { checkRegionName } from '../stsLimits.ts';
import type { StsTarget } from './api.ts';

/** Which rule chose the endpoint, for `profile explain` and error messages. */
export type EndpointSource = 'AWS_ENDPOINT_URL_STS' | 'AWS_ENDPOINT_URL' | 'services' | 'endpoint_url' | 'regional' | 'global';

export interface ResolvedStsTarget extends StsTarget {
  readonly endpoint: string;
  readonly source: EndpointSource;
}

export const GLOBAL_STS_ENDPOINT = 'https://sts.amazonaws.com';

// botocore's LEGACY_GLOBAL_STS_REGIONS: where `sts_regional_endpoints = legacy` means the global endpoint.
const LEGACY_GLOBAL_REGIONS: ReadonlySet<string> = new Set([
  'ap-northeast-1', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'aws-global', 'ca-central-1', 'eu-central-1',
  'eu-north-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'sa-east-1', 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
]);

// DNS suffixes of the partitions whose names differ from amazonaws.com (the SDK's partitions.json).
const PARTITION_SUFFIXES: readonly (readonly [RegExp, string])[] = [
  [/^cn-/, 'amazonaws.com.cn'],
  [/^eusc-/, 'amazonaws.eu'],
  [/^us-iso-/, 'c2s.ic.gov'],
  [/^us-isob-/, 'sc2s.sgov.gov'],
  [/^eu-isoe-/, 'cloud.adc-e.uk'],
  [/^us-isof-/, 'csp.hci.ic.gov'],
];

export function resolveStsTarget(env: Env, set: ProfileSet, profileName: string | undefined, region: string | undefined): ResolvedStsTarget {
  const keys = profileName === undefined ? undefined : set.profiles.get(profileName)?.keys;
  const subject = profileName === undefined ? 'STS endpoint' : `profile ${profileName}`;
  if (region !== undefined) checkRegion(subject, region);
  const configured = ignoresConfiguredEndpoints(env, keys) ? undefined : configuredEndpoint(env, set, keys, subject);
  // Checked even when a custom endpoint makes it moot, as botocore does (its endpoint builtins read it).
  const legacy = regionalEndpointsSetting(env, keys, subject) === 'legacy';
  if (configured) {
    if (region === undefined) {
      throw new AwsxError('NoRegionError', `${subject}: You must specify a region. (a custom STS endpoint is set by ${configured.source})`, {
        hint: 'set region in the profile or AWS_DEFAULT_REGION: a custom endpoint is signed for the client region',
      });
    }
    return { region, endpoint: configured.url, source: configured.source };
  }
  const clientRegion = region ?? 'aws-global';
  if (clientRegion === 'aws-global' || (legacy && LEGACY_GLOBAL_REGIONS.has(clientRegion))) {
    return { region: 'us-east-1', endpoint: GLOBAL_STS_ENDPOINT, source: 'global' };
  }
  return { region: clientRegion, endpoint: regionalStsEndpoint(clientRegion), source: 'regional' };
}

export function regionalStsEndpoint(region: string): string {
  const suffix = PARTITION_SUFFIXES.find(([re]) => re.test(region))?.[1] ?? 'amazonaws.com';
  return `https://sts.${region}.${suffix}`;
}

/** A region becomes part of a host name (STS's, the console's): nothing else may pass. */
export function checkRegion(subject: string, region: string): void {
  const problem = checkRegionName(region);
  if (problem !== undefined) {
    throw new AwsxError('InvalidConfigError', `${subject}: ${problem}`, {
      hint: 'a region is letters, digits and dashes, e.g. eu-west-1 (check region in the profile and AWS_DEFAULT_REGION)',
    });
  }
}

// botocore's ensure_boolean: only the text "true" (any case) is true; the env var wins when present.
function ignoresConfiguredEndpoints(env: Env, keys: Keys | undefined): boolean {
  const value = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? stringValue(keys, 'ignore_configured_endpoint_urls');
  return value?.toLowerCase() === 'true';
}

// botocore's order, looked up lazily (a missing services section is an error only when no
// env var decided first, as in ConfiguredEndpointProvider). The first non-empty value the
// policy accepts wins; the policy skips AWS_ENDPOINT_URL and refuses plain-text endpoints.
function configuredEndpoint(env: Env, set: ProfileSet, keys: Keys | undefined, subject: string): { url: string; source: EndpointSource } | undefined {
  const usable = (url: string | undefined, source: EndpointSource) => (url && isUsableEndpoint('sts', url, source, env, subject) ? { url, source } : undefined);
  return (
    usable(env.AWS_ENDPOINT_URL_STS, 'AWS_ENDPOINT_URL_STS') ??
    usable(env.AWS_ENDPOINT_URL, 'AWS_ENDPOINT_URL') ??
    usable(servicesEndpoint(set, keys, subject), 'services') ??
    usable(stringValue(keys, 'endpoint_url'), 'endpoint_url')
  );
}

function servicesEndpoint(set: ProfileSet, keys: Keys | undefined, subject: string): string | undefined {
  const servicesName = stringValue(keys, 'services');
  if (servicesName === undefined) return undefined;
  const section = set.services.get(servicesName);
  if (!section || section.size === 0) {
    throw new AwsxError(
      'InvalidConfigError',
      `${subject}: The profile is configured to use the services section but the "${servicesName}" services configuration does not exist.`,
      { hint: `add a [services ${servicesName}] section to the config file, or remove services from the profile` },
    );
  }
  const sts = section.get('sts')?.value;
  return typeof sts === 'object' ? sts['endpoint_url'] : undefined;
}

// An empty value means the default; the env var wins when present.
function regionalEndpointsSetting(env: Env, keys: Keys | undefined, subject: string): 'regional' | 'legacy' {
  const value = env.AWS_STS_REGIONAL_ENDPOINTS ?? stringValue(keys, 'sts_regional_endpoints');
  if (!value || value === 'regional') return 'regional';
  if (value === 'legacy') return 'legacy';
  throw new AwsxError(
    'InvalidSTSRegionalEndpointsConfigError',
    `${subject}: STS regional endpoints option ${value} is invalid. Valid options are: "legacy", "regional"`,
    { hint: 'set sts_regional_endpoints (or AWS_STS_REGIONAL_ENDPOINTS) to regional or legacy' },
  );
}
