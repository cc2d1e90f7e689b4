// The planner: profile -> the ordered steps that produce its credentials, following
// botocore's assume-role provider (docs/aws-config.md 4.2-4.3) call for call, then awsx's
// own rules (section 13): one MFA code per device through GetSessionToken, and chained
// hops capped at 3600 s. Then the checks on the whole chain: no command or endpoint from a
// file others can write (trust.ts), and how long its sessions may live (lifetime.ts).
import { AwsxError } from '../errors.ts';
import { stringValue, type Profile, type ProfileSet } from '../config/profiles.ts';
import { checkRegionName } from '../stsLimits.ts';
import { readHop } from './hop.ts';
import { maxSessionLifetime } from './lifetime.ts';
import { refuseUntrustedConfig } from './trust.ts';
import { applyAwsxRules, mfaOnlySession } from './rules.ts';
import { hasStaticKeys, isAssumeRoleProfile, profileChainSource } from './source.ts';
import type { CredentialSource, Plan, RoleHop, SourceStep } from './types.ts';

const CREDENTIAL_SOURCES: readonly string[] = ['Environment', 'Ec2InstanceMetadata', 'EcsContainer'];

type Env = Readonly<Record<string, string | undefined>>;

export function planProfile(set: ProfileSet, name: string, env: Env = {}): Plan {
  const plan = planSteps(set, name, env);
  refuseUntrustedConfig(set, plan);
  const lifetime = maxSessionLifetime(set, plan);
  return lifetime === undefined ? plan : { ...plan, maxSessionLifetime: lifetime };
}

function planSteps(set: ProfileSet, name: string, env: Env): Plan {
  const top = set.profiles.get(name);
  if (!top) {
    throw new AwsxError('ProfileNotFound', `profile ${name}: not found in ${set.paths.config} or ${set.paths.credentials}`, {
      hint: 'run `awsx profile list` to see the profiles, or `awsx profile add` to create it',
    });
  }
  const notes: string[] = [];
  const ownRegion = profileRegion(top);
  const region = env.AWS_DEFAULT_REGION ?? ownRegion;
  if (!isAssumeRoleProfile(top)) {
    const source = profileChainSource(top);
    if (!source) {
      throw new AwsxError('NoCredentialsError', `profile ${name}: has no credentials (no role_arn, credential_process, web_identity_token_file or keys)`, {
        hint: `add role_arn and source_profile, or credentials, with \`awsx profile set ${name} KEY=VALUE\``,
      });
    }
    return { profile: name, source, mfaSession: mfaOnlySession(top, source, notes), hops: [], region, notes };
  }
  const { source, hops } = walkChain(set, top, notes);
  return { profile: name, region, notes, ...applyAwsxRules(source, hops, notes) };
}

/** The profile's own region goes out with its credentials (`awsx env` exports it), so it
 *  must be a region name even when AWS_DEFAULT_REGION decides where STS is called. */
function profileRegion(p: Profile): string | undefined {
  const region = stringValue(p.keys, 'region');
  const problem = region ? checkRegionName(region) : undefined;
  if (problem) throw new AwsxError('InvalidConfigError', `profile ${p.name}: ${problem}`, { hint: `fix region in profile ${p.name}: a region code such as eu-west-1` });
  return region;
}

/** Follows source_profile from the selected profile down to the first credentials. */
function walkChain(set: ProfileSet, top: Profile, notes: string[]): { source: SourceStep; hops: RoleHop[] } {
  const visited = [top.name];
  const hops: RoleHop[] = [];
  let current = top;
  for (;;) {
    const next = checkSourceOf(set, current, visited);
    hops.unshift(readHop(current, notes));
    if (typeof next === 'string') return { source: { kind: 'credential-source', profile: current.name, source: next as CredentialSource }, hops };
    if (hasStaticKeys(next) || !isAssumeRoleProfile(next)) {
      // A source with keys is used for its keys; its own role_arn is ignored (cases/15).
      const source = profileChainSource(next);
      if (!source) {
        throw new AwsxError('InvalidConfigError', `profile ${current.name}: its source profile "${next.name}" must have credentials`, {
          hint: `give profile ${next.name} keys, a credential_process or a role_arn, or point source_profile elsewhere`,
        });
      }
      return { source, hops };
    }
    visited.push(next.name);
    current = next;
  }
}

/** botocore's checks for one hop, in its order; returns the credential_source or the source profile. */
function checkSourceOf(set: ProfileSet, p: Profile, visited: string[]): string | Profile {
  const sourceProfile = stringValue(p.keys, 'source_profile');
  const credentialSource = stringValue(p.keys, 'credential_source');
  if (sourceProfile !== undefined && credentialSource !== undefined) {
    throw new AwsxError('InvalidConfigError', `profile ${p.name}: contains both source_profile and credential_source`, {
      hint: 'keep one of them: source_profile names another profile, credential_source names where the credentials come from',
    });
  }
  if (sourceProfile === undefined && credentialSource === undefined) {
    throw new AwsxError('PartialCredentialsError', `profile ${p.name}: partial credentials found in assume-role, missing: source_profile or credential_source`, {
      hint: `add source_profile = PROFILE (the profile whose credentials assume the role) to profile ${p.name}`,
    });
  }
  if (credentialSource !== undefined) {
    if (!CREDENTIAL_SOURCES.includes(credentialSource)) {
      throw new AwsxError('InvalidConfigError', `profile ${p.name}: the credential source "${credentialSource}" is not valid`, {
        hint: 'use exactly one of Environment, Ec2InstanceMetadata or EcsContainer (the names are case-sensitive)',
      });
    }
    return credentialSource;
  }
  const source = set.profiles.get(sourceProfile!);
  if (!source) {
    throw new AwsxError('InvalidConfigError', `profile ${p.name}: the source_profile "${sourceProfile}" does not exist`, {
      hint: `create it (\`awsx profile add ${sourceProfile} ...\`) or fix source_profile in profile ${p.name}`,
    });
  }
  if (visited.includes(source.name) && (source.name !== p.name || !hasStaticKeys(source))) {
    const list = `[${visited.map((v) => `'${v}'`).join(', ')}]`;
    throw new AwsxError('InfiniteLoopConfigError',
      `profile ${p.name}: infinite loop in credential configuration: profile ${source.name} was already visited (visited profiles: ${list})`, {
        hint: 'break the loop: one profile in the chain must have its own credentials instead of a source_profile',
      });
  }
  return source;
}
