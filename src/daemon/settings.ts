// The daemon's own knobs, from its (scrubbed) environment.
import { AwsxError } from '../core/errors.ts';

export const DEFAULT_IDLE_SECONDS = 1800;
export const DEFAULT_CONSOLE_PAGE_SECONDS = 30;

export interface DaemonSettings {
  /** 0: never exit for idleness. */
  readonly idleExitSeconds: number;
  /** How long a console page stays after the browser first read it (consolePages.ts). */
  readonly consolePageSeconds: number;
  /** How long a credential_process or mfa_process may run; unset: 30 s and 60 s (a touch). */
  readonly processTimeoutSeconds: number | undefined;
}

export function readSettings(env: NodeJS.ProcessEnv): DaemonSettings {
  return {
    idleExitSeconds: seconds(env, 'AWSX_DAEMON_IDLE_SECONDS', DEFAULT_IDLE_SECONDS, '0: never exit'),
    consolePageSeconds: seconds(env, 'AWSX_CONSOLE_PAGE_SECONDS', DEFAULT_CONSOLE_PAGE_SECONDS, 'after the browser read the page'),
    processTimeoutSeconds: env['AWSX_PROCESS_TIMEOUT_SECONDS'] ? seconds(env, 'AWSX_PROCESS_TIMEOUT_SECONDS', 30, 'for credential_process and mfa_process') : undefined,
  };
}

function seconds(env: NodeJS.ProcessEnv, name: string, fallback: number, meaning: string): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,9}$/.test(raw)) {
    throw new AwsxError('UsageError', `${name}=${JSON.stringify(raw.slice(0, 20))}: not a whole number of seconds`, {
      hint: `set it to a number of seconds (${meaning}), or unset it for ${fallback}`,
    });
  }
  return Number(raw);
}
