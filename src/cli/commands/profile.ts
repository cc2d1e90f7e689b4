// `awsx profile <sub>`: each subcommand lives in its own file under ./profile/.
import { AwsxError } from '../../core/errors.ts';
import type { Command } from '../command.ts';

type Loader = () => Promise<{ command: Command }>;

const SUBCOMMANDS: Record<string, { summary: string; load: Loader }> = {
  list: { summary: 'every profile with its kind, account, role, source, region and MFA device', load: () => import('./profile/list.ts') },
  show: { summary: 'the keys of one profile as the AWS CLI sees them, with the file and line of each', load: () => import('./profile/show.ts') },
  explain: { summary: 'how a profile gets its credentials, step by step', load: () => import('./profile/explain.ts') },
  add: { summary: 'write a new profile (assume-role, credential_process or static keys)', load: () => import('./profile/add.ts') },
  set: { summary: 'change or unset keys of a profile in place', load: () => import('./profile/set.ts') },
  remove: { summary: 'remove a profile', load: () => import('./profile/remove.ts') },
};

export function profileUsage(): string {
  const width = Math.max(...Object.keys(SUBCOMMANDS).map((n) => n.length));
  return ['Usage: awsx profile <subcommand> [options]', '', 'Subcommands:',
    ...Object.entries(SUBCOMMANDS).map(([n, s]) => `  ${n.padEnd(width)}  ${s.summary}`)].join('\n');
}

export const command: Command = async (argv) => {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    process.stdout.write(profileUsage() + '\n');
    return 0;
  }
  const sub = SUBCOMMANDS[name];
  if (!sub) throw new AwsxError('UsageError', `profile: unknown subcommand '${name}'`, { hint: `run \`awsx profile --help\` for the list` });
  const { command } = await sub.load();
  return command(rest);
};
