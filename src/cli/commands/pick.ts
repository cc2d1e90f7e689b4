// `awsx pick`: the profile picker on the terminal. The only command that loads Ink and
// React (imported here, on demand, after the colour level is decided), so no other
// command pays for them. The TUI draws on /dev/tty; stdout gets shell code only after a
// successful pick, so `eval "$(awsx pick --print)"` applies a session or nothing at all.
// Built, it runs from its own bundle (dist/pick.js, src/cli/boot/pickBundle.ts), whose host
// (boot/pickHost.ts) gives it the private cache for the profile summaries and wants to know
// when the first frame is up (to write the code cache then).
import { homedir } from 'node:os';
import type { ProfileSummary } from '../../core/config/summary.ts';
import { AwsxError } from '../../core/errors.ts';
import { connectDaemon } from '../../ipc/client.ts';
import { isShellFormat, render as renderShell, SHELL_FORMATS, type ShellFormat } from '../../shell/render.ts';
import { detectShell } from '../../shell/shells/index.ts';
import { sessionVariables } from '../../shell/variables.ts';
import type { PickOutcome } from '../../tui/app/state.ts';
import { daemonBackend } from '../../tui/daemonBackend.ts';
import { pickHistory, type PickHistory } from '../../tui/historyStore.ts';
import { profileWriter } from '../../tui/newProfile/writer.ts';
import { runWithChange } from '../runWithCredentials.ts';
import { openTerminal, type Terminal } from '../terminal.ts';
import { parseCommandArgs, wantsHelp } from '../args.ts';
import type { PickHost } from '../boot/pickHost.ts';
import { loadPickerUi, type PickerUi } from '../boot/pickerUi.ts';
import type { Command } from '../command.ts';
import { forwardedEnv } from '../daemonCall.ts';
import { readSummaries } from '../profileSummaries.ts';

const USAGE = `Usage: awsx pick [QUERY] [--print [--shell SHELL] | --exec -- COMMAND [ARGS...]]

Opens the profile picker on the terminal: type to filter by name, account id, role,
region or description; Enter assumes the profile (asking for an MFA code if needed).

  --print        print the session's variables for the shell: eval "$(awsx pick --print)"
                 (the default when stdout is not a terminal)
  --shell S      the syntax of --print: ${SHELL_FORMATS.join(', ')} (default: from $SHELL)
  --exec -- CMD  run CMD with the session's variables; exits with its status

Esc or Ctrl-C leaves without printing anything (exit 1, or 130 for Ctrl-C).`;

const OPTIONS = { print: { type: 'boolean' }, exec: { type: 'boolean' }, shell: { type: 'string' } } as const;

interface Mode {
  readonly kind: 'print' | 'exec';
  readonly format: ShellFormat;
  readonly command: readonly string[];
  readonly query: string;
}

function parseMode(argv: string[]): Mode | undefined {
  const split = argv.indexOf('--');
  const own = split === -1 ? argv : argv.slice(0, split);
  const command = split === -1 ? [] : argv.slice(split + 1);
  const { values, positionals } = parseCommandArgs('pick', own, OPTIONS, USAGE);
  if (wantsHelp(values, USAGE)) return undefined;
  const fail = (message: string) => new AwsxError('UsageError', `pick: ${message}`, { hint: USAGE });
  if (values.print && values.exec) throw fail('give --print or --exec, not both');
  if (values.exec && command.length === 0) throw fail('--exec needs a command after --, e.g. awsx pick --exec -- aws s3 ls');
  if (!values.exec && command.length > 0) throw fail('a command after -- needs --exec');
  if (positionals.length > 1) throw fail('at most one query');
  if (values.shell !== undefined && !isShellFormat(values.shell)) throw fail(`unknown shell "${values.shell}"`);
  if (!values.print && !values.exec && process.stdout.isTTY) {
    throw fail('say what to do with the credentials: --print (for eval) or --exec -- CMD; after `awsx init`, just run awsx');
  }
  const format = values.shell !== undefined && isShellFormat(values.shell) ? values.shell : detectShell(process.env);
  return { kind: values.exec ? 'exec' : 'print', format, command, query: positionals[0] ?? '' };
}

async function runPicker(term: Terminal, [ink, { appElement }]: PickerUi, history: PickHistory, profiles: readonly ProfileSummary[], query: string, afterFirstFrame: () => void) {
  const daemon = daemonBackend((autostart) => connectDaemon({ autostart }).then((c) => c.connection), forwardedEnv(process.env), process.cwd(),
    (target) => import('../openBrowser.ts').then((m) => m.openInBrowser(target)));
  let finish: (outcome: PickOutcome) => void = () => undefined;
  const outcome = new Promise<PickOutcome>((resolve) => (finish = resolve));
  const app = appElement({
    profiles, history: history.records, daemon, writer: profileWriter(process.env, homedir()), onDone: finish, initialQuery: query,
  });
  const instance = ink.render(app, { stdin: term.input, stdout: term.output, stderr: term.output, exitOnCtrlC: false, patchConsole: false });
  // Ink has written the first frame (a terminal write is synchronous); caches are written
  // after the events it started, never before the frame.
  setImmediate(afterFirstFrame);
  // A render error ends the app without an outcome: that must fail the command, not leave
  // an empty event loop to exit 0 (the shell function would take that for success).
  const crashed = instance.waitUntilExit().then(() => {
    throw new AwsxError('Unsupported', 'pick: the picker closed without a result', { hint: 'this is a bug in awsx; run with AWSX_DEBUG=1 and report it' });
  });
  try {
    const result = await Promise.race([outcome, crashed]);
    if (result.kind === 'picked') await history.record(result.profile, Date.now());
    return result;
  } finally {
    instance.clear();
    instance.unmount();
    await crashed.catch(() => undefined);
  }
}

export const command: Command = (argv) => runPick(argv);

export async function runPick(argv: string[], host?: PickHost): Promise<number> {
  const mode = parseMode(argv);
  if (mode === undefined) return 0;
  const childEnv = { ...process.env };
  const term = await openTerminal();
  let profiles: ProfileSummary[];
  let result: PickOutcome;
  try {
    // The UI's modules load (from source, their file reads at least) while the profiles
    // are read: queued after them, so that in the bundle yoga's WebAssembly compiles
    // off the main thread meanwhile.
    const ui = loadPickerUi(term);
    ui.catch(() => undefined); // awaited below, unless reading the config fails first
    const summaries = await Promise.resolve().then(() => readSummaries(host && host.cacheDir !== undefined ? { dir: host.cacheDir, version: host.bundleHash } : undefined));
    profiles = summaries.profiles;
    const afterFirstFrame = (): void => {
      summaries.save();
      host?.afterFirstFrame();
    };
    result = await runPicker(term, await ui, pickHistory(host === undefined ? {} : { importConf: host.importConf }), profiles, mode.query, afterFirstFrame);
  } finally {
    term.close();
  }
  if (result.kind === 'cancelled') return result.how === 'interrupt' ? 130 : 1;
  const region = result.region ?? profiles.find((p) => p.name === result.profile)?.region;
  const change = sessionVariables({ profile: result.profile, credentials: result.credentials, region, current: process.env });
  if (mode.kind === 'exec') return runWithChange('pick', mode.command, childEnv, change);
  process.stdout.write(renderShell(mode.format, change));
  return 0;
}
