// Issue 18.2: `awsx use P` of a profile without a region leaves the user's own region alone
// (AWS_DEFAULT_REGION from a .bashrc), and unsets only a region awsx itself set for an
// earlier profile and the user did not change since (AWSX_REGION_SET). Real shells, the
// real CLI and daemon, moto as STS.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { awsxHome } from '../helpers/awsxHome.ts';
import { startMoto, type Moto } from '../helpers/moto.ts';
import { findBinary } from '../helpers/realShell.ts';
import { runProgram } from '../helpers/shell.ts';

const CONFIG = '[profile plain]\n[profile west]\nregion = eu-west-1\n';
const CREDENTIALS =
  '[plain]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n' +
  '[west]\naws_access_key_id = AKIAIOSFODNN7EXAMPLF\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEZ\n';

// Each step prints NAME=AWS_REGION/AWS_DEFAULT_REGION, `none` for unset.
const STEPS = [
  ['mine', 'export AWS_DEFAULT_REGION=us-east-1'],
  ['plain', 'awsx use plain'],
  ['west', 'awsx use west'],
  ['again', 'awsx use plain'],
  ['west2', 'awsx use west'],
  ['changed', 'export AWS_DEFAULT_REGION=ap-south-1'],
  ['after', 'awsx use plain'],
] as const;

const SHELLS = {
  bash: { argv: ['bash', '--norc', '--noprofile', '-c'], init: 'eval "$(awsx init bash)"', show: (n: string) => `echo "${n}=$(printenv AWS_REGION || echo none)/$(printenv AWS_DEFAULT_REGION || echo none)"` },
  zsh: { argv: ['zsh', '-f', '-c'], init: 'eval "$(awsx init zsh)"', show: (n: string) => `echo "${n}=$(printenv AWS_REGION || echo none)/$(printenv AWS_DEFAULT_REGION || echo none)"` },
  fish: { argv: ['fish', '--no-config', '-c'], init: 'awsx init fish | source', show: (n: string) => `echo ${n}=(printenv AWS_REGION; or echo none)/(printenv AWS_DEFAULT_REGION; or echo none)` },
} as const;

let moto: Moto | undefined;
before(async () => {
  if (findBinary('moto_server') !== undefined) moto = await startMoto();
});
after(() => moto?.stop());

for (const [shell, s] of Object.entries(SHELLS)) {
  test(`${shell}: awsx use keeps the user's region, and unsets only one awsx set`, async (t) => {
    const missing = [shell, 'moto_server'].filter((b) => findBinary(b) === undefined);
    if (missing.length > 0) return t.skip(`not installed: ${missing.join(', ')}`);
    const env = awsxHome(t, moto!.url, { config: CONFIG, credentials: CREDENTIALS });
    const fishExport = (line: string): string => (shell === 'fish' ? line.replace(/^export (\w+)=(.*)$/, 'set -gx $1 $2') : line);
    const script = [s.init, ...STEPS.flatMap(([name, line]) => [fishExport(line), s.show(name)])].join('\n');
    const [cmd, ...args] = s.argv;
    const r = await runProgram(cmd, [...args, script], env, 120_000);
    assert.equal(r.code, 0, r.stderr);
    const shown = Object.fromEntries([...r.stdout.matchAll(/^(\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]]));
    assert.deepEqual(shown, {
      mine: 'none/us-east-1',
      plain: 'none/us-east-1', // the profile has no region: the user's stays
      west: 'eu-west-1/eu-west-1',
      again: 'none/none', // awsx set those for west: gone with it
      west2: 'eu-west-1/eu-west-1',
      changed: 'eu-west-1/ap-south-1',
      after: 'none/ap-south-1', // the user changed it since: theirs
    }, `${r.stdout}\n${r.stderr}`);
  });
}
