// Terminal-safe text: C0/C1 control characters (ESC, BEL, CSI...) in profile names, file
// contents or STS error text are shown as visible escapes, never sent raw to a terminal
// (docs/security.md T6: OSC 52 clipboard writes, title changes, screen clears).

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_AND_BREAKS = /[\u0000-\u001f\u007f-\u009f]/g;
const NAMED: Readonly<Record<string, string>> = { '\u001b': '\\e', '\n': '\\n', '\t': '\\t', '\r': '\\r' };

function visible(c: string): string {
  return NAMED[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
}

/** For a terminal: control characters made visible; newlines and tabs kept. */
export function inert(text: string): string {
  return text.replace(CONTROL, visible);
}

/** For one line of a log: as inert, and newlines and tabs made visible too, so that no
 *  value can start a line of its own (docs/security.md test 52). */
export function inertLine(text: string): string {
  return text.replace(CONTROL_AND_BREAKS, visible);
}
