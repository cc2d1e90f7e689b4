// Every kind of step a plan holds, and the one source that runs it. A new source is a file
// in this folder, its plan step (plan/types.ts, plan/source.ts), and one line in SOURCES.
import type { Plan, SourceStep } from '../../plan/types.ts';
import { assumeRole, type AssumeRoleStep } from './assumeRole.ts';
import { environment } from './environment.ts';
import { credentialProcess } from './process.ts';
import { sessionToken, type SessionTokenStep } from './sessionToken.ts';
import type { Source } from './source.ts';
import { staticKeys } from './staticKeys.ts';
import { webIdentity } from './webIdentity.ts';

export type Step = SourceStep | SessionTokenStep | AssumeRoleStep;

/** Open to kinds the plan does not name, so a test can add one (test/core/session/). */
export type SourceTable = Readonly<Record<string, Source<never>>>;

export const SOURCES = {
  static: staticKeys,
  'credential-source': environment,
  process: credentialProcess,
  'web-identity': webIdentity,
  'session-token': sessionToken,
  'assume-role': assumeRole,
} satisfies { readonly [K in Step['kind']]: Source<Extract<Step, { kind: K }>> } & SourceTable;

/** The plan's steps in the order they run, each signing the next. */
export function stepsOf(plan: Plan): Step[] {
  const steps: Step[] = [plan.source];
  // The device's profile: the first role's (or the selected profile when it has none).
  if (plan.mfaSession) steps.push({ kind: 'session-token', ...plan.mfaSession, profile: plan.hops[0]?.profile ?? plan.profile });
  for (const hop of plan.hops) steps.push({ kind: 'assume-role', ...hop });
  return steps;
}

/** The source of a step; a kind without one is a bug of the table, not of the config. */
export function sourceFor(table: SourceTable, step: { readonly kind: string }): Source<{ readonly kind: string }> {
  const source = table[step.kind] as Source<{ readonly kind: string }> | undefined;
  if (source === undefined) throw new Error(`no credential source for plan steps of kind ${step.kind}`);
  return source;
}
