// Runs rendered output through a real shell and reads back the environment the shell
// would hand to a child process (`env -0`), so "set" means "exported", as the AWS CLI
// needs it. Shared by the real-shell tests in this directory.
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Absolute path of `name` on PATH, or undefined when the shell is not installed. */
export function findBinary(name: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

export interface ShellRun {
  readonly status: number | null;
  readonly env: Map<string, string>;
  readonly stderr: string;
  /** Whether the canary file `PWNED` appeared in the working directory. */
  readonly pwned: boolean;
}

export interface ShellRunOptions {
  /** Shell binary and the arguments before the script, e.g. ['bash', '--norc', '-c']. */
  readonly argv: readonly string[];
  /** The script; the rendered output is in the file `./out` of the working directory. */
  readonly script: string;
  readonly output: string;
  /** Variables the shell starts with (stale values the output must replace or unset). */
  readonly env?: Readonly<Record<string, string>>;
  /** Files to create in the working directory before the run, e.g. glob bait. */
  readonly files?: readonly string[];
}

/** Runs the script in a fresh temporary working directory that is removed afterwards. */
/** A shell's environment cut off from the developer's: HOME and XDG dirs in `dir`, C.UTF-8. */
export function isolatedShellEnv(dir: string, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, '.config'),
    XDG_DATA_HOME: join(dir, '.local'),
    LC_ALL: 'C.UTF-8',
    ...extra,
  };
}

export async function runShell(options: ShellRunOptions): Promise<ShellRun> {
  const dir = await mkdtemp(join(tmpdir(), 'awsx-shell-'));
  try {
    await writeFile(join(dir, 'out'), options.output);
    for (const file of options.files ?? []) await writeFile(join(dir, file), '');
    const [bin, ...args] = options.argv;
    const env = isolatedShellEnv(dir, options.env);
    const result = await new Promise<{ status: number | null; stdout: Buffer; stderr: Buffer }>((resolve) => {
      execFile(bin!, [...args, options.script], { cwd: dir, env, timeout: 10_000, encoding: 'buffer' }, (error, stdout, stderr) => {
        const status = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ status, stdout, stderr });
      });
    });
    return {
      status: result.status,
      env: parseEnv0(result.stdout),
      stderr: result.stderr.toString('utf8'),
      pwned: existsSync(join(dir, 'PWNED')),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function parseEnv0(stdout: Buffer): Map<string, string> {
  const env = new Map<string, string>();
  for (const entry of stdout.toString('utf8').split('\0')) {
    const eq = entry.indexOf('=');
    if (eq > 0) env.set(entry.slice(0, eq), entry.slice(eq + 1));
  }
  return env;
}
