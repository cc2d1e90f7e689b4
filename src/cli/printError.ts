// The one error printer: a message on stderr (never stdout, which `eval` may run), the
// fix on a second line, control characters made inert, and the exit code.
import { isAwsxError } from '../core/errors.ts';
import { inert } from '../core/sanitize.ts';

export function formatError(err: unknown): string {
  if (isAwsxError(err)) {
    const lines = [`awsx: ${err.message}`];
    if (err.hint) lines.push(`  fix: ${err.hint}`);
    return inert(lines.join('\n'));
  }
  const message = err instanceof Error ? err.message : String(err);
  return inert(`awsx: unexpected error: ${message}\n  fix: this is a bug in awsx; please report it with the command you ran`);
}

export function exitCodeFor(err: unknown): number {
  return isAwsxError(err) && err.code === 'UsageError' ? 2 : 1;
}

export function printError(err: unknown): number {
  process.stderr.write(formatError(err) + '\n');
  if (process.env.AWSX_DEBUG && err instanceof Error && err.stack) process.stderr.write(inert(err.stack) + '\n');
  return exitCodeFor(err);
}
