// A hard bound on a whole command, for callers that cannot bound us themselves: the JS
// SDK runs credential_process with no timeout (docs/security.md test 47). When it fires,
// the message goes to stderr and the process exits at once; stdout is never touched.
import { formatError } from './printError.ts';
import { AwsxError } from '../core/errors.ts';

export function commandTimeoutMs(env: NodeJS.ProcessEnv, fallbackMs: number): number {
  const raw = env['AWSX_TIMEOUT_MS'];
  return raw !== undefined && /^\d{1,9}$/.test(raw) && Number(raw) > 0 ? Number(raw) : fallbackMs;
}

export interface Deadline {
  stop(): void;
  /** While a person types an MFA code, the clock stops; it restarts in full afterwards. */
  pause(): void;
  resume(): void;
}

export function startDeadline(what: string, ms: number): Deadline {
  let timer: NodeJS.Timeout | undefined;
  const fire = (): void => {
    const err = new AwsxError('CredentialRetrievalError', `${what}: no answer within ${ms} ms`, {
      hint: 'check the daemon with `awsx daemon status`; restart it with `awsx daemon stop`',
    });
    process.stderr.write(formatError(err) + '\n');
    process.exit(1);
  };
  const stop = (): void => clearTimeout(timer);
  const resume = (): void => {
    stop();
    timer = setTimeout(fire, ms);
  };
  resume();
  return { stop, pause: stop, resume };
}
