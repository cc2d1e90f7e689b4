// The AWS CLI reading `credential_process = awsx credential-process P` against the AWS CLI
// resolving the same assume-role profile itself (its ~/.aws/cli/cache warm): both run
// `aws sts get-caller-identity`, interleaved, against moto on loopback, with and without
// NODE_EXTRA_CA_CERTS (it reaches awsx through the AWS CLI's environment). The issue sets
// no budget here: it is the price of the credential_process round trip, shown as is.
// Warm means no AssumeRole in the timed runs, on either side; the proxy counts them.
import { runTimed, timeInterleaved, type Side } from './commandTiming.ts';
import type { BenchRow } from './configScale.ts';
import { fmt } from './measure.ts';
import { AWSX, benchWorld, caVariants, pythonTools } from './world.ts';

const ROLE = 'arn:aws:iam::123456789012:role/app';

const config = (): string => `[profile base]
region = us-east-1
[profile app]
role_arn = ${ROLE}
source_profile = base
region = us-east-1
[profile viaawsx]
credential_process = ${AWSX} credential-process app
region = us-east-1
`;
const CREDENTIALS = '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s\n';

function assumedRole(stdout: string): void {
  if (!/"Arn": "arn:aws:sts::123456789012:assumed-role\/app\//.test(stdout)) throw new Error(`not the role's identity: ${stdout.slice(0, 300)}`);
}

export async function credentialProcess(runs = 10): Promise<BenchRow[]> {
  const world = await benchWorld({ config: config(), credentials: CREDENTIALS });
  const aws = pythonTools().aws;
  const rows: BenchRow[] = [];
  try {
    const sides = (env: Record<string, string>): Side[] => [
      { name: 'cli', argv: [aws, 'sts', 'get-caller-identity', '--profile', 'app'], env, check: assumedRole },
      { name: 'awsx', argv: [aws, 'sts', 'get-caller-identity', '--profile', 'viaawsx'], env, check: assumedRole },
    ];
    // The cold runs: the AWS CLI fills its cache, the daemon assumes the role.
    for (const side of sides(world.env)) await runTimed(side);
    const assumed = world.proxy.count('AssumeRole');
    if (assumed !== 2) throw new Error(`the first runs made ${assumed} AssumeRole calls, expected one each`);
    for (const { label, env } of caVariants(world.env)) {
      const t = await timeInterleaved(sides(env), runs, 1);
      const cli = t.get('cli')!;
      const awsx = t.get('awsx')!;
      const delta = awsx.median - cli.median;
      rows.push({ what: `\`aws sts get-caller-identity\`, the AWS CLI resolving P itself, cache warm (${label})`, result: fmt(cli), budget: 'the reference', met: null });
      rows.push({
        what: `\`aws sts get-caller-identity\` through \`credential_process = awsx credential-process P\` (${label})`,
        result: `${fmt(awsx)}: ${delta >= 0 ? '+' : ''}${delta.toFixed(0)} ms (${(awsx.median / cli.median).toFixed(2)}x)`,
        budget: 'none set (comparison)',
        met: null,
      });
    }
    const warm = world.proxy.count('AssumeRole') - assumed;
    if (warm !== 0) throw new Error(`the warm runs made ${warm} AssumeRole calls (expected none)`);
  } finally {
    await world.close();
  }
  return rows;
}
