// Runs a command on a real pseudo-terminal (Python's pty module; no native Node addon), so
// stdin, stdout, stderr and /dev/tty are all a terminal. Each answer is typed once its
// prompt has appeared; the result is everything the terminal showed, with the exit code.
import { spawn } from 'node:child_process';

export interface PtyAnswer {
  /** Text that must have appeared (since the previous answer) before this one is typed. */
  readonly after: string;
  readonly send: string;
}

export interface PtyResult {
  readonly code: number | null;
  /** The terminal's output as bytes decoded as UTF-8 (CRLF line endings, as a tty writes). */
  readonly screen: string;
}

const DRIVER = String.raw`
import json, os, pty, select, sys
spec = json.load(sys.stdin)
pid, fd = pty.fork()
if pid == 0:
    os.chdir(spec['cwd'])
    os.execvpe(spec['argv'][0], spec['argv'], spec['env'])
out, seen, answers = b'', 0, spec['answers']
while True:
    r, _, _ = select.select([fd], [], [], spec['timeout'])
    if not r:
        break
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    out += data
    if answers and answers[0]['after'].encode() in out[seen:]:
        seen = len(out)
        os.write(fd, answers.pop(0)['send'].encode())
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
sys.exit(os.waitstatus_to_exitcode(status))
`;

export function runInPty(argv: readonly string[], options: { env: NodeJS.ProcessEnv; cwd: string; answers?: readonly PtyAnswer[]; timeoutSeconds?: number }): Promise<PtyResult> {
  const child = spawn('python3', ['-c', DRIVER], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.end(JSON.stringify({ argv, env: options.env, cwd: options.cwd, answers: options.answers ?? [], timeout: options.timeoutSeconds ?? 20 }));
  let screen = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (screen += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, screen }));
  });
}
