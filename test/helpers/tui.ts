// Driving an Ink screen in tests: key sequences as a terminal sends them, waiting for a
// frame (polling, never sleeping a fixed time), letting React settle between keys (its
// scheduler idle, not a time), and resizing the fake terminal.
import { createRequire } from 'node:module';
import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { waitFor } from './waitFor.ts';

export { waitFor };

export type TuiInstance = ReturnType<typeof render>;

export const KEY = {
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  pageUp: '\x1b[5~',
  pageDown: '\x1b[6~',
  home: '\x1b[H',
  end: '\x1b[F',
  enter: '\r',
  escape: '\x1b',
  tab: '\t',
  shiftTab: '\x1b[Z',
  backspace: '\x7f',
  ctrlC: '\x03',
  ctrlE: '\x05',
  ctrlN: '\x0e',
  ctrlO: '\x0f',
  ctrlP: '\x10',
  ctrlT: '\x14',
  ctrlU: '\x15',
  ctrlW: '\x17',
} as const;

/** The last frame once it satisfies `expected` (a substring, a pattern or a predicate). */
export async function frameWith(ui: TuiInstance, expected: string | RegExp | ((frame: string) => boolean), timeoutMs = 15_000): Promise<string> {
  const test = typeof expected === 'string' ? (f: string) => f.includes(expected)
    : expected instanceof RegExp ? (f: string) => expected.test(f) : expected;
  try {
    await waitFor(() => test(ui.lastFrame() ?? ''), String(expected), timeoutMs);
  } catch (e) {
    throw new Error(`${(e as Error).message}; last frame:\n${ui.lastFrame()}`);
  }
  // A new screen is drawn before its input handlers attach (React runs effects after the commit).
  await settle();
  return ui.lastFrame()!;
}

/** Renders and waits for the first frame and for input handlers to be attached. */
export async function renderTui(element: ReactElement): Promise<TuiInstance> {
  const ui = render(element);
  await waitFor(() => (ui.lastFrame() ?? '') !== '', 'the first frame');
  await settle();
  return ui;
}

// React's scheduler: the module instance react-reconciler (Ink) queues its work on.
const scheduler = createRequire(import.meta.url)('scheduler') as {
  unstable_scheduleCallback(priority: number, callback: () => void): unknown;
  readonly unstable_IdlePriority: number;
};

/** Resolves once React's scheduler has run every task queued before (an idle task runs last). */
function schedulerIdle(): Promise<void> {
  return new Promise((r) => scheduler.unstable_scheduleCallback(scheduler.unstable_IdlePriority, r));
}

/**
 * Lets React commit and its effects run, however slow the machine: input handlers attach,
 * with the state of the last render, in effects, and a key read before that would go to
 * the previous handler. Twice, with a turn of the event loop between: Ink hands a lone Esc
 * on in a setImmediate of its own.
 */
export async function settle(): Promise<void> {
  await schedulerIdle();
  await new Promise((r) => setImmediate(r));
  await schedulerIdle();
}

/**
 * Sends each chunk as a separate read, as separate keypresses arrive, letting the UI
 * settle between them. The fake stdin drops what is written while no screen listens (a
 * real tty buffers it), so each write waits for a listener first.
 */
export async function press(ui: TuiInstance, ...chunks: string[]): Promise<void> {
  for (const chunk of chunks) {
    await waitFor(() => ui.stdin.listenerCount('readable') > 0, 'a screen reading input');
    ui.stdin.write(chunk);
    await settle();
  }
}

/** Types text one character per keypress. */
export async function type(ui: TuiInstance, text: string): Promise<void> {
  await press(ui, ...[...text]);
}

/** Changes the fake terminal's size and signals it, as SIGWINCH does for a tty. */
export function resize(ui: TuiInstance, columns: number, rows: number): void {
  Object.defineProperty(ui.stdout, 'columns', { value: columns, configurable: true });
  Object.defineProperty(ui.stdout, 'rows', { value: rows, configurable: true });
  ui.stdout.emit('resize');
}

/** Every line of the frame fits in `columns` cells (code points; the tests use no wide characters). */
export function widestLine(frame: string): number {
  return Math.max(...frame.split('\n').map((l) => [...l].length));
}
