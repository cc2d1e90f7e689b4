// `awsx console PROFILE [--service S | --path PATH] [--region R] [--duration D] [--print]
// [--mfa-code C]`: the AWS console as PROFILE. The daemon turns the session into a sign-in
// URL; the browser gets only the path of a private page that forwards to it, never the
// URL (argv is readable by every user). --print writes the URL on stdout, nothing else.
import { pathToFileURL } from 'node:url';
import { AwsxError } from '../../core/errors.ts';
import { inert } from '../../core/sanitize.ts';
import { parseHumanDuration } from '../../core/stsLimits.ts';
import { parseCommandArgs, wantsHelp } from '../args.ts';
import type { Command } from '../command.ts';
import { askWithMfa } from '../mfaFlow.ts';
import { checkBrowserAvailable, openInBrowser } from '../openBrowser.ts';

const USAGE = `Usage: awsx console PROFILE [--service NAME | --path PATH] [--region REGION]
                    [--duration DURATION] [--print] [--mfa-code CODE]

Opens the AWS console in the browser ($BROWSER, else xdg-open or open) as PROFILE.
  --service NAME     land on a service's page (s3, ec2, iam, lambda, ...)
  --path PATH        land on any console page, e.g. ec2/home#Instances:
  --region REGION    the console's region (default: the profile's)
  --duration D       how long the console session lasts (900 s to 12 h, e.g. 8h), where
                     AWS allows it: see \`awsx profile explain PROFILE\`
  --print            print the sign-in URL on stdout instead (it is a key to the console
                     for 15 minutes: keep it to yourself)`;

export const command: Command = async (argv) => {
  const { values, positionals } = parseCommandArgs('console', argv, {
    service: { type: 'string', short: 's' },
    path: { type: 'string' },
    region: { type: 'string' },
    duration: { type: 'string', short: 'd' },
    print: { type: 'boolean' },
    'mfa-code': { type: 'string' },
  }, USAGE);
  if (wantsHelp(values, USAGE)) return 0;
  if (positionals.length !== 1) throw new AwsxError('UsageError', 'console: name one profile', { hint: USAGE });
  const open = values.print !== true;
  if (open) checkBrowserAvailable();
  const answer = await askWithMfa('console', {
    profile: positionals[0]!,
    service: values.service,
    path: values.path,
    region: values.region,
    duration: values.duration === undefined ? undefined : parseDuration(values.duration),
    open,
  }, values['mfa-code']);
  for (const note of answer.notes) process.stderr.write(inert(`awsx: note: ${note}`) + '\n');
  if (answer.kind === 'url') {
    process.stdout.write(answer.url + '\n');
    return 0;
  }
  await openInBrowser(pathToFileURL(answer.path).href);
  process.stderr.write(inert(`awsx: opened the AWS console for ${positionals[0]} in the browser`) + '\n');
  return 0;
};

function parseDuration(text: string): number {
  const seconds = parseHumanDuration(text);
  if (seconds === undefined) {
    throw new AwsxError('UsageError', `console: --duration ${JSON.stringify(text)} is not a duration`, { hint: 'write seconds or units, e.g. --duration 3600, 90m or 8h' });
  }
  return seconds;
}
