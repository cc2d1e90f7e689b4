// The terminal the TUI draws on: /dev/tty, opened for reading and writing, so stdout
// stays free for what the shell evaluates (DESIGN.md). A tty.WriteStream we open
// ourselves gets no SIGWINCH handling from Node (only process.stdout/stderr do), so
// resizes are forwarded here as the 'resize' event Ink listens for.
import { closeSync, openSync } from 'node:fs';
import { ReadStream, WriteStream } from 'node:tty';
import { AwsxError } from '../core/errors.ts';

export interface Terminal {
  readonly input: ReadStream;
  readonly output: WriteStream;
  close(): void;
}

export function openTerminal(path = '/dev/tty'): Terminal {
  let inFd: number | undefined;
  let outFd: number | undefined;
  try {
    inFd = openSync(path, 'r');
    outFd = openSync(path, 'w');
  } catch (e) {
    if (inFd !== undefined) closeSync(inFd);
    throw new AwsxError('UsageError', `cannot open the terminal (${path}) to draw the picker on`, {
      hint: 'run awsx pick in a terminal, or name the profile: eval "$(awsx env PROFILE)"', cause: e,
    });
  }
  const input = new ReadStream(inFd);
  const output = new WriteStream(outFd);
  // getWindowSize() only returns the cached size; _refreshSize() asks the terminal and
  // emits 'resize' on a change. It is what Node itself calls for stdout on SIGWINCH.
  const refresh = (output as unknown as { _refreshSize?: () => void })._refreshSize;
  const onWinch = (): void => refresh?.call(output);
  process.on('SIGWINCH', onWinch);
  return {
    input,
    output,
    close() {
      process.off('SIGWINCH', onWinch);
      input.destroy();
      output.destroy();
    },
  };
}

/**
 * The colour level for chalk (0-3) from the terminal itself: Node's getColorDepth honours
 * NO_COLOR, FORCE_COLOR and TERM. chalk alone would look at stdout, which under
 * `eval "$(awsx pick --print)"` is a pipe, and it ignores NO_COLOR.
 */
export function colorLevel(output: WriteStream, env: NodeJS.ProcessEnv): 0 | 1 | 2 | 3 {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  const depth = output.getColorDepth(env);
  return depth >= 24 ? 3 : depth >= 8 ? 2 : depth >= 4 ? 1 : 0;
}
