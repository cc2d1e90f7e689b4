// "1h05m", "12m", "40s", "expired": how long a session has, for `awsx sessions`.
export function formatTimeLeft(expiration: Date | undefined, now: number = Date.now()): string | undefined {
  if (expiration === undefined) return undefined;
  const s = Math.floor((expiration.getTime() - now) / 1000);
  if (s <= 0) return 'expired';
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  return `${h}h${String(m % 60).padStart(2, '0')}m`;
}
