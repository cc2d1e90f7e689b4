// The prompt segment and the refresh rule, as data and one reference implementation.
// `awsx prompt` prints formatSegment(); the generated shell hooks implement the same rules
// in pure shell (scripts/*, filled from the constants below by shells/*.ts), and the tests hold both to one table.

/** Credentials with less than this left are refreshed by the prompt hook (and starship's aws module turns red at 15 min too). */
export const REFRESH_WINDOW_SECONDS = 900;

/**
 * After a refresh attempt the hook waits this long before the next one, whatever happened:
 * a failure (a code is needed) must not cost a node start at every prompt, and a success
 * that brought the same credentials (the daemon has not renewed yet) must not either. A
 * renewal made in another shell (`awsx use` with a code) is picked up within this time.
 */
export const REFRESH_RETRY_SECONDS = 60;

/** Appended to the time left when the hook could not renew: the user has to (`awsx use`). */
export const RENEW_MARK = '!';

export const EXPIRED_TEXT = 'expired';

// RFC 3339 in UTC as awsx writes it (variables.ts formatExpiration), fractions allowed.
// Anything else (an offset, a date only) counts as "no expiry known": the segment shows
// the profile alone and the hook never refreshes, rather than guess.
const EXPIRATION = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.\d+)?Z$/;

/** Epoch seconds of an AWS_CREDENTIAL_EXPIRATION value, or undefined when it is not one. */
export function parseExpiration(text: string | undefined): number | undefined {
  const m = EXPIRATION.exec(text ?? '');
  if (m === null) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s) / 1000;
}

/** `42m`, `3h12m`, `<1m`, or `expired`: whole minutes, never rounded up. */
export function formatTimeLeft(seconds: number): string {
  if (seconds <= 0) return EXPIRED_TEXT;
  if (seconds < 60) return '<1m';
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes}m` : `${Math.floor(minutes / 60)}h${minutes % 60}m`;
}

// C0, DEL and C1 controls: a profile name must not reach the terminal as an escape
// sequence through a prompt (docs/security.md T6). The shells use [[:cntrl:]] the same way.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

export function promptSafe(text: string): string {
  return text.replace(CONTROL, '?');
}

export interface SegmentInput {
  readonly profile: string | undefined;
  readonly expiration: string | undefined;
  readonly nowSeconds: number;
  /** The hook's last refresh for these credentials failed. */
  readonly needsRenewal?: boolean;
}

/** `prod 42m`, `prod 3h12m`, `prod 9m!`, `prod expired`, `prod` (no expiry), or '' (no profile). */
export function formatSegment(input: SegmentInput): string {
  if (input.profile === undefined || input.profile === '') return '';
  const profile = promptSafe(input.profile);
  const expires = parseExpiration(input.expiration);
  if (expires === undefined) return profile;
  const left = expires - input.nowSeconds;
  const mark = input.needsRenewal && left > 0 ? RENEW_MARK : '';
  return `${profile} ${formatTimeLeft(left)}${mark}`;
}

/**
 * Whether the prompt hook refreshes now: a profile, a known expiry, and inside the window.
 * The hooks count whole seconds, so the edge is inclusive: a 900 s session checked in the
 * second it was issued shows exactly 900 s left. The daemon scales its own window to short
 * sessions (stepCache.ts advisoryWindowMs), so such a refresh is answered from its cache
 * until the session is due; the hook only sees the expiry, not the lifetime.
 */
export function isInRefreshWindow(expiration: string | undefined, nowSeconds: number): boolean {
  const expires = parseExpiration(expiration);
  return expires !== undefined && expires - nowSeconds <= REFRESH_WINDOW_SECONDS;
}

/** What the hook prints, once, when it could not renew. Every shell builds the same text. */
export function renewalMessage(profile: string, secondsLeft: number): string {
  const safe = promptSafe(profile);
  const when = secondsLeft <= 0 ? `${safe} ${EXPIRED_TEXT}` : `${safe} expires in ${formatTimeLeft(secondsLeft)}`;
  return `awsx: ${when}; run awsx use ${safe} to renew`;
}
