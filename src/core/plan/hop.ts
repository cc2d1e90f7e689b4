// One assume-role profile read into a hop, with every value checked against what STS
// accepts (docs/aws-config.md 4.4 and 9) so a bad value fails here, not at STS.
import { AwsxError } from '../errors.ts';
import { originOf, stringValue, type Profile } from '../config/profiles.ts';
import { checkExternalId, checkMfaSerial, checkRoleArn, checkRoleDuration, checkSessionName, parsePyInt } from '../stsLimits.ts';
import type { RoleHop } from './types.ts';

function invalid(p: Profile, key: string, problem: string): AwsxError {
  const entry = p.keys.get(key);
  const origin = entry && originOf(entry);
  const where = origin ? ` (${origin.file}, line ${origin.line})` : '';
  return new AwsxError('ParamValidationError', `profile ${p.name}: ${key}: ${problem}`, { hint: `fix ${key} in profile ${p.name}${where}` });
}

function text(p: Profile, key: string): string | undefined {
  const v = p.keys.get(key)?.value;
  if (v !== undefined && typeof v !== 'string') throw invalid(p, key, 'is an indented block, not a single value');
  return v;
}

export function readHop(p: Profile, notes: string[]): RoleHop {
  const roleArn = text(p, 'role_arn') ?? '';
  const arnProblem = checkRoleArn(roleArn);
  if (arnProblem) throw invalid(p, 'role_arn', arnProblem);

  // An empty role_session_name means a generated one, as in botocore.
  const sessionName = text(p, 'role_session_name') || undefined;
  const nameProblem = sessionName === undefined ? undefined : checkSessionName(sessionName);
  if (nameProblem) throw invalid(p, 'role_session_name', nameProblem);

  const externalId = text(p, 'external_id');
  const idProblem = externalId === undefined ? undefined : checkExternalId(externalId);
  if (idProblem) throw invalid(p, 'external_id', idProblem);

  const mfaSerial = text(p, 'mfa_serial');
  const mfaProblem = mfaSerial === undefined ? undefined : checkMfaSerial(mfaSerial);
  if (mfaProblem) throw invalid(p, 'mfa_serial', mfaProblem);

  return { profile: p.name, roleArn, sessionName, externalId, durationSeconds: readDuration(p, notes), durationCappedFrom: undefined, mfaSerial };
}

function readDuration(p: Profile, notes: string[]): number | undefined {
  const raw = stringValue(p.keys, 'duration_seconds');
  if (raw === undefined) return undefined;
  // botocore parses it with int() and silently drops what is not a whole number.
  const seconds = parsePyInt(raw);
  if (seconds === undefined) {
    notes.push(`profile ${p.name}: duration_seconds "${raw}" is not a whole number of seconds, so it is ignored (as the AWS CLI ignores it) and STS's default of 3600 s applies`);
    return undefined;
  }
  const problem = checkRoleDuration(seconds);
  if (problem) throw invalid(p, 'duration_seconds', problem);
  return seconds;
}
