// awsx's rules on top of botocore's plan (docs/aws-config.md section 13).
//
// MFA: where the hop that needs the code is signed by long-term IAM user keys, one
// GetSessionToken with the code serves every role behind that device while it lives;
// except for a single role wanting more than 1 h, because STS caps a role assumed with
// GetSessionToken credentials at 1 h. Everywhere else the code goes with that hop's
// AssumeRole, as botocore sends it.
//
// Duration: a hop signed by temporary credentials is role chaining, which STS limits to
// 1 h; asking for more fails at STS, so awsx caps it at 3600 s and says why.
import { stringValue, type Profile } from '../config/profiles.ts';
import { AwsxError } from '../errors.ts';
import { checkMfaSerial, MAX_CHAINED_DURATION, MAX_SESSION_TOKEN_DURATION, MIN_DURATION, parsePyInt } from '../stsLimits.ts';
import type { MfaSessionStep, RoleHop, SourceStep } from './types.ts';

/** Long-term IAM user keys: the only credentials that may call GetSessionToken. */
export function isLongTermSource(source: SourceStep): boolean {
  return source.kind === 'static' && !source.sessionToken;
}

/** Whether the source is known to give temporary credentials (so its first hop is chained). */
function isTemporarySource(source: SourceStep): boolean {
  return source.kind === 'web-identity' || (source.kind === 'static' && !!source.sessionToken);
}

export function applyAwsxRules(source: SourceStep, hops: RoleHop[], notes: string[]): { source: SourceStep; mfaSession: MfaSessionStep | undefined; hops: RoleHop[] } {
  const first = hops[0]!;
  let mfaSession: MfaSessionStep | undefined;
  let planned = hops;
  if (first.mfaSerial !== undefined && isLongTermSource(source)) {
    const wanted = first.durationSeconds ?? 3600;
    if (hops.length > 1 || wanted <= MAX_CHAINED_DURATION) {
      mfaSession = { serial: first.mfaSerial, durationSeconds: undefined };
      planned = [{ ...first, mfaSerial: undefined }, ...hops.slice(1)];
    } else {
      notes.push(`profile ${first.profile}: the MFA code is sent with the AssumeRole itself, because the role wants ${wanted} s and a role assumed with a GetSessionToken session is limited to 1 h`);
    }
  }
  const signedByTemporary = (i: number) => i > 0 || mfaSession !== undefined || isTemporarySource(source);
  return { source, mfaSession, hops: planned.map((hop, i) => (signedByTemporary(i) ? capChained(hop) : hop)) };
}

/** The hop records the configured value in durationCappedFrom, so explain can say why. */
export function capChained(hop: RoleHop): RoleHop {
  if (hop.durationSeconds === undefined || hop.durationSeconds <= MAX_CHAINED_DURATION) return hop;
  return { ...hop, durationSeconds: MAX_CHAINED_DURATION, durationCappedFrom: hop.durationSeconds };
}

/** A profile with long-term keys and mfa_serial but no role: a GetSessionToken session. */
export function mfaOnlySession(p: Profile, source: SourceStep, notes: string[]): MfaSessionStep | undefined {
  const serial = stringValue(p.keys, 'mfa_serial');
  if (serial === undefined) return undefined;
  if (!isLongTermSource(source)) {
    notes.push(`profile ${p.name}: mfa_serial is ignored: its credentials are not long-term IAM user keys, and only those can open an MFA session`);
    return undefined;
  }
  const problem = checkMfaSerial(serial);
  if (problem) throw new AwsxError('ParamValidationError', `profile ${p.name}: mfa_serial: ${problem}`, { hint: `fix mfa_serial in profile ${p.name}` });
  const raw = stringValue(p.keys, 'duration_seconds');
  const seconds = raw === undefined ? undefined : parsePyInt(raw);
  if (seconds !== undefined && (seconds < MIN_DURATION || seconds > MAX_SESSION_TOKEN_DURATION)) {
    throw new AwsxError('ParamValidationError', `profile ${p.name}: duration_seconds ${seconds} is outside what STS allows for an MFA session (900 to 129600 seconds)`, {
      hint: `fix duration_seconds in profile ${p.name}`,
    });
  }
  return { serial, durationSeconds: seconds };
}
