// A test double for the awsx binary at the edge of the shell hooks: a small sh script that
// records every call (its arguments) and answers with the stdout and exit status the test
// set for that command. Used where the hook's logic, not the daemon, is under test.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { tempDir } from './tempDir.ts';

export interface FakeAwsx {
  /** Absolute path of the executable. */
  readonly bin: string;
  /** Sets what `awsx COMMAND …` prints and exits with (default: nothing, 0). */
  respond(command: string, answer: { stdout?: string; status?: number }): void;
  /** Every call so far, each as its argument list. */
  calls(): string[][];
}

// Arguments are separated by 0x1f and calls by newlines (no test argument holds either).
const SCRIPT = `#!/bin/sh
dir=$(dirname "$0")
for a in "$@"; do printf '%s\\037' "$a"; done >> "$dir/calls"
printf '\\n' >> "$dir/calls"
[ -f "$dir/answers/$1.out" ] && cat "$dir/answers/$1.out"
status=0
[ -f "$dir/answers/$1.status" ] && status=$(cat "$dir/answers/$1.status")
exit "$status"
`;

export function fakeAwsx(t: TestContext): FakeAwsx {
  const dir = tempDir(t);
  const bin = join(dir, 'awsx');
  mkdirSync(join(dir, 'answers'));
  writeFileSync(bin, SCRIPT);
  chmodSync(bin, 0o755);
  return {
    bin,
    respond(command, answer) {
      writeFileSync(join(dir, 'answers', `${command}.out`), answer.stdout ?? '');
      writeFileSync(join(dir, 'answers', `${command}.status`), String(answer.status ?? 0));
    },
    calls() {
      const file = join(dir, 'calls');
      if (!existsSync(file)) return [];
      return readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map((l) => l.split('\x1f').slice(0, -1));
    },
  };
}
