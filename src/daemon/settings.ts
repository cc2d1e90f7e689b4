// The daemon's own knobs, from its (scrubbed) environment.
import { AwsxError } from '../core/errors.ts';

export const DEFAULT_IDLE_SECONDS = 1800;

export interface DaemonSettings {
  /** 0: never exit for idleness. */
  readonly idleExitSeconds: number;
}

export function readSettings(env: NodeJS.ProcessEnv): DaemonSettings {
  const raw = env['AWSX_DAEMON_IDLE_SECONDS'];
  let idleExitSeconds = DEFAULT_IDLE_SECONDS;
  if (raw !== undefined && raw !== '') {
    if (!/^\d{1,9}$/.test(raw)) {
      throw new AwsxError('UsageError', `AWSX_DAEMON_IDLE_SECONDS=${JSON.stringify(raw.slice(0, 20))}: not a whole number of seconds`, {
        hint: 'set it to a number of seconds (0: never exit), or unset it for 1800',
      });
    }
    idleExitSeconds = Number(raw);
  }
  return { idleExitSeconds };
}
