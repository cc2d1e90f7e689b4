// `awsx env P` with a cached session against `node -e 0` (the floor of any Node CLI) and
// against the AWS CLI's own resolver with its cache (botocore_resolve.py: botocore with
// ~/.aws/cli/cache, as `aws` wires it), interleaved in one loop and in the same
// environment: with NODE_EXTRA_CA_CERTS when the caller sets it (it costs every Node
// start 40 to 80 ms here; Python ignores it), and without. Budgets (issue #8): median
// <= 1.5x `node -e 0`, and at least 4x faster than botocore. Both sides resolve through
// their cache: the timed runs must make no STS call, and the proxy in front of moto
// counts them.
import { fileURLToPath } from 'node:url';
import { runTimed, timeInterleaved, type Side } from './commandTiming.ts';
import type { BenchRow } from './configScale.ts';
import { fmt } from './measure.ts';
import { AWSX, benchWorld, caVariants, pythonTools } from './world.ts';

const RESOLVE = fileURLToPath(new URL('./botocore_resolve.py', import.meta.url));

const CONFIG = `[profile base]
region = us-east-1
[profile app]
role_arn = arn:aws:iam::123456789012:role/app
source_profile = base
region = us-east-1
`;
const CREDENTIALS = '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s\n';

function hasKey(stdout: string): void {
  if (!/\b(ASIA|AKIA)[A-Z0-9]{12,}/.test(stdout)) throw new Error(`no access key id in its output: ${stdout.slice(0, 200)}`);
}

export async function envLatency(runs = 30): Promise<BenchRow[]> {
  const world = await benchWorld({ config: CONFIG, credentials: CREDENTIALS });
  const py = pythonTools().exe;
  const rows: BenchRow[] = [];
  try {
    const sides = (env: Record<string, string>): Side[] => [
      { name: 'node', argv: [process.execPath, '-e', '0'], env },
      { name: 'awsx', argv: [process.execPath, AWSX, 'env', 'app', '--shell', 'bash'], env, check: hasKey },
      { name: 'botocore', argv: [py, RESOLVE, 'app'], env, check: hasKey },
    ];
    // The cold runs: the daemon assumes the role once, botocore fills ~/.aws/cli/cache.
    for (const side of sides(world.env).slice(1)) await runTimed(side);
    const cold = world.proxy.count();
    if (world.proxy.count('AssumeRole') !== 2) throw new Error(`the first runs made ${world.proxy.count('AssumeRole')} AssumeRole calls, expected one each`);
    for (const { label, env } of caVariants(world.env)) {
      const t = await timeInterleaved(sides(env), runs);
      const node = t.get('node')!;
      const awsx = t.get('awsx')!;
      const boto = t.get('botocore')!;
      const ratio = awsx.median / node.median;
      const faster = boto.median / awsx.median;
      rows.push({ what: `\`node -e 0\` (${label})`, result: fmt(node), budget: 'the floor', met: null });
      rows.push({ what: `\`awsx env P\`, cached session (${label})`, result: `${fmt(awsx)}: ${ratio.toFixed(2)}x node`, budget: '<= 1.5x `node -e 0`', met: ratio <= 1.5 });
      rows.push({
        what: `botocore resolving P through ~/.aws/cli/cache (${label})`,
        result: `${fmt(boto)}: awsx ${faster.toFixed(1)}x faster`,
        budget: 'awsx >= 4x faster',
        met: faster >= 4,
      });
    }
    // Warm means served from a cache: a single STS call in the timed runs makes it a lie.
    const warm = world.proxy.count() - cold;
    if (warm !== 0) throw new Error(`the warm runs made ${warm} STS calls (expected none)`);
  } finally {
    await world.close();
  }
  return rows;
}
