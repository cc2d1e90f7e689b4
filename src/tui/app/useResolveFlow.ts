// Sends what the current screen waits for (a resolve, or a resolve with the MFA code) to
// the daemon and feeds the answer back, tagged with its flow's token.
import { useEffect } from 'react';
import { toErrorInfo, type DaemonBackend } from '../backend.ts';
import { pendingRequest, type AppAction, type Screen } from './state.ts';

export function useResolveFlow(screen: Screen, dispatch: (action: AppAction) => void, daemon: DaemonBackend): void {
  useEffect(() => {
    const request = pendingRequest(screen);
    if (request === undefined) return;
    const { flow, mfaCode } = request;
    const options = { forceRefresh: flow.purpose === 'refresh', ...(mfaCode === undefined ? {} : { mfaCode }) };
    daemon.resolve(flow.profile, options).then(
      (outcome) => dispatch({ type: 'outcome', token: flow.token, outcome }),
      (e: unknown) => dispatch({ type: 'outcome', token: flow.token, outcome: { kind: 'error', error: toErrorInfo(e) } }),
    );
  }, [screen, dispatch, daemon]);
}
