// The command the generated hooks run for `awsx`, fixed when `awsx init` runs: the shell
// function is called `awsx` too, so the hook must name the binary by absolute path or it
// would call itself.
import { realpathSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { AwsxError } from '../core/errors.ts';

export interface ProcessFacts {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** process.execPath: the node that runs awsx now (nvm may put another one on PATH later). */
  readonly execPath: string;
  /** process.argv[1]: the script, possibly through npm's bin symlink. */
  readonly script: string | undefined;
}

/**
 * AWSX_BIN (an absolute path to an executable: a development wrapper, or a test double)
 * wins; otherwise node and the real path of the running script.
 */
export function resolveAwsxCommand(facts: ProcessFacts): string[] {
  const override = facts.env['AWSX_BIN'];
  if (override !== undefined && override !== '') {
    if (!isAbsolute(override)) {
      throw new AwsxError('UsageError', `AWSX_BIN ${override}: not an absolute path`, { hint: 'set AWSX_BIN to the absolute path of an awsx executable, or unset it' });
    }
    return [override];
  }
  if (facts.script === undefined || facts.script === '') {
    throw new AwsxError('Unsupported', 'init: cannot tell where the awsx script is', { hint: 'set AWSX_BIN to the absolute path of the awsx executable' });
  }
  const script = realpathSync(facts.script);
  // From source, node needs a loader the hook would not pass: say so instead of
  // generating a hook whose every call fails.
  if (/\.[cm]?tsx?$/.test(script)) {
    throw new AwsxError('Unsupported', `init: awsx runs from TypeScript source (${script}), which node cannot run alone`, {
      hint: 'build it (npm run build) or set AWSX_BIN to the absolute path of an executable that runs it',
    });
  }
  return [facts.execPath, script];
}
