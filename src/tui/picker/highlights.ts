// Where a match lands on screen: the matched field's positions, mapped onto the columns
// that show it. A hit in the role ARN lights up the account and role columns it contains.
import type { ProfileSummary } from '../../core/config/summary.ts';
import type { MatchDetail } from './rank.ts';

export interface RowHighlights {
  readonly name: readonly number[];
  readonly account: readonly number[];
  readonly role: readonly number[];
  readonly region: readonly number[];
  /** The details line: role ARN and description. */
  readonly roleArn: readonly number[];
  readonly description: readonly number[];
}

const NONE: readonly number[] = [];
export const NO_HIGHLIGHTS: RowHighlights = { name: NONE, account: NONE, role: NONE, region: NONE, roleArn: NONE, description: NONE };

function shift(positions: readonly number[], from: number, length: number): number[] {
  return positions.filter((p) => p >= from && p < from + length).map((p) => p - from);
}

export function rowHighlights(summary: ProfileSummary, detail: MatchDetail | undefined): RowHighlights {
  if (detail === undefined) return NO_HIGHLIGHTS;
  const p = detail.positions;
  switch (detail.field) {
    case 'name': return { ...NO_HIGHLIGHTS, name: p };
    case 'accountId': return { ...NO_HIGHLIGHTS, account: p };
    case 'region': return { ...NO_HIGHLIGHTS, region: p };
    case 'description': return { ...NO_HIGHLIGHTS, description: p };
    case 'roleArn': {
      const arn = summary.roleArn ?? '';
      const account = summary.accountId ?? '';
      const role = summary.roleName ?? '';
      const accountAt = account === '' ? -1 : arn.indexOf(`:${account}:`) + 1;
      return {
        ...NO_HIGHLIGHTS,
        roleArn: p,
        account: accountAt > 0 ? shift(p, accountAt, account.length) : NONE,
        role: role === '' ? NONE : shift(p, arn.length - role.length, role.length),
      };
    }
  }
}
