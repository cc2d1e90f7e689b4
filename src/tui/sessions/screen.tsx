/** @jsxRuntime automatic */
// The sessions screen wired up: its reducer, its keys, and the forget requests.
import { useCallback, useEffect, useReducer } from 'react';
import { toErrorInfo, type SessionInfo } from '../backend.ts';
import { createSessionsState, sessionsReducer } from './state.ts';
import { useSessions } from './useSessions.ts';
import { SessionsView } from './view.tsx';

export interface SessionsScreenProps {
  readonly isActive: boolean;
  readonly sessions: readonly SessionInfo[];
  readonly now: number;
  readonly width: number;
  readonly rows: number;
  /** A message to open with ("Refreshed prod."). */
  readonly notice?: string | undefined;
  readonly forget: (profile?: string) => Promise<number>;
  /** Asks the daemon for the list again. */
  readonly onReload: () => void;
  readonly onRefresh: (profile: string) => void;
  readonly onBack: () => void;
  readonly onCancel: (how: 'escape' | 'interrupt') => void;
}

export function SessionsScreen(props: SessionsScreenProps) {
  const { sessions, forget, onReload } = props;
  const [state, dispatch] = useReducer(sessionsReducer, undefined, () => ({ ...createSessionsState(sessions), message: props.notice }));
  useEffect(() => dispatch({ type: 'loaded', sessions }), [sessions]);
  const onForget = useCallback((profile: string | undefined) => {
    dispatch({ type: 'busy' });
    forget(profile).then((dropped) => {
      const what = profile === undefined ? `all sessions (${dropped})` : `${profile} (${dropped} session${dropped === 1 ? '' : 's'})`;
      dispatch({ type: 'done', message: `Forgot ${what}.` });
      onReload();
    }, (e: unknown) => dispatch({ type: 'failed', error: toErrorInfo(e) }));
  }, [forget, onReload]);
  useSessions({ ...props, state, dispatch, onForget });
  return <SessionsView state={state} now={props.now} width={props.width} rows={props.rows} />;
}
