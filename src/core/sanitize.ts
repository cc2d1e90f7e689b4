// Terminal-safe text: C0/C1 control characters (ESC, BEL, CSI...) in profile names, file
// contents or STS error text are shown as visible escapes, never sent raw to a terminal
// (docs/security.md T6: OSC 52 clipboard writes, title changes, screen clears).

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function inert(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    if (code === 0x1b) return '\\e';
    return `\\x${code.toString(16).padStart(2, '0')}`;
  });
}
