// The colour level the picker draws with, from the terminal it draws on (the terminal
// itself is opened by src/cli/terminal.ts).
import type { WriteStream } from 'node:tty';

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
