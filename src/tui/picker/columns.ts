// Which columns the picker shows at a given width, and how wide each is. At 80 columns:
// name, account, role, region, time left, MFA; the source joins at 100; narrower
// terminals drop region, then role (the details line under the list still shows them).

export interface Columns {
  readonly name: number;
  readonly account: number;
  readonly role: number;
  readonly region: number;
  readonly source: number;
  readonly left: number;
  readonly mfa: number;
}

/** The selection marker before each row. */
export const MARKER_WIDTH = 2;

export function pickerColumns(width: number): Columns {
  // One cell spare: some terminals wrap when the last column is written.
  const usable = Math.max(20, width - 1) - MARKER_WIDTH;
  const account = 12;
  const left = 7;
  const mfa = 3;
  const region = usable >= 62 ? 14 : 0;
  const source = usable >= 97 ? 16 : 0;
  const shown = [account, left, mfa, region, source].filter((w) => w > 0).length;
  const wantsRole = usable >= 54;
  // Every shown column but the last is followed by one space.
  const gaps = shown + (wantsRole ? 1 : 0);
  const flexible = usable - account - left - mfa - region - source - gaps;
  const role = wantsRole ? Math.min(24, Math.max(8, Math.floor(flexible * 0.4))) : 0;
  return { name: Math.max(8, flexible - role), account, role, region, source, left, mfa };
}
