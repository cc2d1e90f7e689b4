// The one wrapper every way out of the daemon that hands out credentials goes through (the
// socket's resolve and whoami, the container endpoint): refused while locked (before, and
// after, so a call that ran into a lock drops what it got), and, while an older config is in
// use because the current one does not parse, a warning on the answer and a note on any error.
import { homedir } from 'node:os';
import { AwsxError } from '../core/errors.ts';
import { invariant } from '../core/invariant.ts';
import type { ProfileSet } from '../core/config/profiles.ts';
import { MAX_WARNING, type Params, type Result, type WireEnv } from '../ipc/protocol.ts';
import type { ConfigCache } from './configCache.ts';
import type { EngineHost } from './engineHost.ts';
import type { LockState } from './lockState.ts';
import { resolveResultToWire } from './wire.ts';

export interface CredentialDeps {
  readonly engines: EngineHost;
  readonly configs: ConfigCache;
  readonly lock: LockState;
}

/** `caller`: its environment, and its working directory, which relative paths in it are read from. */
export async function credentialCall<R extends { kind: string; warning?: string }>(d: CredentialDeps, caller: { readonly env: WireEnv; readonly cwd?: string | undefined }, run: (set: ProfileSet) => Promise<R>): Promise<R> {
  refuseWhileLocked(d);
  const { env, cwd } = caller;
  const home = env.HOME ?? homedir();
  const set = d.configs.load(env, home, cwd);
  const r = await run(set).catch((e: unknown) => Promise.reject(notingStaleConfig(e, d.configs.staleWarning(env, home, cwd))));
  refuseWhileLocked(d);
  return withWarning(r, d.configs.staleWarning(env, home, cwd));
}

export async function engineResolve(d: CredentialDeps, set: ProfileSet, p: Omit<Params<'resolve'>, 'env'> & { readonly env: WireEnv }, callerGone?: AbortSignal): Promise<Result<'resolve'>> {
  const { engine } = await d.engines.get();
  const r = await engine.resolve({ set, profile: p.profile, env: p.env, cwd: p.cwd, mfaCode: p.mfaCode, mfaPrompt: p.mfaPrompt, forceRefresh: p.forceRefresh, callerGone });
  return resolveResultToWire(r);
}

/** While locked, no credential leaves; a resolve that ran into the lock drops what it got. */
export function refuseWhileLocked(d: CredentialDeps): void {
  if (!d.lock.isLocked()) return;
  d.engines.loaded()?.clear();
  holdsNothing(d, 'locked');
  throw new AwsxError('Locked', 'awsx is locked: no credentials are handed out until it is unlocked', { hint: 'awsx unlock' });
}

/** The lock's promise: once sessions are dropped, none is left to hand out. If one is, the
 *  engine's state cannot be trusted, and the daemon exits, which drops them all. */
export function holdsNothing(d: Pick<CredentialDeps, 'engines'>, when: string): void {
  invariant((d.engines.loaded()?.sessions().length ?? 0) === 0, `${when}: sessions remain after dropping them all`);
}

/** An error met while an older config is in use says so: the broken file may be the real cause. */
function notingStaleConfig(e: unknown, configWarning: string | undefined): unknown {
  if (configWarning === undefined || !(e instanceof AwsxError)) return e;
  return new AwsxError(e.code, `${e.message}\n(and: ${configWarning})`, { hint: e.hint, cause: e });
}

function withWarning<R extends { kind: string; warning?: string }>(r: R, configWarning: string | undefined): R {
  if (r.kind === 'mfa-required') return r;
  const warning = [configWarning, r.warning].filter((w) => w !== undefined).join('\n');
  // Text for a person, built from messages that may quote long values: cut, never refused.
  return warning === '' ? r : { ...r, warning: warning.length > MAX_WARNING ? `${warning.slice(0, MAX_WARNING - 1)}…` : warning };
}
