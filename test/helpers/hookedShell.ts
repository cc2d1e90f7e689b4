// Runs a script in a real bash, zsh or fish after sourcing the script `awsx init` generates
// (for a given awsx command, usually a fake), and returns what the shell printed.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { renderInit } from '../../src/shell/shells/index.ts';
import { isolatedShellEnv } from './realShell.ts';
import { tempDir } from './tempDir.ts';

export type RealShell = 'bash' | 'zsh' | 'fish';

export const SHELL_ARGV: Readonly<Record<RealShell, readonly string[]>> = {
  bash: ['bash', '--norc', '--noprofile', '-c'],
  zsh: ['zsh', '-f', '-c'],
  fish: ['fish', '--no-config', '-c'],
};

/**
 * One prompt as the shell runs it: bash evaluates each PROMPT_COMMAND entry, zsh calls
 * each precmd function, fish emits fish_prompt. Its status is the last hook's.
 */
export const PROMPT: Readonly<Record<RealShell, string>> = {
  bash: 'for __c in "${PROMPT_COMMAND[@]}"; do eval "$__c"; done',
  zsh: 'for __f in $precmd_functions; do $__f; done',
  fish: 'emit fish_prompt',
};

export interface HookedRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The temporary working directory (kept until the test ends), e.g. to look for PWNED. */
  readonly cwd: string;
}

export interface HookedOptions {
  readonly bin: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Lines run before the init script is sourced (an existing PROMPT_COMMAND, say). */
  readonly before?: string;
  /** How many times the init script is sourced. */
  readonly installs?: number;
  /** The shell is killed after this long (default 20 s); real AWS clients need more on a busy machine. */
  readonly timeoutMs?: number;
}

/** Writes the init script for `shell` into a fresh directory and returns its path. */
export function writeInit(t: TestContext, shell: RealShell, bin: readonly string[]): { dir: string; init: string } {
  const dir = tempDir(t);
  const run = join(dir, 'run');
  mkdirSync(run, { mode: 0o700 });
  const init = join(dir, `init.${shell}`);
  writeFileSync(init, renderInit(shell, { bin, clockFile: join(run, 'shell-clock') }));
  return { dir, init };
}

export async function runHooked(t: TestContext, shell: RealShell, script: string, options: HookedOptions): Promise<HookedRun> {
  const { dir, init } = writeInit(t, shell, options.bin);
  const source = Array.from({ length: options.installs ?? 1 }, () => `source '${init}'`).join('\n');
  const full = `${options.before ?? ''}\n${source}\n${script}\n`;
  const [bin, ...args] = SHELL_ARGV[shell];
  const env = isolatedShellEnv(dir, options.env);
  return new Promise((resolve) => {
    execFile(bin!, [...args, full], { cwd: dir, env, timeout: options.timeoutMs ?? 20_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ code, stdout, stderr, cwd: dir });
    });
  });
}

/** Prints `NAME=value` or `NAME=<unset>` for each variable, one a line. */
export function showVariables(shell: RealShell, names: readonly string[]): string {
  if (shell === 'fish') {
    return names.map((n) => `if set -q ${n}; printf '%s=%s\\n' ${n} "$${n}"; else; printf '%s=<unset>\\n' ${n}; end`).join('\n');
  }
  return names.map((n) => `printf '%s=%s\\n' ${n} "\${${n}-<unset>}"`).join('\n');
}

/** Parses what showVariables printed. */
export function parseShown(stdout: string): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const line of stdout.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) out.set(line.slice(0, eq), line.slice(eq + 1) === '<unset>' ? undefined : line.slice(eq + 1));
  }
  return out;
}

/** AWS_CREDENTIAL_EXPIRATION for `seconds` from now, as awsx writes it. */
export function expiresIn(seconds: number): string {
  return new Date(Math.floor(Date.now() / 1000 + seconds) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
