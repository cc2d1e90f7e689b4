// `console`: the sign-in URL for a profile's session, made here so the keys never leave the
// daemon. The plan says what AWS allows (core/plan/console.ts); the destination and the
// endpoint are checked before any STS call, so a typo costs no MFA code.
import { AwsxError } from '../core/errors.ts';
import type { ProfileSet } from '../core/config/profiles.ts';
import type { Credentials } from '../core/credentials.ts';
import { federationEndpoint } from '../core/federation/endpoint.ts';
import { consoleService } from '../core/federation/services.ts';
import { getSigninToken } from '../core/federation/signin.ts';
import { consoleDestination, consolePartition, loginUrl } from '../core/federation/urls.ts';
import { ALLOW_ALL_POLICY, planConsole } from '../core/plan/console.ts';
import { planProfile } from '../core/plan/plan.ts';
import { checkRegion, resolveStsTarget } from '../core/sts/endpoint.ts';
import type { Params } from '../ipc/protocol.ts';
import type { EngineHost } from './engineHost.ts';

export type ConsoleAnswer =
  | { readonly kind: 'url'; readonly url: string; readonly notes: string[]; readonly warning?: string }
  | { readonly kind: 'mfa-required'; readonly profile: string; readonly serial: string; readonly reason: 'no-code' | 'code-rejected' | 'code-reused' };

export async function consoleUrl(p: Params<'console'>, set: ProfileSet, engines: EngineHost, callerGone?: AbortSignal): Promise<ConsoleAnswer> {
  const subject = `console ${p.profile}`;
  if (p.service !== undefined && p.path !== undefined) {
    throw new AwsxError('UsageError', `${subject}: --service and --path both say where to land`, { hint: 'give one of them' });
  }
  const plan = planProfile(set, p.profile, p.env);
  const cplan = planConsole(set, plan, p.duration);
  if (cplan.kind === 'refused') throw new AwsxError('Unsupported', cplan.reason, { hint: cplan.hint });
  const region = p.region ?? plan.region;
  if (region !== undefined) checkRegion(subject, region);
  const roleArn = plan.hops.at(-1)?.roleArn ?? (plan.source.kind === 'web-identity' ? plan.source.roleArn : undefined);
  const partition = consolePartition(subject, roleArn, region);
  const destination = consoleDestination(partition, region, { service: p.service === undefined ? undefined : consoleService(p.service), path: p.path });
  const endpoint = federationEndpoint(p.env, partition, region, subject);

  const { engine, sts } = await engines.get();
  const r = await engine.resolve({ set, profile: p.profile, env: p.env, cwd: p.cwd, mfaCode: p.mfaCode, mfaPrompt: p.mfaPrompt, callerGone });
  if (r.kind === 'mfa-required') return r;
  let creds: Credentials = r.credentials;
  if (cplan.kind === 'federation') {
    const target = resolveStsTarget(p.env, set, p.profile, plan.region);
    creds = await sts.getFederationToken({ name: cplan.name, policy: ALLOW_ALL_POLICY, durationSeconds: cplan.durationSeconds }, creds, target);
  }
  if (creds.sessionToken === undefined) {
    throw new AwsxError('Unsupported', `${subject}: the credentials have no session token, and the sign-in endpoint takes only sessions`, {
      hint: `check \`awsx profile explain ${p.profile}\``,
    });
  }
  const sessionDuration = cplan.kind === 'role' ? cplan.sessionDuration : undefined;
  const token = await getSigninToken({ profile: p.profile, endpoint, sessionDuration, session: { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey, sessionToken: creds.sessionToken } });
  return { kind: 'url', url: loginUrl(endpoint, destination, token), notes: [...cplan.notes] };
}
