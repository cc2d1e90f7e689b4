// Resolve (or whoami) with the MFA loop of DESIGN.md "MFA without storms": the daemon never
// reads a terminal; when it answers mfa-required, the CLI asks the person on /dev/tty and
// sends the code with a second request. A code given with --mfa-code is sent once; a
// rejected or reused one is an error, never resent.
import { AwsxError } from '../core/errors.ts';
import { isMfaCode } from '../core/mfaCode.ts';
import { inert } from '../core/sanitize.ts';
import type { Params, Result } from '../ipc/protocol.ts';
import { DaemonSession, requestDaemon } from '../ipc/client.ts';
import { forwardedEnv } from './daemonCall.ts';
import { hasTerminal, promptLine } from './terminal.ts';

type Asked = 'resolve' | 'whoami' | 'console';
type Base<M extends Asked> = Omit<Params<M>, 'mfaCode' | 'env' | 'cwd'>;
type MfaRequired = Extract<Result<Asked>, { kind: 'mfa-required' }>;

const PROMPT_ATTEMPTS = 3;

export function checkMfaCode(code: string | undefined): string | undefined {
  if (code !== undefined && !isMfaCode(code)) {
    throw new AwsxError('UsageError', '--mfa-code: an MFA code is 6 digits', { hint: 'type the current code from your MFA device' });
  }
  return code;
}

export interface MfaFlowOptions {
  /** Called around the time a person spends typing (a command deadline pauses). */
  readonly pause?: () => void;
  readonly resume?: () => void;
  /** Never ask a person (a prompt hook): a needed code is an error at once. */
  readonly nonInteractive?: boolean;
}

export async function askWithMfa<M extends Asked>(method: M, base: Base<M>, flagCode: string | undefined, opts: MfaFlowOptions = {}): Promise<Exclude<Result<M>, MfaRequired>> {
  let code = checkMfaCode(flagCode);
  // Only a caller that can ask a person takes part in the one prompt per device: it may be
  // told to ask (it then holds the prompt) or wait for another caller's code. Without a
  // terminal it is told mfa-required at once and says which command to run.
  const canAsk = flagCode === undefined && !opts.nonInteractive && hasTerminal();
  // A caller that may hold the prompt keeps one connection: when this process goes away
  // (Ctrl-C, a closed terminal), the daemon sees it close and lets the prompt go at once.
  // Else one round trip each (client.ts requestDaemon): this is `awsx env`'s hot path.
  const session = canAsk ? new DaemonSession() : undefined;
  const request = (extra: Partial<Params<M>>): Promise<Result<M>> => {
    const params = { ...base, env: forwardedEnv(), cwd: process.cwd(), ...extra } as Params<M>;
    return session ? session.request(method, params) : requestDaemon(method, params);
  };
  try {
    for (let prompts = 0; ; ) {
      const answer = await request({ ...(code === undefined ? {} : { mfaCode: code }), ...(canAsk ? { mfaPrompt: 'ask' } : {}) } as Partial<Params<M>>);
      if (answer.kind !== 'mfa-required') return printWarning(answer) as Exclude<Result<M>, MfaRequired>;
      const needed = answer as MfaRequired;
      if (!canAsk || prompts >= PROMPT_ATTEMPTS) throw mfaError(needed);
      prompts++;
      opts.pause?.();
      let typed: string | undefined;
      try {
        typed = await askPerson(needed, prompts);
      } finally {
        opts.resume?.();
      }
      if (typed === undefined) {
        // The person declined (an empty line, Ctrl-D): the callers waiting on our prompt
        // fail now, and nobody is asked for a while (mfaGate.ts). Wrong codes are no cancel.
        await request({ mfaPrompt: 'cancel' } as Partial<Params<M>>).catch(() => undefined);
        throw new AwsxError('MfaRequired', `profile ${needed.profile}: no MFA code entered`, { hint: 'run the command again and type the code from your MFA device' });
      }
      code = typed;
    }
  } finally {
    session?.close(); // any other end (wrong codes, an error) lets the prompt go, without a backoff
  }
}

/** Served, but the person should know (a config file that stopped parsing, a failing refresh): stderr, never stdout. */
function printWarning<T>(answer: T): T {
  const warning = (answer as { warning?: string }).warning;
  if (warning) process.stderr.write(inert(`awsx: warning: ${warning}`) + '\n');
  return answer;
}


/** The code the person typed, or undefined when they declined (an empty line, Ctrl-D). */
async function askPerson(needed: MfaRequired, attempt: number): Promise<string | undefined> {
  const why = needed.reason === 'code-rejected' ? 'Invalid MFA code: STS refused it. ' : needed.reason === 'code-reused' ? 'That code was used already; wait for the next one. ' : '';
  for (let tries = 0; tries < PROMPT_ATTEMPTS; tries++) {
    const typed = promptLine(`${attempt > 1 || tries > 0 ? why : ''}MFA code for ${needed.serial}: `);
    if (typed === undefined) throw noTerminal(needed);
    const code = typed.trim();
    if (code === '') return undefined;
    if (isMfaCode(code)) return code;
  }
  throw new AwsxError('MfaRequired', `profile ${needed.profile}: an MFA code is 6 digits`, { hint: 'run the command again and type the code from your MFA device' });
}

function noTerminal(n: MfaRequired): AwsxError {
  return new AwsxError('MfaRequired', `profile ${n.profile} needs an MFA code for ${n.serial}: run \`awsx env ${n.profile} --mfa-code CODE\` or \`awsx use ${n.profile}\` in a terminal`, {
    hint: 'the session is then cached by the daemon and served here without a code',
  });
}

function mfaError(n: MfaRequired): AwsxError {
  if (n.reason === 'code-rejected') {
    return new AwsxError('MfaRequired', `profile ${n.profile}: invalid MFA code for ${n.serial} (STS refused it)`, { hint: 'check the device and the clock, and try again with the current code' });
  }
  if (n.reason === 'code-reused') {
    return new AwsxError('MfaRequired', `profile ${n.profile}: the MFA code for ${n.serial} was used already`, { hint: 'a code is used once: wait for the next code and try again' });
  }
  return noTerminal(n);
}
