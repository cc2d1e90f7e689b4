// The current time, ticking: what makes the countdowns live. The clock and the tick are
// injectable so tests control time.
import { useEffect, useState } from 'react';

export type Clock = () => number;

export function useNow(clock: Clock, tickMs: number): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    const timer = setInterval(() => setNow(clock()), tickMs);
    return () => clearInterval(timer);
  }, [clock, tickMs]);
  return now;
}
