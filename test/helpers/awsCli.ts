// The AWS CLI (awscli v1, on PATH) reading config values back. `aws configure get` costs
// about a second of Python start-up per call, so many reads run through awscli's own
// driver (the code the `aws` command runs) in one Python process.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

export async function awsConfigureGet(profile: string, key: string, env: NodeJS.ProcessEnv): Promise<string> {
  const { stdout } = await promisify(execFile)('aws', ['configure', 'get', key, '--profile', profile], { env });
  return stdout.trim();
}

const DRIVER = String.raw`
import contextlib, io, json, sys
from awscli.clidriver import create_clidriver
out = []
for profile, key in json.load(sys.stdin):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(io.StringIO()):
        create_clidriver().main(['configure', 'get', key, '--profile', profile])
    out.append(buf.getvalue().strip())
print(json.dumps(out))
`;

/** `aws configure get KEY --profile PROFILE` for each pair, in one process; '' where unset. */
export function awsConfigureGetMany(pairs: readonly (readonly [string, string])[], env: NodeJS.ProcessEnv): Promise<string[]> {
  const child = spawn('python3', ['-c', DRIVER], { env, stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.end(JSON.stringify(pairs));
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as string[]) : reject(new Error(`awscli driver exited ${code}`))));
  });
}
