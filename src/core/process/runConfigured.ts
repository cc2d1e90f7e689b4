// Runs a command named by a profile key (credential_process, mfa_process) and returns what
// it printed, or throws a CredentialRetrievalError naming the profile, the key and the fix.
// Messages may quote the first line of stderr, never stdout: stdout holds secrets.
import { AwsxError, isAwsxError } from '../errors.ts';
import type { ProcessContext } from './api.ts';
import { firstLine, OUTPUT_CAP_BYTES, runCommand, type CommandOutcome } from './runCommand.ts';

export type ProcessKey = 'credential_process' | 'mfa_process';

export function processError(profile: string, key: ProcessKey, what: string, hint: string): AwsxError {
  return new AwsxError('CredentialRetrievalError', `profile ${profile}: ${key} ${what}`, { hint });
}

export async function runConfigured(profile: string, key: ProcessKey, command: string, ctx: ProcessContext): Promise<string> {
  let outcome: CommandOutcome;
  try {
    outcome = await runCommand(command, ctx);
  } catch (e) {
    // shlexSplit: unbalanced quotes.
    if (isAwsxError(e)) throw processError(profile, key, `is not a valid command line (${e.message.replace(/^.*?: /, '')})`, e.hint ?? 'fix the quoting');
    throw e;
  }
  if (outcome.kind === 'exited' && outcome.code === 0) return outcome.stdout;
  throw failure(profile, key, outcome, ctx.timeoutMs);
}

function failure(profile: string, key: ProcessKey, o: CommandOutcome, timeoutMs: number): AwsxError {
  const fail = (what: string, hint: string) => processError(profile, key, what, hint);
  const byHand = `run the command by hand to see the whole error (it runs without a terminal, in the environment of the shell that asked)`;
  switch (o.kind) {
    case 'empty-command':
      return fail('is empty', `set ${key} to a command line`);
    case 'no-cwd':
      return fail(`cannot run: the working directory ${o.cwd} does not exist`, 'run awsx from a directory that exists');
    case 'not-started':
      if (o.errno === 'ENOENT') {
        return fail(`command not found: ${o.program}`, 'give an absolute path, or put the command on the PATH of the shell that runs awsx (quote a path that has spaces)');
      }
      if (o.errno === 'EACCES') return fail(`cannot run ${o.program}: permission denied`, 'make it executable (chmod +x) and check the directories above it');
      if (o.errno === 'ERR_INVALID_ARG_VALUE') return fail(`cannot run ${o.program}: its command line, environment or working directory holds a NUL byte`, 'remove the NUL byte (a shell cannot hold one: the request did not come from awsx)');
      return fail(`cannot run ${o.program}: ${o.errno}`, byHand);
    case 'timeout':
      return fail(`did not finish within ${seconds(timeoutMs)}`, 'it runs without a terminal, so it cannot ask for input: check what it waits for, or make it faster');
    case 'too-much-output':
      return fail(`printed more than ${OUTPUT_CAP_BYTES / 1024 / 1024} MiB on ${o.stream}`, key === 'credential_process' ? 'it must print one JSON object' : 'it must print one 6-digit code');
    case 'signalled':
      return fail(`was killed by ${o.signal}${tail(o.stderr)}`, byHand);
    case 'exited':
      return fail(`exited with code ${o.code}${tail(o.stderr)}`, byHand);
  }
}

function tail(stderr: string): string {
  const line = firstLine(stderr);
  return line === '' ? '' : `: ${line}`;
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
