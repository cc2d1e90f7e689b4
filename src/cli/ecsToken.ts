// A container-endpoint token for `awsx exec --ecs-server` (and the shell's `use
// --ecs-server`): registered with the daemon for the process that holds it, and turned into
// the variables that point an SDK at the endpoint (docs/ecs-server.md).
import { randomBytes } from 'node:crypto';
import { closeSync, constants, openSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AwsxError } from '../core/errors.ts';
import { inert } from '../core/sanitize.ts';
import { isDaemonNotRunning, requestDaemon } from '../ipc/client.ts';
import type { Result } from '../ipc/protocol.ts';
import { resolveRuntimeDir } from '../ipc/runtimeDir.ts';
import { ecsVariables, formatExpiration, type ShellChange } from '../shell/variables.ts';
import { forwardedEnv } from './daemonCall.ts';
import { changeFor } from './sessionChange.ts';

export interface EcsRequest {
  readonly profile: string;
  /** The process the token lives and dies with. */
  readonly pid: number;
  /** What it runs, for `awsx sessions`. */
  readonly command: string;
  /** An address other than 127.0.0.1 (a Docker bridge), only when asked. */
  readonly listen?: string | undefined;
}

export function registerEcsToken(r: EcsRequest): Promise<Result<'ecsToken'>> {
  if (r.listen !== undefined) {
    process.stderr.write(inert(`awsx: warning: the container endpoint for ${r.profile} also listens on ${r.listen}: anything that can reach that address and knows the token gets its credentials`) + '\n');
  }
  return requestDaemon('ecsToken', {
    profile: r.profile,
    env: forwardedEnv(),
    cwd: process.cwd(),
    pid: r.pid,
    command: r.command.slice(0, 4000),
    ...(r.listen === undefined ? {} : { listen: r.listen }),
  });
}

/** The variables for a registered token, with the region the resolve answered. */
export function ecsChange(profile: string, token: Result<'ecsToken'>, region: string | undefined, tokenFile?: string): ShellChange {
  return ecsVariables({ profile, url: token.url, token: tokenFile === undefined ? { value: token.token } : { file: tokenFile }, region, current: process.env });
}

type Served = Extract<Result<'resolve'>, { kind: 'credentials' }>;

/**
 * `awsx use` from the shell function, which passes its shell's pid: the token the shell held
 * before (a container-endpoint `use` earlier) is revoked, then either keys as usual, or a
 * new token held by that shell, with AWS_CREDENTIAL_EXPIRATION for the prompt segment.
 */
export async function useInShell(answer: Served, shellPid: number, ecs: boolean, shell: string): Promise<ShellChange> {
  await revokeHeldToken();
  if (!ecs) return changeFor(answer);
  const token = await registerEcsToken({ profile: answer.profile, pid: shellPid, command: `${shell} shell (awsx use ${answer.profile})` });
  const exp = answer.credentials.expiration;
  return ecsVariables({ profile: answer.profile, url: token.url, token: { value: token.token }, region: answer.region, current: process.env, ...(exp === undefined ? {} : { expiration: formatExpiration(new Date(exp)) }) });
}

/** The token this shell holds (from its environment, never argv), revoked: `awsx clear`, or a new `awsx use`. */
export async function revokeHeldToken(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const token = env['AWS_CONTAINER_AUTHORIZATION_TOKEN'];
  if (token === undefined || token === '' || env['AWSX_PROFILE'] === undefined || token.length > 128) return;
  try {
    await requestDaemon('ecsRevoke', { token }, { autostart: false });
  } catch (e) {
    if (!isDaemonNotRunning(e)) throw e; // no daemon: no token to revoke
  }
}

/**
 * `--token-file`: the token in a new 0600 file in the private runtime dir, for
 * AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (no trailing newline: botocore sends the file's
 * bytes as they are). Returns its path and a function that removes it.
 */
export function writeTokenFile(token: string): { readonly path: string; readonly remove: () => void } {
  const path = join(resolveRuntimeDir(process.env), `ecs-${process.pid}-${randomBytes(6).toString('hex')}.token`);
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  } catch (e) {
    throw new AwsxError('FileError', `--token-file: cannot create ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`, { hint: 'check the runtime dir (awsx daemon status)' });
  }
  try {
    writeSync(fd, token);
  } finally {
    closeSync(fd);
  }
  return {
    path,
    remove: () => {
      try {
        unlinkSync(path);
      } catch {
        // gone already
      }
    },
  };
}
