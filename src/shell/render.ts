// The single entry for everything awsx prints for a shell (or program) to evaluate.
// Validation happens here once, before any format sees the change, so a bad name or value
// fails the whole command with empty stdout instead of half a script.
import { AwsxError } from '../core/errors.ts';
import { renderDotenv } from './formats/dotenv.ts';
import { renderFish } from './formats/fish.ts';
import { renderJson } from './formats/json.ts';
import { renderPosix } from './formats/posix.ts';
import { renderPwsh } from './formats/pwsh.ts';
import type { Renderer } from './formats/renderer.ts';
import { assertNoNul, assertVariableName } from './quote.ts';
import type { ShellChange } from './variables.ts';

export { detectShell } from './detectShell.ts';

export const SHELL_FORMATS = ['bash', 'zsh', 'fish', 'pwsh', 'json', 'dotenv'] as const;
export type ShellFormat = (typeof SHELL_FORMATS)[number];

const RENDERERS: Record<ShellFormat, Renderer> = {
  bash: renderPosix,
  zsh: renderPosix,
  fish: renderFish,
  pwsh: renderPwsh,
  json: renderJson,
  dotenv: renderDotenv,
};

export function isShellFormat(value: string): value is ShellFormat {
  return (SHELL_FORMATS as readonly string[]).includes(value);
}

export function render(format: ShellFormat, change: ShellChange): string {
  assertValidChange(change);
  return RENDERERS[format](change);
}

/** Every name valid, not reserved and mentioned once; no value holds NUL. */
export function assertValidChange(change: ShellChange): void {
  const seen = new Set<string>();
  const names = [...change.set.map(([name]) => name), ...change.unset];
  for (const name of names) {
    assertVariableName(name);
    if (name.startsWith('__awsx_')) {
      // The POSIX output's own helpers (posixGlob.ts) live there and are unset at its end.
      throw new AwsxError('ValidationError', `variable ${name}: the __awsx_ prefix is reserved`);
    }
    if (seen.has(name)) {
      throw new AwsxError('ValidationError', `variable ${name}: set or unset more than once in one change`);
    }
    seen.add(name);
  }
  for (const [name, value] of change.set) assertNoNul(value, `variable ${name}`);
}
