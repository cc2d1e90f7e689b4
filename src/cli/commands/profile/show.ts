// `awsx profile show NAME [--json] [--reveal]`: the keys as the AWS CLI sees them (both
// files merged, [DEFAULT] inherited), each with the file and line it came from.
import { homedir } from 'node:os';
import { AwsxError } from '../../../core/errors.ts';
import type { IniValue } from '../../../core/ini/document.ts';
import { originOf, type Profile } from '../../../core/config/profiles.ts';
import { inert } from '../../../core/sanitize.ts';
import { hideSecretShapes } from '../../../core/secretShapes.ts';
import { parseCommandArgs, wantsHelp } from '../../args.ts';
import type { Command } from '../../command.ts';
import { loadUserProfiles } from '../../loadProfiles.ts';

const USAGE = `Usage: awsx profile show NAME [--json] [--reveal]

The keys of profile NAME as the AWS CLI sees them, with the file and line of each.
Secret values are masked unless --reveal is given.`;

const SECRET_KEYS = new Set(['aws_secret_access_key', 'aws_session_token', 'aws_security_token']);
const MASK = '********';

export const command: Command = async (argv) => {
  const { values, positionals } = parseCommandArgs('profile show', argv, { json: { type: 'boolean' }, reveal: { type: 'boolean' } }, USAGE);
  if (wantsHelp(values, USAGE)) return 0;
  if (positionals.length !== 1) throw new AwsxError('UsageError', 'profile show: expected one profile name', { hint: USAGE });
  const name = positionals[0]!;
  const profile = loadUserProfiles().profiles.get(name);
  if (!profile) {
    throw new AwsxError('ProfileNotFound', `profile ${name}: not found`, { hint: 'run `awsx profile list` to see the profiles' });
  }
  // A key pasted under the wrong name is hidden too (test 50); the key id is shown as named.
  const shown = (key: string, value: IniValue): IniValue => {
    if (values.reveal) return value;
    if (SECRET_KEYS.has(key)) return MASK;
    return typeof value === 'string' && key !== 'aws_access_key_id' ? hideSecretShapes(value) : value;
  };
  if (values.json) {
    process.stdout.write(JSON.stringify(toJson(profile, shown), null, 2) + '\n');
    return 0;
  }
  process.stdout.write(toText(profile, shown) + '\n');
  return 0;
};

function toJson(p: Profile, shown: (k: string, v: IniValue) => IniValue) {
  const keys: Record<string, IniValue> = {};
  const sources: Record<string, { file: string; line: number }> = {};
  for (const [k, v] of p.keys) {
    keys[k] = shown(k, v.value);
    sources[k] = originOf(v);
  }
  return { name: p.name, keys, sources };
}

function toText(p: Profile, shown: (k: string, v: IniValue) => IniValue): string {
  const home = homedir();
  const tilde = (f: string) => (f.startsWith(home + '/') ? '~' + f.slice(home.length) : f);
  const width = Math.max(0, ...[...p.keys.keys()].map((k) => k.length));
  const lines = [`profile ${p.name}`];
  for (const [k, v] of p.keys) {
    const value = shown(k, v.value);
    const where = `${tilde(v.file)}:${originOf(v).line}`;
    if (typeof value === 'string') {
      lines.push(`  ${k.padEnd(width)} = ${value.replace(/\n/g, '\\n')}    # ${where}`);
      continue;
    }
    lines.push(`  ${k.padEnd(width)} =    # ${where}`);
    for (const [sk, sv] of Object.entries(value)) lines.push(`      ${sk} = ${sv}`);
  }
  if (p.keys.size === 0) lines.push('  (no keys)');
  return inert(lines.join('\n'));
}
