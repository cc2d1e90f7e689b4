// `whoami`: GetCallerIdentity for a profile's credentials, or for the caller's own AWS_*
// keys. Done in the daemon so the CLI never loads the AWS SDK.
import { AwsxError } from '../core/errors.ts';
import { environmentCredentials } from '../core/session/sources/environment.ts';
import { resolveStsTarget } from '../core/sts/endpoint.ts';
import type { Params, Result } from '../ipc/protocol.ts';
import type { ProfileSet } from '../core/config/profiles.ts';
import type { EngineHost } from './engineHost.ts';

/** `set`: the caller's config, read by the handler. */
export async function whoami(p: Params<'whoami'>, set: ProfileSet, engines: EngineHost, callerGone?: AbortSignal): Promise<Result<'whoami'>> {
  const env = p.env;
  const { engine, sts } = await engines.get();
  if (p.profile === undefined) {
    if (!env.AWS_ACCESS_KEY_ID) {
      throw new AwsxError('NoCredentialsError', 'whoami: no AWS_ACCESS_KEY_ID in this shell', {
        hint: 'name a profile (`awsx whoami PROFILE`), or export credentials first (`eval "$(awsx env PROFILE)"`)',
      });
    }
    const signer = environmentCredentials('(environment)', env);
    const region = env.AWS_DEFAULT_REGION ?? env.AWS_REGION;
    const id = await sts.getCallerIdentity(signer, resolveStsTarget(env, set, undefined, region));
    return { kind: 'identity', account: id.account, arn: id.arn, userId: id.userId };
  }
  const r = await engine.resolve({ set, profile: p.profile, env, cwd: p.cwd, mfaCode: p.mfaCode, mfaPrompt: p.mfaPrompt, callerGone });
  if (r.kind === 'mfa-required') return { kind: 'mfa-required', profile: r.profile, serial: r.serial, reason: r.reason };
  // The client region as botocore picks it: AWS_DEFAULT_REGION, then the profile's region.
  const region = env.AWS_DEFAULT_REGION ?? r.region;
  const id = await sts.getCallerIdentity(r.credentials, resolveStsTarget(env, set, p.profile, region));
  return { kind: 'identity', account: id.account, arn: id.arn, userId: id.userId };
}
