// The federation endpoint's getSigninToken: the session in, a sign-in token out
// (`{"SigninToken": "..."}`). Every failure is an answer naming the fix, never a crash; the
// session's secret and token never appear in a message.
import { AwsxError } from '../errors.ts';
import { endpointForDisplay } from '../endpoints/policy.ts';
import { signinTokenUrl, type SigninSession } from './urls.ts';

export const SIGNIN_TIMEOUT_MS = 10_000;

export interface SigninRequest {
  readonly profile: string;
  readonly endpoint: string;
  readonly session: SigninSession;
  readonly sessionDuration: number | undefined;
  readonly timeoutMs?: number;
}

export async function getSigninToken(r: SigninRequest): Promise<string> {
  const subject = `console ${r.profile}`;
  const shown = endpointForDisplay(r.endpoint);
  const secrets = [r.session.secretAccessKey, r.session.sessionToken];
  let status: number;
  let body: string;
  try {
    const res = await fetch(signinTokenUrl(r.endpoint, r.session, r.sessionDuration), {
      redirect: 'error',
      signal: AbortSignal.timeout(r.timeoutMs ?? SIGNIN_TIMEOUT_MS),
    });
    status = res.status;
    body = await res.text();
  } catch (e) {
    throw new AwsxError('FederationError', `${subject}: the sign-in endpoint ${shown} is unreachable: ${networkWords(e)}`, {
      hint: 'check the network or proxy (and AWSX_FEDERATION_ENDPOINT if set), then try again',
    });
  }
  if (status !== 200) {
    const said = oneLine(body, secrets);
    const duration = r.sessionDuration === undefined ? '' : ` with SessionDuration ${r.sessionDuration}`;
    throw new AwsxError('FederationError', `${subject}: the sign-in endpoint ${shown} refused the session${duration} (HTTP ${status}${said ? `: ${said}` : ''})`, {
      hint: r.sessionDuration === undefined
        ? `the session may have expired or been revoked: \`awsx forget ${r.profile}\` and try again`
        : `AWS takes SessionDuration only for a role assumed with long-term keys, up to the role's limits: try a shorter --duration, or without it`,
    });
  }
  let token: unknown;
  try {
    token = (JSON.parse(body) as { SigninToken?: unknown }).SigninToken;
  } catch {
    token = undefined;
  }
  if (typeof token !== 'string' || token === '') {
    throw new AwsxError('FederationError', `${subject}: the sign-in endpoint ${shown} answered without a SigninToken`, {
      hint: 'check that AWSX_FEDERATION_ENDPOINT (if set) is the federation endpoint, .../federation',
    });
  }
  return token;
}

function networkWords(e: unknown): string {
  if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) return 'no answer in time';
  const cause = e instanceof Error ? (e.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? cause.code : 'the request failed';
}

/** The endpoint's own words (an HTML error page at AWS), without tags, on one short line. */
function oneLine(body: string, secrets: readonly string[]): string {
  let text = body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200);
  for (const s of secrets) if (s.length >= 4) text = text.split(s).join('[redacted]');
  return text;
}
