/** @jsxRuntime automatic */
// (Each .tsx file names its JSX runtime: tsx, run from outside the repo as the
// from-source wrapper does, finds no tsconfig and would otherwise compile React.createElement.)
// The whole TUI: the picker, the MFA prompt, the sessions and new-profile screens, and
// the flow between them. Everything from outside comes in as props (profiles, history,
// the daemon, the profile editor, the clock), and the result leaves through onDone.
import { Box } from 'ink';
import { useCallback, useEffect, useMemo, useReducer, type ReactElement } from 'react';
import type { ProfileSummary } from '../../core/config/summary.ts';
import type { DaemonBackend, ProfileWriter, SessionInfo } from '../backend.ts';
import { boostsFor, type PickRecord } from '../history.ts';
import { MfaScreen } from '../mfa/screen.tsx';
import { NewProfileScreen } from '../newProfile/screen.tsx';
import { PickerScreen } from '../picker/screen.tsx';
import { createPickerState, pickerReducer } from '../picker/state.ts';
import { PICKER_CHROME } from '../picker/view.tsx';
import { useWarmSearch } from '../picker/useWarmSearch.ts';
import { SessionsScreen } from '../sessions/screen.tsx';
import { useNow, type Clock } from '../useNow.ts';
import { useTerminalSize } from '../useTerminalSize.ts';
import { ErrorView, ResolvingView, useFlowKeys } from './flowViews.tsx';
import { INITIAL_APP_STATE, appReducer, type PickOutcome } from './state.ts';
import { useResolveFlow } from './useResolveFlow.ts';
import { useSessionList } from './useSessionList.ts';

export interface AppProps {
  readonly profiles: readonly ProfileSummary[];
  readonly history: readonly PickRecord[];
  readonly daemon: DaemonBackend;
  readonly writer: ProfileWriter;
  readonly onDone: (outcome: PickOutcome) => void;
  readonly initialQuery?: string;
  readonly clock?: Clock;
  /** How often countdowns tick. */
  readonly tickMs?: number;
  /** How often the session list is fetched again. */
  readonly pollMs?: number;
}

export function App({ profiles, history, daemon, writer, onDone, initialQuery, clock = Date.now, tickMs = 1000, pollMs = 5000 }: AppProps) {
  const { columns: width, rows } = useTerminalSize();
  const now = useNow(clock, tickMs);
  const boostsOf = useCallback((list: readonly ProfileSummary[]) => boostsFor(list.map((p) => p.name), history, clock()), [history, clock]);
  const [picker, pickerDispatch] = useReducer(pickerReducer, undefined,
    () => createPickerState({ profiles, boosts: boostsOf(profiles), pageSize: rows - PICKER_CHROME, query: initialQuery }));
  const [app, dispatch] = useReducer(appReducer, INITIAL_APP_STATE);
  const { sessions, reload } = useSessionList(daemon, pollMs);
  const byProfile = useMemo(() => new Map<string, SessionInfo>(sessions.map((s) => [s.profile, s])), [sessions]);
  const { screen, notice } = app;

  useEffect(() => pickerDispatch({ type: 'resize', pageSize: rows - PICKER_CHROME }), [rows]);
  useWarmSearch(picker.entries);
  useResolveFlow(screen, dispatch, daemon);
  useEffect(() => {
    if (screen.kind === 'done') onDone(screen.outcome);
    if (screen.kind === 'sessions' || screen.kind === 'picker') reload();
  }, [screen, onDone, reload]);

  const onCancel = useCallback((how: 'escape' | 'interrupt') => dispatch({ type: 'quit', how }), []);
  const onBack = useCallback(() => dispatch({ type: 'back' }), []);
  const toPicker = useCallback(() => dispatch({ type: 'show', screen: 'picker' }), []);
  // Enter goes through the picker's reducer, after the keys typed before it: read from this
  // render's state, the choice could miss keys that arrived in the same chunk (React renders
  // them later) or that the key handler, which Ink re-subscribes in an effect, has not seen.
  const onSelect = useCallback(() => pickerDispatch({ type: 'choose' }), []);
  useEffect(() => {
    if (picker.chosen !== undefined) dispatch({ type: 'resolve', profile: picker.chosen.profile, purpose: 'pick' });
  }, [picker.chosen]);
  const onOpenConsole = useCallback(() => pickerDispatch({ type: 'open-console' }), []);
  useEffect(() => {
    if (picker.consoleFor !== undefined) dispatch({ type: 'resolve', profile: picker.consoleFor.profile, purpose: 'console' });
  }, [picker.consoleFor]);
  // The new profile is put under the cursor: Enter assumes it.
  const onWritten = useCallback((name: string, message: string, list: readonly ProfileSummary[]) => {
    pickerDispatch({ type: 'reset', init: { profiles: list, boosts: boostsOf(list), query: name } });
    dispatch({ type: 'show', screen: 'picker', notice: message });
  }, [boostsOf]);
  const flow = screen.kind === 'resolving' || screen.kind === 'error' ? screen.flow : undefined;
  useFlowKeys({ isInFlow: flow !== undefined, onBack, onCancel });

  return (
    <Box flexDirection="column" width={width}>
      {screen.kind === 'picker' ? (
        <PickerScreen isActive state={picker} dispatch={pickerDispatch} sessions={byProfile} now={now} width={width} notice={notice}
          onSelect={onSelect} onCancel={onCancel} onOpenSessions={() => dispatch({ type: 'show', screen: 'sessions' })}
          onNewProfile={() => dispatch({ type: 'show', screen: 'new-profile' })} onOpenConsole={onOpenConsole} />
      ) : null}
      {screen.kind === 'sessions' ? (
        <SessionsScreen isActive sessions={sessions} now={now} width={width} rows={rows} notice={notice} forget={(p) => daemon.forget(p)}
          onReload={reload} onRefresh={(profile) => dispatch({ type: 'resolve', profile, purpose: 'refresh' })}
          onBack={toPicker} onCancel={onCancel} />
      ) : null}
      {screen.kind === 'new-profile' ? (
        <NewProfileScreen isActive writer={writer} kind={picker.entries.length === 0 ? 'keys' : 'role'} width={width} rows={rows} onWritten={onWritten} onBack={toPicker} onCancel={onCancel} />
      ) : null}
      {screen.kind === 'mfa' ? (
        <MfaScreen isActive state={screen.mfa} width={width} dispatch={(action) => dispatch({ type: 'mfa', action })} onCancel={(how) => (how === 'escape' ? onBack() : onCancel(how))} />
      ) : null}
      {screen.kind === 'resolving' ? <ResolvingView profile={screen.flow.profile} isConsole={screen.flow.purpose === 'console'} width={width} /> : null}
      {screen.kind === 'error' ? <ErrorView profile={screen.flow.profile} error={screen.error} width={width} /> : null}
    </Box>
  );
}

/** The App as an element, for the CLI to render without importing React itself. */
export function appElement(props: AppProps): ReactElement {
  return <App {...props} />;
}
