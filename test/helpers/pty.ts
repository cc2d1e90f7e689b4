// Runs a command on a real pseudo-terminal (Python's pty module; no native Node addon), so
// stdin, stdout, stderr and /dev/tty are all a terminal. Each answer is typed once its
// prompt has appeared, never after a time: a key typed before the program reads it may be
// taken by the line discipline (Ctrl-U, Ctrl-C) or merged with the next one, so `after`
// must be a state the previous answer led to (the filtered list, the next prompt).
// The result is everything the terminal showed, with the exit code; a run that went quiet
// for `timeoutSeconds` is killed, and one that ended or was killed before every answer was
// typed fails with the screen.
import { spawn } from 'node:child_process';

export interface PtyAnswer {
  /** Text that must have appeared (since the previous answer) before this one is typed. */
  readonly after: string;
  readonly send: string;
  /** A file that must exist too: the test creates it once a state it watches is reached. */
  readonly gate?: string;
}

export interface PtyResult {
  readonly code: number | null;
  /** The terminal's output as bytes decoded as UTF-8 (CRLF line endings, as a tty writes). */
  readonly screen: string;
}

// Writes what became of the run as JSON on fd 3: the exit code, whether it went quiet, and
// the answer it was waiting for when it ended, if any.
const DRIVER = String.raw`
import json, os, pty, select, signal, sys, time
spec = json.load(sys.stdin)
pid, fd = pty.fork()
if pid == 0:
    os.chdir(spec['cwd'])
    os.execvpe(spec['argv'][0], spec['argv'], spec['env'])
out, seen, answers, quiet, last = b'', 0, spec['answers'], False, time.monotonic()
while True:
    # Polls for the gate file while an answer waits only for it.
    gated = bool(answers) and answers[0].get('gate') is not None
    r, _, _ = select.select([fd], [], [], 0.05 if gated else spec['timeout'])
    if r:
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        out += data
        last = time.monotonic()
    elif time.monotonic() - last >= spec['timeout']:
        quiet = True
        os.killpg(pid, signal.SIGKILL)
        break
    if answers and answers[0]['after'].encode() in out[seen:] and (answers[0].get('gate') is None or os.path.exists(answers[0]['gate'])):
        seen = len(out)
        os.write(fd, answers.pop(0)['send'].encode())
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
sys.stdout.flush()
os.write(3, json.dumps({'code': os.waitstatus_to_exitcode(status), 'quiet': quiet, 'waitingFor': answers[0]['after'] if answers else None}).encode())
`;

interface DriverReport {
  readonly code: number;
  readonly quiet: boolean;
  readonly waitingFor: string | null;
}

export function runInPty(argv: readonly string[], options: { env: NodeJS.ProcessEnv; cwd: string; answers?: readonly PtyAnswer[]; timeoutSeconds?: number }): Promise<PtyResult> {
  const timeout = options.timeoutSeconds ?? 20;
  const child = spawn('python3', ['-c', DRIVER], { stdio: ['pipe', 'pipe', 'inherit', 'pipe'] });
  child.stdin!.end(JSON.stringify({ argv, env: options.env, cwd: options.cwd, answers: options.answers ?? [], timeout }));
  let screen = '';
  let report = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (screen += d));
  (child.stdio[3] as NodeJS.ReadableStream).setEncoding('utf8').on('data', (d: string) => (report += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (driverCode) => {
      if (report === '') return reject(new Error(`pty: the driver failed (exit ${driverCode}) running ${argv.join(' ')}; the screen:\n${screen}`));
      const r = JSON.parse(report) as DriverReport;
      const what = r.quiet ? `printed nothing for ${timeout} s and was killed` : `ended (exit ${r.code})`;
      if (r.waitingFor !== null) return reject(new Error(`pty: ${argv.join(' ')} ${what} before ${JSON.stringify(r.waitingFor)} appeared; the screen:\n${screen}`));
      if (r.quiet) return reject(new Error(`pty: ${argv.join(' ')} ${what}; the screen:\n${screen}`));
      resolve({ code: r.code, screen });
    });
  });
}
