// What AWS allows when a profile's session opens the console (`awsx console`), decided from
// the plan as pure data, so `profile explain` shows it and the daemon follows it.
//
// The federation endpoint turns a session into a sign-in token only when STS issued it with
// AssumeRole* or GetFederationToken. SessionDuration (how long the console session lasts)
// is accepted only for a role assumed with long-term keys (or a web identity token): a
// chained role, or one assumed with a GetSessionToken (MFA) session, fails with it, and its
// console session lasts at most 1 hour. Long-term keys alone get a GetFederationToken
// session first (aws-vault's choice); that call cannot carry MFA. A GetSessionToken session
// alone is refused by the endpoint, so awsx refuses it first, with what to do instead.
import { AwsxError } from '../errors.ts';
import { stringValue, type ProfileSet } from '../config/profiles.ts';
import { MAX_ROLE_DURATION, MAX_SESSION_TOKEN_DURATION, MIN_DURATION, parsePyInt } from '../stsLimits.ts';
import { isLongTermSource } from './rules.ts';
import type { Plan } from './types.ts';

/** aws-vault's session policy: without one a federated user has no permissions at all. */
export const ALLOW_ALL_POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';

export type ConsolePlan =
  /** A role assumed with long-term keys or a web identity token: SessionDuration may be sent. */
  | { readonly kind: 'role'; readonly sessionDuration: number | undefined; readonly durationFrom: string | undefined; readonly notes: readonly string[] }
  /** A chained role, or one behind an MFA session: no SessionDuration, at most 1 h. */
  | { readonly kind: 'short-role'; readonly notes: readonly string[] }
  /** Long-term keys: GetFederationToken with ALLOW_ALL_POLICY, then sign-in. */
  | { readonly kind: 'federation'; readonly name: string; readonly durationSeconds: number | undefined; readonly durationFrom: string | undefined; readonly notes: readonly string[] }
  /** Temporary keys whose origin awsx cannot see: sent as they are. */
  | { readonly kind: 'as-is'; readonly notes: readonly string[] }
  | { readonly kind: 'refused'; readonly reason: string; readonly hint: string };

const ONE_HOUR_NOTE = 'the console session lasts at most 1 hour: AWS accepts no SessionDuration for it';

/** `wanted`: --duration in seconds, if given. */
export function planConsole(set: ProfileSet, plan: Plan, wanted: number | undefined): ConsolePlan {
  const decided = decide(set, plan);
  if (wanted === undefined || decided.kind === 'refused') return decided;
  const subject = `console ${plan.profile}: --duration ${wanted}`;
  if (decided.kind === 'role') {
    checkRange(subject, wanted, MAX_ROLE_DURATION, 'a console session');
    return { ...decided, sessionDuration: wanted, durationFrom: '--duration' };
  }
  if (decided.kind === 'federation') {
    checkRange(subject, wanted, MAX_SESSION_TOKEN_DURATION, 'a federation token');
    return { ...decided, durationSeconds: wanted, durationFrom: '--duration' };
  }
  throw new AwsxError('UsageError', `${subject}: ${decided.notes[0] ?? ONE_HOUR_NOTE}`, {
    hint: 'drop --duration; for a longer console session, use a role assumed directly with IAM user keys (source_profile with keys, no MFA session in between)',
  });
}

function decide(set: ProfileSet, plan: Plan): ConsolePlan {
  const { source, hops, mfaSession } = plan;
  const last = hops.at(-1);
  if (last !== undefined) {
    const chained = hops.length > 1 || source.kind === 'web-identity' || (source.kind === 'static' && source.sessionToken !== undefined);
    if (mfaSession !== undefined) return { kind: 'short-role', notes: [`${ONE_HOUR_NOTE} (the role is assumed with an MFA session from GetSessionToken)`] };
    if (chained) return { kind: 'short-role', notes: [`${ONE_HOUR_NOTE} (role chaining: the role is assumed with another session's credentials)`] };
    if (!isLongTermSource(source)) {
      return { kind: 'short-role', notes: [`${ONE_HOUR_NOTE} (awsx cannot tell whether ${source.kind === 'process' ? 'credential_process' : 'credential_source'} gives long-term keys, and with temporary ones this is role chaining)`] };
    }
    const d = last.durationCappedFrom ?? last.durationSeconds;
    return { kind: 'role', sessionDuration: d, durationFrom: d === undefined ? undefined : `duration_seconds of profile ${last.profile}`, notes: [] };
  }
  if (source.kind === 'web-identity') return { kind: 'role', sessionDuration: undefined, durationFrom: undefined, notes: [] };
  if (mfaSession !== undefined) {
    return {
      kind: 'refused',
      reason: `console ${plan.profile}: the profile's session comes from GetSessionToken (mfa_serial without a role), and the AWS sign-in endpoint accepts only sessions from AssumeRole or GetFederationToken`,
      hint: `open the console as a role profile with source_profile = ${source.profile} (the MFA code then goes with the role), or as a profile with these keys and no mfa_serial (GetFederationToken, without MFA)`,
    };
  }
  if (isLongTermSource(source)) {
    const { seconds, from } = federationDuration(set, plan);
    return {
      kind: 'federation', name: federationName(plan.profile), durationSeconds: seconds, durationFrom: from,
      notes: ['long-term keys open the console through GetFederationToken, which cannot carry MFA; its session has the permissions of the IAM user (the allow-all session policy grants nothing more)'],
    };
  }
  return { kind: 'as-is', notes: ['the credentials are temporary and awsx cannot tell which STS call issued them: AWS signs them in only if they came from AssumeRole or GetFederationToken'] };
}

/** STS's Name for GetFederationToken: 2 to 32 of [\w+=,.@-], from the profile name. */
export function federationName(profile: string): string {
  const name = profile.replace(/[^\w+=,.@-]/g, '-').slice(0, 32);
  return name.length >= 2 ? name : `awsx-${name}`;
}

function federationDuration(set: ProfileSet, plan: Plan): { seconds: number | undefined; from: string | undefined } {
  const raw = stringValue(set.profiles.get(plan.profile)?.keys, 'duration_seconds');
  const seconds = raw === undefined ? undefined : parsePyInt(raw);
  if (seconds === undefined) return { seconds: undefined, from: undefined };
  checkRange(`profile ${plan.profile}: duration_seconds ${seconds}`, seconds, MAX_SESSION_TOKEN_DURATION, 'a federation token');
  return { seconds, from: `duration_seconds of profile ${plan.profile}` };
}

function checkRange(subject: string, seconds: number, max: number, what: string): void {
  if (Number.isInteger(seconds) && seconds >= MIN_DURATION && seconds <= max) return;
  throw new AwsxError('ParamValidationError', `${subject}: outside what AWS allows for ${what} (${MIN_DURATION} to ${max} seconds)`, {
    hint: `give a duration from ${MIN_DURATION} to ${max} seconds (e.g. --duration 1h)`,
  });
}

/** For `profile explain`: how the console is opened, in plain words. */
export function describeConsole(c: ConsolePlan): string[] {
  switch (c.kind) {
    case 'role': {
      const d = c.sessionDuration === undefined ? 'no SessionDuration (the sign-in endpoint\'s default)' : `SessionDuration ${c.sessionDuration} s (${c.durationFrom})`;
      return [`console: signs in with the role session; ${d}; --duration may set 900 to 43200 s`];
    }
    case 'short-role':
      return [`console: signs in with the role session, without SessionDuration`, ...c.notes.map((n) => `note: ${n}`)];
    case 'federation': {
      const d = c.durationSeconds === undefined ? 'STS\'s default (12 h)' : `${c.durationSeconds} s (${c.durationFrom})`;
      return [`console: GetFederationToken ${c.name} with an allow-all session policy, for ${d}; then signs in with it`, ...c.notes.map((n) => `note: ${n}`)];
    }
    case 'as-is':
      return ['console: signs in with the credentials as they are', ...c.notes.map((n) => `note: ${n}`)];
    case 'refused':
      return [`console: refused: ${c.reason.replace(/^console [^:]*: /, '')}`, `  (${c.hint})`];
  }
}
