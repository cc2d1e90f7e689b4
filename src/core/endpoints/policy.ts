// The one rule for every endpoint awsx sends something to (docs/security.md T14, tests 48b
// and 49): STS now, IAM Identity Center (SSO, SSO OIDC) and the federation endpoint as
// they come. A signed call, an MFA code or a token sent in plain text can be read and
// replayed (a signature stays valid for 15 minutes), and any local user can listen on a
// loopback port: so https, or plain http to this machine only when the person said so.
import { AwsxError } from '../errors.ts';

export type Env = Readonly<Record<string, string | undefined>>;

/** The services awsx calls. All of them receive long-term keys, MFA codes or tokens. */
export type EndpointService = 'sts' | 'sso' | 'sso-oidc' | 'signin';

/**
 * Where an endpoint came from: the SDK's global override (`AWS_ENDPOINT_URL`), a
 * service-specific one (`AWS_ENDPOINT_URL_<SERVICE>`, a profile's `endpoint_url`, a services
 * section, awsx's AWSX_FEDERATION_ENDPOINT), or awsx's own default (regional, global).
 */
export type EndpointOrigin = 'AWS_ENDPOINT_URL' | `AWS_ENDPOINT_URL_${string}` | 'AWSX_FEDERATION_ENDPOINT' | 'services' | 'endpoint_url' | 'regional' | 'global';

export const ALLOW_INSECURE_ENV = 'AWSX_ALLOW_INSECURE_ENDPOINTS';
/** The name this flag had when only STS used it; still honoured. */
export const ALLOW_INSECURE_ALIAS = 'AWSX_ALLOW_INSECURE_STS_ENDPOINT';

const SERVICE_NAMES: Readonly<Record<EndpointService, string>> = { sts: 'STS', sso: 'SSO', 'sso-oidc': 'SSO OIDC', signin: 'federation' };

/** What the policy says about one endpoint, with its reason (for errors and `profile explain`). */
export type EndpointDecision =
  | { readonly verdict: 'use'; readonly reason: string }
  | { readonly verdict: 'skip'; readonly reason: string }
  | { readonly verdict: 'refuse'; readonly reason: string; readonly hint: string };

/**
 * - The global `AWS_ENDPOINT_URL` is skipped (the next source decides): people set it for
 *   LocalStack and the like, and it must not carry awsx's signed calls along.
 * - Otherwise https; plain http only to a loopback address and only with
 *   AWSX_ALLOW_INSECURE_ENDPOINTS=1; nothing else, whatever the flag says.
 */
export function endpointDecision(service: EndpointService, url: string, origin: EndpointOrigin, env: Env): EndpointDecision {
  const name = SERVICE_NAMES[service];
  const shown = `${name} endpoint ${endpointForDisplay(url)} (from ${origin})`;
  if (origin === 'AWS_ENDPOINT_URL') {
    return {
      verdict: 'skip',
      reason: `AWS_ENDPOINT_URL is not used for ${name}: awsx signs those calls with long-term keys or MFA codes (set AWS_ENDPOINT_URL_${envSuffix(service)} to choose its endpoint)`,
    };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { verdict: 'refuse', reason: `${name} endpoint ${JSON.stringify(url)} (from ${origin}) is not a URL`, hint: 'write it as https://host[:port]' };
  }
  if (parsed.protocol === 'https:') return { verdict: 'use', reason: `${shown}: https` };
  const replay = 'signed requests and MFA codes sent in plain text can be read and replayed';
  if (parsed.protocol !== 'http:') {
    return { verdict: 'refuse', reason: `refusing ${shown}: not https`, hint: `write it as https://host[:port]; ${replay}` };
  }
  if (!isLoopback(parsed.hostname)) {
    return {
      verdict: 'refuse',
      reason: `refusing ${shown}: plain http to another machine`,
      hint: `use an https:// endpoint: ${replay}. ${ALLOW_INSECURE_ENV}=1 allows plain http to this machine (a local test STS) and nowhere else`,
    };
  }
  if (!allowsInsecure(env)) {
    return {
      verdict: 'refuse',
      reason: `refusing ${shown}: plain http, and any local user can listen on a loopback port`,
      hint: `use an https:// endpoint; for a test service on this machine (moto, LocalStack) set ${ALLOW_INSECURE_ENV}=1`,
    };
  }
  return { verdict: 'use', reason: `${shown}: plain http to this machine, allowed by ${ALLOW_INSECURE_ENV}=1` };
}

/** endpointDecision for a caller that needs a URL: throws the refusal, prefixed with `subject`. */
export function isUsableEndpoint(service: EndpointService, url: string, origin: EndpointOrigin, env: Env, subject: string): boolean {
  const d = endpointDecision(service, url, origin, env);
  if (d.verdict === 'refuse') throw new AwsxError('InvalidConfigError', `${subject}: ${d.reason}`, { hint: d.hint });
  return d.verdict === 'use';
}

function allowsInsecure(env: Env): boolean {
  return env[ALLOW_INSECURE_ENV] === '1' || env[ALLOW_INSECURE_ALIAS] === '1';
}

function envSuffix(service: EndpointService): string {
  return service === 'sso-oidc' ? 'SSO_OIDC' : service === 'signin' ? 'SIGNIN' : service.toUpperCase();
}

/** The URL without user info or query, which may hold secrets. */
export function endpointForDisplay(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return '(not a URL)';
  }
}

/** An address that cannot leave this machine. `localhost` is trusted to resolve to one. */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}
