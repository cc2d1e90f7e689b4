// `awsx env P` with a cached session against `node -e 0` (the floor of any Node CLI), in
// the same environment, with and without NODE_EXTRA_CA_CERTS (which costs every Node
// start about 40 ms here). Budget (DESIGN.md): median <= 1.5x `node -e 0`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startMoto } from '../test/helpers/moto.ts';
import { timeInterleaved } from './commandTiming.ts';
import type { BenchRow } from './configScale.ts';
import { fmt } from './measure.ts';

const AWSX = fileURLToPath(new URL('../dist/awsx.js', import.meta.url));

export async function envLatency(runs = 30): Promise<BenchRow[]> {
  const moto = await startMoto();
  const dir = mkdtempSync(join(tmpdir(), 'awsx-bench-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH, HOME: dir, AWSX_RUNTIME_DIR: join(dir, 'run'),
    AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    AWS_ENDPOINT_URL_STS: moto.url,
  };
  writeFileSync(join(dir, 'config'), '[profile app]\nrole_arn = arn:aws:iam::123456789012:role/app\nsource_profile = base\nregion = us-east-1\n');
  writeFileSync(join(dir, 'credentials'), '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s\n');
  const rows: BenchRow[] = [];
  try {
    for (const ca of [process.env.NODE_EXTRA_CA_CERTS, undefined]) {
      const e = { ...env, ...(ca ? { NODE_EXTRA_CA_CERTS: ca } : {}) };
      const t = timeInterleaved([
        { name: 'node', argv: [process.execPath, '-e', '0'], env: e },
        { name: 'env', argv: [process.execPath, AWSX, 'env', 'app', '--shell', 'bash'], env: e },
      ], runs);
      const node = t.get('node')!;
      const awsx = t.get('env')!;
      const ratio = awsx.median / node.median;
      const label = ca ? 'with NODE_EXTRA_CA_CERTS' : 'without NODE_EXTRA_CA_CERTS';
      rows.push({ what: `\`node -e 0\` (${label})`, result: fmt(node), budget: 'the floor', met: true });
      rows.push({ what: `\`awsx env P\`, cached session (${label})`, result: `${fmt(awsx)}: ${ratio.toFixed(2)}x node`, budget: '<= 1.5x node -e 0', met: ratio <= 1.5 });
    }
  } finally {
    spawnSync(process.execPath, [AWSX, 'daemon', 'stop'], { env });
    await moto.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
