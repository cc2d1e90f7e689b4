// The single entry for everything awsx prints for a shell (or program) to evaluate.
// Validation happens here once, before any format sees the change, so a bad name or value
// fails the whole command with empty stdout instead of half a script.
import { AwsxError } from '../core/errors.ts';
import { renderDotenv } from './formats/dotenv.ts';
import { renderJson } from './formats/json.ts';
import type { Renderer } from './formats/renderer.ts';
import { assertNoNul, assertVariableName } from './quote.ts';
import { isShellName, SHELL_NAMES, shellNamed, type ShellName } from './shells/index.ts';
import type { ShellChange } from './variables.ts';

/** The formats that are not a shell: for programs, not for eval. */
const OTHER_FORMATS = { json: renderJson, dotenv: renderDotenv } as const satisfies Record<string, Renderer>;

export type ShellFormat = ShellName | keyof typeof OTHER_FORMATS;
export const SHELL_FORMATS: readonly ShellFormat[] = [...SHELL_NAMES, 'json', 'dotenv'];

export function isShellFormat(value: string): value is ShellFormat {
  return (SHELL_FORMATS as readonly string[]).includes(value);
}

export function render(format: ShellFormat, change: ShellChange): string {
  assertValidChange(change);
  return isShellName(format) ? shellNamed(format).render(change) : OTHER_FORMATS[format](change);
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
