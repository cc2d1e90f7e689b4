// The daemon's sessions for the picker's countdowns and the sessions screen: fetched at
// start, every `pollMs`, and on demand. A daemon that is not running has no sessions.
import { useCallback, useEffect, useState } from 'react';
import type { DaemonBackend, SessionInfo } from '../backend.ts';

export function useSessionList(daemon: DaemonBackend, pollMs: number): { readonly sessions: readonly SessionInfo[]; readonly reload: () => void } {
  const [sessions, setSessions] = useState<readonly SessionInfo[]>([]);
  const reload = useCallback(() => {
    daemon.sessions().then(setSessions, () => setSessions([]));
  }, [daemon]);
  useEffect(() => {
    reload();
    const timer = setInterval(reload, pollMs);
    return () => clearInterval(timer);
  }, [reload, pollMs]);
  return { sessions, reload };
}
