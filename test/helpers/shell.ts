// Runs a shell snippet (or any program) with awsx's test environment, for end-to-end tests
// where the real AWS CLI, boto3 or sh consume what awsx printed.
import { spawn } from 'node:child_process';
import { awsxEnv, REPO_ROOT, type RunResult } from './cli.ts';

export function runProgram(file: string, args: readonly string[], env: Record<string, string>, timeoutMs = 60_000): Promise<RunResult> {
  const child = spawn(file, args, { cwd: REPO_ROOT, env: { ...awsxEnv(env), AWSX_BIN: `${REPO_ROOT}/test/helpers/awsx-bin.sh` }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** `sh -c SCRIPT`, with $AWSX_BIN naming the CLI. */
export function runSh(script: string, env: Record<string, string>): Promise<RunResult> {
  return runProgram('sh', ['-c', script], env);
}
