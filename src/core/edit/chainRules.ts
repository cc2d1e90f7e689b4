// The source_profile graph rules, by asking the planner what it would do with the
// would-be files: the same code that resolves a profile judges the edit, so awsx never
// writes a chain that it (or the AWS CLI, whose checks the planner follows) would refuse.
// Beyond the planner's errors (missing source, cycle, both sources, a bad credential
// source, a source without credentials), one more rule: the profile's own hop may not
// ask for more than 3600 s when it is chained, because STS limits a session assumed with
// temporary credentials (role chaining) to one hour and rejects a longer DurationSeconds.
import type { ProfileSet } from '../config/profiles.ts';
import { AwsxError, isAwsxError, type ErrorCode } from '../errors.ts';
import { planProfile } from '../plan/plan.ts';
import type { Plan } from '../plan/types.ts';
import { MAX_CHAINED_DURATION } from '../stsLimits.ts';

// Legitimate states to write: a profile with only a region (credentials from the
// environment), or an SSO profile awsx cannot resolve but the AWS CLI can.
const NOT_A_PROBLEM: ReadonlySet<ErrorCode> = new Set(['NoCredentialsError', 'Unsupported', 'ProfileNotFound']);

/** The first problem in resolving `name`, or undefined. */
export function chainProblem(set: ProfileSet, name: string): AwsxError | undefined {
  let plan: Plan;
  try {
    plan = planProfile(set, name);
  } catch (e) {
    if (!isAwsxError(e)) throw e;
    return NOT_A_PROBLEM.has(e.code) ? undefined : e;
  }
  const own = plan.hops[plan.hops.length - 1];
  if (own?.profile !== name || own.durationCappedFrom === undefined) return undefined;
  return new AwsxError('ValidationError',
    `profile ${name}: duration_seconds ${own.durationCappedFrom} is more than ${MAX_CHAINED_DURATION}, but ${signerOf(plan)}: ` +
    'STS limits a session assumed with temporary credentials (role chaining) to 1 hour', {
      hint: `use --duration 3600 or less, or source ${name} from a profile with long-term keys (then up to 43200 s)`,
    });
}

/** Who signs the profile's own AssumeRole, in words. */
function signerOf(plan: Plan): string {
  const before = plan.hops[plan.hops.length - 2];
  if (before) return `its source profile ${before.profile} is itself a role`;
  if (plan.source.kind === 'web-identity') return `its source profile ${plan.source.profile} gets a role session through web identity`;
  if (plan.mfaSession) return 'it is assumed with an MFA session (GetSessionToken)';
  return `its source profile ${plan.source.profile} has temporary keys (aws_session_token)`;
}
