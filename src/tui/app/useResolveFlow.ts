// Sends what the current screen waits for (a resolve or a console sign-in, with the MFA
// code once typed) to the daemon and feeds the answer back, tagged with its flow's token.
import { useEffect } from 'react';
import { toErrorInfo, type DaemonBackend } from '../backend.ts';
import { pendingRequest, type AppAction, type Screen } from './state.ts';

export function useResolveFlow(screen: Screen, dispatch: (action: AppAction) => void, daemon: DaemonBackend): void {
  useEffect(() => {
    const request = pendingRequest(screen);
    if (request === undefined) return;
    const { flow, mfaCode } = request;
    const code = mfaCode === undefined ? {} : { mfaCode };
    const asked = flow.purpose === 'console' ? daemon.openConsole(flow.profile, code) : daemon.resolve(flow.profile, { forceRefresh: flow.purpose === 'refresh', ...code });
    asked.then(
      (outcome) => dispatch({ type: 'outcome', token: flow.token, outcome }),
      (e: unknown) => dispatch({ type: 'outcome', token: flow.token, outcome: { kind: 'error', error: toErrorInfo(e) } }),
    );
  }, [screen, dispatch, daemon]);
}
