// Runs botocore (the AWS CLI's own resolver, installed with python3 on every machine of
// this project) on INI texts, so the parser is checked against the real thing.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type BotocoreResult = { ok: unknown } | { error: string };

const SCRIPT = fileURLToPath(new URL('./botocore_parse.py', import.meta.url));

export function botocoreParse(items: { text: string; kind: 'config' | 'credentials' }[]): BotocoreResult[] {
  const r = spawnSync('python3', [SCRIPT], { input: JSON.stringify(items), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`botocore_parse.py failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as BotocoreResult[];
}
