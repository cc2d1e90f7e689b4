// The one list of environment variables awsx manages (DESIGN.md "Exported variables").
// Every renderer, hook and prompt segment reads these names from here, never its own copy.
import type { Credentials } from '../core/credentials.ts';
import { AwsxError } from '../core/errors.ts';

/** What a shell should do: set these (in order), then unset those. Plain data, no quoting. */
export interface ShellChange {
  readonly set: ReadonlyArray<readonly [name: string, value: string]>;
  readonly unset: readonly string[];
}

/** Everything awsx may set, in the order it prints them. */
export const MANAGED_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWSX_REGION_SET',
  'AWSX_PROFILE',
] as const;

export type ManagedVariable = (typeof MANAGED_VARIABLES)[number];

/**
 * Unset whenever awsx sets credentials. AWS_PROFILE / AWS_DEFAULT_PROFILE next to env keys
 * only cause "both are set" warnings, and the JS SDK then prefers the profile over the
 * keys. AWS_SECURITY_TOKEN is boto2's name for the session token: a stale one would be
 * sent with the new keys. AWS_CONTAINER_* point SDKs at another credential endpoint
 * (docs/security.md test 42 requires them gone).
 */
export const CONFLICTING_VARIABLES = [
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_SECURITY_TOKEN',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
] as const;

export interface SessionInput {
  readonly profile: string;
  readonly credentials: Credentials;
  /** Absent or empty: the profile has none; a region awsx set for an earlier one is unset. */
  readonly region?: string | undefined;
  /** The shell's variables now: which region is awsx's to unset (regionValues). */
  readonly current?: Readonly<Record<string, string | undefined>> | undefined;
}

const REGION_VARIABLES = ['AWS_REGION', 'AWS_DEFAULT_REGION'] as const;

/**
 * A profile's region is set with a mark (AWSX_REGION_SET, the value awsx exported). Without
 * one, the user's own region stays (a .bashrc's AWS_DEFAULT_REGION): only a region that
 * still holds the value awsx set for an earlier profile is unset. Undefined: leave it.
 */
function regionValues(region: string | undefined, current: Readonly<Record<string, string | undefined>> = {}): Record<'AWS_REGION' | 'AWS_DEFAULT_REGION' | 'AWSX_REGION_SET', string | null | undefined> {
  if (region !== undefined) return { AWS_REGION: region, AWS_DEFAULT_REGION: region, AWSX_REGION_SET: region };
  const mark = current.AWSX_REGION_SET;
  // null: unset (awsx's own, or not set at all); undefined: the user's, left alone.
  const ours = (name: (typeof REGION_VARIABLES)[number]): null | undefined => (current[name] === undefined || current[name] === mark ? null : undefined);
  return { AWS_REGION: ours('AWS_REGION'), AWS_DEFAULT_REGION: ours('AWS_DEFAULT_REGION'), AWSX_REGION_SET: null };
}

/**
 * RFC 3339 UTC without fractional seconds (`2026-11-28T12:00:00Z`), the form starship and
 * aws-vault read. Milliseconds are truncated, never rounded up: a reader must not believe
 * a session lives longer than it does.
 */
export function formatExpiration(expiration: Date): string {
  if (Number.isNaN(expiration.getTime())) {
    throw new AwsxError('ValidationError', 'credentials: expiration is not a valid date');
  }
  const iso = expiration.toISOString();
  if (!/^\d{4}-/.test(iso)) {
    throw new AwsxError('ValidationError', `credentials: expiration ${iso} is outside RFC 3339's years`);
  }
  return iso.replace(/\.\d{3}Z$/, 'Z');
}

/** The variables for one session: every managed variable is either set or unset. */
export function sessionVariables(input: SessionInput): ShellChange {
  const { profile, credentials, region } = input;
  if (profile === '') throw new AwsxError('ValidationError', 'profile: the name is empty');
  if (credentials.accessKeyId === '' || credentials.secretAccessKey === '') {
    throw new AwsxError('ValidationError', `profile ${profile}: credentials lack an access key id or secret`);
  }
  // null: unset; undefined: the user's, left alone.
  const values: Record<ManagedVariable, string | null | undefined> = {
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_SESSION_TOKEN: nonEmpty(credentials.sessionToken) ?? null,
    AWS_CREDENTIAL_EXPIRATION: credentials.expiration ? formatExpiration(credentials.expiration) : null,
    ...regionValues(nonEmpty(region), input.current),
    AWSX_PROFILE: profile,
  };
  const set: [string, string][] = [];
  const stale: string[] = [];
  for (const name of MANAGED_VARIABLES) {
    const value = values[name];
    if (value === null) stale.push(name);
    else if (value !== undefined) set.push([name, value]);
  }
  return { set, unset: [...stale, ...CONFLICTING_VARIABLES] };
}

/** The two variables that point an SDK at awsx's container endpoint (docs/ecs-server.md). */
export const ECS_URI_VARIABLE = 'AWS_CONTAINER_CREDENTIALS_FULL_URI';
/** What container-endpoint mode may set; `awsx clear` removes them with the rest. */
const ECS_VARIABLES = [ECS_URI_VARIABLE, 'AWS_CONTAINER_AUTHORIZATION_TOKEN', 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE'] as const;

export interface EcsInput {
  readonly profile: string;
  /** The endpoint's URL for this token (http://127.0.0.1:PORT/creds/ID). */
  readonly url: string;
  /** The token itself, or the path of a 0600 file holding it (`--token-file`). */
  readonly token: { readonly value: string } | { readonly file: string };
  readonly region?: string | undefined;
  /** The shell's variables now (SessionInput.current). */
  readonly current?: Readonly<Record<string, string | undefined>> | undefined;
  /** For a shell's prompt segment (RFC 3339); `awsx exec` leaves it out. */
  readonly expiration?: string | undefined;
}

/**
 * Container-endpoint mode (`--ecs-server`): the endpoint and its token instead of keys. Every
 * key variable is unset, inherited ones too, so no SDK prefers stale keys over the endpoint;
 * so are the container variables this mode does not set, which would win over it (the
 * RELATIVE_URI in both SDKs, a token file in botocore).
 */
export function ecsVariables(input: EcsInput): ShellChange {
  const { profile, url, token } = input;
  if (profile === '') throw new AwsxError('ValidationError', 'profile: the name is empty');
  const region = nonEmpty(input.region);
  const set: [string, string][] = [
    [ECS_URI_VARIABLE, url],
    'value' in token ? ['AWS_CONTAINER_AUTHORIZATION_TOKEN', token.value] : ['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE', token.file],
  ];
  if (input.expiration !== undefined) set.push(['AWS_CREDENTIAL_EXPIRATION', input.expiration]);
  const regions = regionValues(region, input.current);
  for (const [name, value] of Object.entries(regions)) if (typeof value === 'string') set.push([name, value]);
  set.push(['AWSX_PROFILE', profile]);
  const kept = new Set([...set.map(([name]) => name), ...Object.keys(regions).filter((name) => regions[name as keyof typeof regions] === undefined)]);
  const unset = [...MANAGED_VARIABLES, ...CONFLICTING_VARIABLES].filter((name) => !kept.has(name));
  return { set, unset };
}

/**
 * For `awsx clear`: unsets what awsx sets and nothing else. AWS_PROFILE is left alone on
 * purpose: awsx already removed it when it set credentials, so if it is set now the user
 * set it afterwards.
 */
export function clearVariables(): ShellChange {
  return { set: [], unset: [...MANAGED_VARIABLES, ...ECS_VARIABLES] };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
