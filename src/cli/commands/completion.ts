// `awsx __complete profiles`: profile names, one a line, for the completion functions that
// `awsx init` defines. Reads the two config files and nothing else (no daemon).
import { homedir } from 'node:os';
import { loadProfiles } from '../../core/config/load.ts';
import { AwsxError } from '../../core/errors.ts';
import type { Command } from '../command.ts';

// A name with a control character cannot be one line and must not reach the terminal
// (docs/security.md T6); nobody types such a name, so it is not offered.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export const command: Command = async (argv) => {
  if (argv.length !== 1 || argv[0] !== 'profiles') {
    throw new AwsxError('UsageError', `__complete: unknown request '${argv.join(' ')}'`, { hint: 'awsx __complete profiles' });
  }
  const names = [...loadProfiles(process.env, homedir()).profiles.keys()].filter((n) => !CONTROL.test(n)).sort();
  process.stdout.write(names.map((n) => `${n}\n`).join(''));
  return 0;
};
