// Opening a file in the person's browser: $BROWSER when set (a colon-separated list of
// commands, `%s` standing for the target, as xdg-utils reads it), else xdg-open, or open on
// macOS. Launchers return at once; a browser started directly keeps running, so a command
// still running after a moment counts as opened and is left to itself.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { AwsxError } from '../core/errors.ts';
import { shlexSplit } from '../core/shlex.ts';

/** How long a command may take to fail before it counts as opened. */
const SETTLE_MS = 2_000;

type Outcome = { readonly kind: 'opened' } | { readonly kind: 'missing' } | { readonly kind: 'failed'; readonly why: string };

export function browserCommands(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string[][] {
  const configured = env['BROWSER'];
  if (configured !== undefined && configured.trim() !== '') {
    return configured.split(':').map((c) => shlexSplit(c)).filter((argv) => argv.length > 0);
  }
  return [[platform === 'darwin' ? 'open' : 'xdg-open']];
}

/** Checked before asking the daemon, so no page is made (and no MFA code asked) for nothing. */
export function checkBrowserAvailable(env: NodeJS.ProcessEnv = process.env): void {
  const commands = browserCommands(env);
  if (commands.some((argv) => isExecutable(argv[0]!, env['PATH'] ?? ''))) return;
  throw noBrowser(commands.map((argv) => `${argv[0]}: not found`));
}

function isExecutable(command: string, path: string): boolean {
  const candidates = command.includes('/') ? [command] : path.split(delimiter).filter((d) => d !== '').map((d) => join(d, command));
  return candidates.some((c) => {
    try {
      accessSync(c, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function noBrowser(failures: readonly string[]): AwsxError {
  return new AwsxError('Unsupported', `console: no browser could be opened (${failures.join('; ')})`, {
    hint: 'set BROWSER to your browser command, or use --print to get the URL on stdout',
  });
}

/** Opens `target` (a file:// URL: never a secret, as it lands in argv) with the first command that works. */
export async function openInBrowser(target: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const failures: string[] = [];
  for (const argv of browserCommands(env)) {
    const withTarget = argv.some((a) => a.includes('%s')) ? argv.map((a) => a.replaceAll('%s', target)) : [...argv, target];
    const outcome = await run(withTarget, env);
    if (outcome.kind === 'opened') return;
    failures.push(outcome.kind === 'missing' ? `${argv[0]}: not found` : `${argv[0]}: ${outcome.why}`);
  }
  throw noBrowser(failures);
}

function run(argv: string[], env: NodeJS.ProcessEnv): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: 'ignore', detached: true, env });
    const timer = setTimeout(() => {
      child.unref();
      resolve({ kind: 'opened' });
    }, SETTLE_MS);
    child.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(e.code === 'ENOENT' ? { kind: 'missing' } : { kind: 'failed', why: e.code ?? 'could not start' });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code === 0 ? { kind: 'opened' } : { kind: 'failed', why: signal ? `killed by ${signal}` : `exit code ${code}` });
    });
  });
}
