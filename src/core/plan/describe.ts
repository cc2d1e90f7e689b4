// A plan in plain words, for `awsx profile explain`: each step, what signs it, where the
// MFA code is asked for, each duration and why it was capped.
import { keyIdSuffix } from '../credentials.ts';
import type { Plan, RoleHop, SourceStep } from './types.ts';

function describeSource(s: SourceStep): string {
  switch (s.kind) {
    case 'static': {
      const what = s.sessionToken ? 'temporary keys (with a session token)' : 'long-term keys';
      return `${what} ${keyIdSuffix(s.accessKeyId)} of profile ${s.profile} (${s.origin.file}, line ${s.origin.line})`;
    }
    case 'process':
      return `the output of credential_process of profile ${s.profile}: ${s.command} (run without a shell)`;
    case 'credential-source':
      return {
        Environment: `the AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY of the shell that asks (credential_source = Environment in profile ${s.profile})`,
        Ec2InstanceMetadata: `the EC2 instance role, from the instance metadata service (credential_source in profile ${s.profile})`,
        EcsContainer: `the ECS container credentials endpoint (credential_source in profile ${s.profile})`,
      }[s.source];
    case 'web-identity':
      return `AssumeRoleWithWebIdentity ${s.roleArn} with the token in ${s.tokenFile} (unsigned; profile ${s.profile})`;
  }
}

function describeDuration(hop: RoleHop): string {
  if (hop.durationCappedFrom !== undefined) return `${hop.durationSeconds} s (capped from ${hop.durationCappedFrom} s: role chaining is limited to 1 h)`;
  if (hop.durationSeconds !== undefined) return `${hop.durationSeconds} s (duration_seconds)`;
  return '3600 s (STS default)';
}

function describeHop(hop: RoleHop, signer: number): string {
  const parts = [`AssumeRole ${hop.roleArn} (profile ${hop.profile}), signed by step ${signer}`];
  parts.push(`session name ${hop.sessionName ?? '(generated)'}`);
  if (hop.externalId !== undefined) parts.push(`external ID ${hop.externalId}`);
  if (hop.mfaSerial !== undefined) parts.push(`MFA code for ${hop.mfaSerial} asked for here`);
  parts.push(`duration ${describeDuration(hop)}`);
  return parts.join('; ');
}

export function describePlan(plan: Plan): string {
  const steps: string[] = [describeSource(plan.source)];
  if (plan.mfaSession) {
    const d = plan.mfaSession.durationSeconds;
    steps.push(`GetSessionToken with an MFA code for ${plan.mfaSession.serial}, signed by step 1: asked once, the session serves every role behind this device for ${d ? `${d} s` : '12 h (STS default; 1 h for a root user)'}`);
  }
  for (const hop of plan.hops) steps.push(describeHop(hop, steps.length));
  const calls = plan.hops.length + (plan.mfaSession ? 1 : 0) + (plan.source.kind === 'web-identity' ? 1 : 0);
  const lines = [`profile ${plan.profile}: ${calls === 0 ? 'no STS call' : `${calls} STS call${calls > 1 ? 's' : ''}`}`];
  steps.forEach((s, i) => lines.push(`  ${i + 1}. ${s}`));
  lines.push(`  STS region: ${plan.region ?? 'none set (the global endpoint, signed for us-east-1)'}`);
  const max = plan.maxSessionLifetime;
  if (max) lines.push(`  sessions dropped ${max.seconds} s after they are obtained, whatever STS says (max_session_lifetime in ${max.setBy})`);
  for (const n of plan.notes) lines.push(`  note: ${n}`);
  return lines.join('\n');
}
