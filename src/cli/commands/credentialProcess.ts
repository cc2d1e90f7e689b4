// `awsx credential-process PROFILE`: the Version 1 JSON of the credential_process contract
// (docs/aws-config.md section 6), for `credential_process = awsx credential-process P`.
// On failure: nothing on stdout, the reason on stderr, a non-zero exit; and always within
// a deadline (10 s; AWSX_TIMEOUT_MS), even if the daemon hangs.
import { AwsxError } from '../../core/errors.ts';
import { formatExpiration } from '../../shell/variables.ts';
import { parseCommandArgs, wantsHelp } from '../args.ts';
import type { Command } from '../command.ts';
import { commandTimeoutMs, startDeadline } from '../deadline.ts';
import { askWithMfa } from '../mfaFlow.ts';
import { writeStdout } from '../writeStdout.ts';

const USAGE = `Usage: awsx credential-process PROFILE

For ~/.aws/config:
  [profile prod-tools]
  credential_process = awsx credential-process prod

Gives up after 10 s (AWSX_TIMEOUT_MS) with a message on stderr and nothing on stdout.`;

export const DEFAULT_TIMEOUT_MS = 10_000;

export const command: Command = async (argv) => {
  const { values, positionals } = parseCommandArgs('credential-process', argv, { profile: { type: 'string' }, 'mfa-code': { type: 'string' } }, USAGE);
  if (wantsHelp(values, USAGE)) return 0;
  const profile = values.profile ?? positionals[0];
  if (profile === undefined || positionals.length > (values.profile === undefined ? 1 : 0)) {
    throw new AwsxError('UsageError', 'credential-process: name exactly one profile', { hint: USAGE });
  }
  const deadline = startDeadline(`credential-process ${profile}`, commandTimeoutMs(process.env, DEFAULT_TIMEOUT_MS));
  const answer = await askWithMfa('resolve', { profile }, values['mfa-code'], deadline).finally(deadline.stop);
  const c = answer.credentials;
  const out: Record<string, string | number> = { Version: 1, AccessKeyId: c.accessKeyId, SecretAccessKey: c.secretAccessKey };
  if (c.sessionToken) out.SessionToken = c.sessionToken;
  if (c.expiration) out.Expiration = formatExpiration(new Date(c.expiration));
  if (c.accountId) out.AccountId = c.accountId;
  writeStdout(JSON.stringify(out) + '\n');
  return 0;
};
