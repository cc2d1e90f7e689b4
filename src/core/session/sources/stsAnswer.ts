// What the sources that call STS share: an answer's expiry on our clock, and the session
// name botocore generates when the profile sets none.
import { AwsxError } from '../../errors.ts';
import type { IssuedCredentials } from '../../sts/api.ts';
import { MANDATORY_MS, type Entry } from '../stepCache.ts';
import type { StepContext } from './source.ts';

/** A clock this far off STS's is logged (docs/security.md test 31). */
const SKEW_WARNING_MS = 5 * 60_000;

/**
 * Expiry on our clock: STS's Expiration less how far STS's clock is ahead of ours, as
 * measured from its Date header (docs/security.md T9, test 31): the lifetime left is
 * Expiration - STS's now. A clock far off is worth a warning. Credentials that arrive
 * inside the mandatory window count as a failed refresh (test 29): the still-valid ones
 * in the cache are kept and served, else the caller is told why.
 */
export function issuedEntry(c: IssuedCredentials, ctx: StepContext): Entry {
  const skew = c.clockSkewMs ?? 0;
  if (Math.abs(skew) > SKEW_WARNING_MS) {
    ctx.deps.warn?.(`STS's clock is ${Math.round(Math.abs(skew) / 60_000)} min ${skew > 0 ? 'ahead of' : 'behind'} this machine's; session lifetimes are counted on STS's clock (check NTP: timedatectl status)`);
  }
  const expiresAt = c.expiration.getTime() - skew;
  const left = expiresAt - ctx.deps.now();
  if (left < MANDATORY_MS) throw expiring(ctx.req.profile, left);
  return { credentials: c, expiresAt };
}

export function expiring(profile: string, leftMs: number): AwsxError {
  return new AwsxError('CredentialsExpiring', `profile ${profile}: the new credentials expire ${leftMs > 0 ? `in ${Math.round(leftMs / 1000)} s` : 'at once'}, too soon to hand out (tools refuse credentials with less than ${MANDATORY_MS / 60_000} minutes left)`, {
    hint: "check the role's session duration (duration_seconds, at least 900) and this machine's clock (`timedatectl status`)",
  });
}

export function generatedSessionName(now: number): string {
  return `awsx-${Math.floor(now / 1000)}`;
}
