// `awsx profile add NAME ...`: writes a new profile (assume-role, credential_process or
// static keys). Flags map to keys one to one; the secret key is never taken from argv
// (any user can read a process's arguments), only from the terminal or stdin.
import { addProfileEdit } from '../../../core/edit/edits.ts';
import { AwsxError } from '../../../core/errors.ts';
import { parseHumanDuration } from '../../../core/stsLimits.ts';
import { parseCommandArgs, wantsHelp } from '../../args.ts';
import type { Command } from '../../command.ts';
import { loadUserProfiles } from '../../loadProfiles.ts';
import { runEdit } from './editFlow.ts';
import { refuseSecretFlags } from './secretFlags.ts';
import { readSecret } from './terminal.ts';

const USAGE = `Usage: awsx profile add NAME [options]

Writes profile NAME to the config file (keys to the credentials file).

  --assume-role ARN            role_arn: the role to assume
  --source-profile P           source_profile: whose credentials assume the role
  --credential-source X        credential_source: Environment | Ec2InstanceMetadata | EcsContainer
  --mfa-serial ARN             mfa_serial: the MFA device (ARN or hardware serial)
  --external-id ID             external_id, for third-party roles
  --role-session-name N        role_session_name
  --duration D                 duration_seconds: 3600, 90m, 1h, 12h (900 s to 12 h; 1 h in a chain)
  --credential-process CMD     credential_process: a command that prints credentials
  --region R                   region
  --output FORMAT              output: json | text | table | yaml | yaml-stream
  --description TEXT           description: a note for people (the AWS CLI ignores it)
  --access-key-id ID           static keys: the secret is read from the terminal (no echo),
                               or from stdin when stdin is not a terminal
  --force                      replace an existing profile of that name
  --dry-run                    print the diff of what would change, change nothing
  --yes, -y                    write without asking`;

const OPTIONS = {
  'assume-role': { type: 'string' }, 'source-profile': { type: 'string' }, 'credential-source': { type: 'string' },
  'mfa-serial': { type: 'string' }, 'external-id': { type: 'string' }, 'role-session-name': { type: 'string' },
  duration: { type: 'string' }, 'credential-process': { type: 'string' }, region: { type: 'string' },
  output: { type: 'string' }, description: { type: 'string' }, 'access-key-id': { type: 'string' },
  force: { type: 'boolean' }, 'dry-run': { type: 'boolean' }, yes: { type: 'boolean', short: 'y' },
} as const;

type Values = Partial<Record<keyof typeof OPTIONS, string | boolean>>;

/** Flag to key, in the order the keys are written. */
const KEY_OF_FLAG: readonly (readonly [keyof typeof OPTIONS, string])[] = [
  ['assume-role', 'role_arn'], ['source-profile', 'source_profile'], ['credential-source', 'credential_source'],
  ['mfa-serial', 'mfa_serial'], ['external-id', 'external_id'], ['role-session-name', 'role_session_name'],
  ['duration', 'duration_seconds'], ['credential-process', 'credential_process'], ['region', 'region'],
  ['output', 'output'], ['description', 'description'], ['access-key-id', 'aws_access_key_id'],
];

const ROLE_ONLY = ['source-profile', 'credential-source', 'external-id', 'role-session-name', 'duration'] as const;

function checkFlags(name: string, v: Values): void {
  const fail = (message: string, hint: string) => new AwsxError('ValidationError', `profile ${name}: ${message}`, { hint });
  if (!v['assume-role']) {
    const stray = ROLE_ONLY.find((f) => v[f] !== undefined);
    if (stray) throw fail(`--${stray} only applies to a role`, 'add --assume-role ARN, the role to assume');
  }
  if (v['source-profile'] !== undefined && v['credential-source'] !== undefined) {
    throw fail('give --source-profile or --credential-source, not both (the AWS CLI refuses a profile with both)',
      '--source-profile for another profile\'s credentials, --credential-source for the environment, EC2 or ECS');
  }
  if (v['assume-role'] && v['source-profile'] === undefined && v['credential-source'] === undefined) {
    throw fail('--assume-role needs --source-profile or --credential-source, to say whose credentials assume the role',
      'add --source-profile PROFILE, or --credential-source Environment|Ec2InstanceMetadata|EcsContainer');
  }
  if (v['assume-role'] && v['credential-process'] !== undefined) {
    throw fail('--credential-process and --assume-role: the AWS CLI would use only the role',
      'put the process in its own profile and name that one with --source-profile');
  }
}

function keysFrom(name: string, v: Values): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [flag, key] of KEY_OF_FLAG) {
    const value = v[flag];
    if (typeof value === 'string') keys.set(key, value);
  }
  const duration = keys.get('duration_seconds');
  if (duration !== undefined) {
    const seconds = parseHumanDuration(duration);
    if (seconds === undefined) {
      throw new AwsxError('ValidationError', `profile ${name}: --duration "${duration}" is not a duration`, { hint: 'give seconds or a unit: 3600, 90m, 1h, 1h30m' });
    }
    keys.set('duration_seconds', String(seconds));
  }
  return keys;
}

async function askSecret(name: string, keyId: string): Promise<string> {
  const secret = await readSecret(`Secret access key for ${keyId}: `);
  if (secret !== '') return secret;
  throw new AwsxError('ValidationError', `profile ${name}: no secret access key was given`, {
    hint: `type it when asked, or pipe it in: ... | awsx profile add ${name} --access-key-id ${keyId}`,
  });
}

export const command: Command = async (argv) => {
  refuseSecretFlags('profile add', argv);
  const { values, positionals } = parseCommandArgs('profile add', argv, OPTIONS, USAGE);
  if (wantsHelp(values, USAGE)) return 0;
  if (positionals.length !== 1) throw new AwsxError('UsageError', 'profile add: expected one profile name', { hint: USAGE });
  const name = positionals[0]!;
  const force = values.force === true;
  checkFlags(name, values);
  const keys = keysFrom(name, values);
  if (keys.has('aws_access_key_id')) {
    // Everything is checked before a person is asked for the secret, with a stand-in in its
    // place; a dry run shows the stand-in (the diff masks secrets anyway) and asks nothing.
    keys.set('aws_secret_access_key', 'not-asked-yet');
    addProfileEdit(loadUserProfiles(), name, keys, force);
    if (values['dry-run'] !== true) keys.set('aws_secret_access_key', await askSecret(name, String(values['access-key-id'])));
  }
  const replacing = force && loadUserProfiles().profiles.has(name);
  return runEdit({
    apply: (set) => addProfileEdit(set, name, keys, force),
    dryRun: values['dry-run'] === true,
    yes: values.yes === true,
    summary: (files) => `${replacing ? 'replaced' : 'added'} profile ${name} ${replacing ? 'in' : 'to'} ${files}`,
  });
};
