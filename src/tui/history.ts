// Frecency: profiles picked often and lately rise to the top of the picker. Kept as a
// list of records (profile names are values, never object keys: `__proto__` is a valid
// profile name), capped, and read defensively since the file is the user's to edit.

export interface PickRecord {
  readonly profile: string;
  readonly count: number;
  /** Last pick, ms since the epoch. */
  readonly last: number;
}

export const MAX_RECORDS = 500;
const MAX_COUNTED = 20;
const DAY = 24 * 60 * 60 * 1000;

/** Firefox's buckets: a pick counts less as it ages. */
function recencyWeight(ageMs: number): number {
  if (ageMs <= 4 * DAY) return 100;
  if (ageMs <= 14 * DAY) return 70;
  if (ageMs <= 31 * DAY) return 50;
  if (ageMs <= 90 * DAY) return 30;
  return 10;
}

export function frecency(record: PickRecord, now: number): number {
  return Math.min(record.count, MAX_COUNTED) * recencyWeight(now - record.last);
}

/**
 * The ranking bonus: logarithmic, so it lifts a profile over a similar text match (at
 * most about 30 points) but never over a much better one.
 */
export function frecencyBoost(record: PickRecord | undefined, now: number): number {
  return record === undefined ? 0 : 4 * Math.log2(1 + frecency(record, now) / 10);
}

export function recordPick(records: readonly PickRecord[], profile: string, now: number): PickRecord[] {
  const old = records.find((r) => r.profile === profile);
  const rest = records.filter((r) => r.profile !== profile);
  const updated = { profile, count: (old?.count ?? 0) + 1, last: now };
  return [updated, ...rest].sort((a, b) => frecency(b, now) - frecency(a, now)).slice(0, MAX_RECORDS);
}

/** Well-formed records only; anything else in the file is dropped. */
export function parseRecords(value: unknown): PickRecord[] {
  if (!Array.isArray(value)) return [];
  return value.filter((r): r is PickRecord =>
    typeof r === 'object' && r !== null
    && typeof r.profile === 'string' && Number.isSafeInteger(r.count) && r.count > 0
    && Number.isFinite(r.last)).slice(0, MAX_RECORDS).map((r) => ({ profile: r.profile, count: r.count, last: r.last }));
}

/** Boost per profile, in the order of `names`. */
export function boostsFor(names: readonly string[], records: readonly PickRecord[], now: number): Float64Array {
  const byName = new Map(records.map((r) => [r.profile, r]));
  const out = new Float64Array(names.length);
  names.forEach((name, i) => (out[i] = frecencyBoost(byName.get(name), now)));
  return out;
}
