// The sessions screen's keys. While a forget-all waits for its confirmation only y counts.
import { useInput } from 'ink';
import { selectedSession, type SessionsAction, type SessionsState } from './state.ts';

export interface UseSessionsProps {
  readonly isActive: boolean;
  readonly state: SessionsState;
  readonly dispatch: (action: SessionsAction) => void;
  /** One profile's sessions, or every session when `profile` is undefined. */
  readonly onForget: (profile: string | undefined) => void;
  readonly onRefresh: (profile: string) => void;
  readonly onBack: () => void;
  readonly onCancel: (how: 'escape' | 'interrupt') => void;
}

export function useSessions({ isActive, state, dispatch, onForget, onRefresh, onBack, onCancel }: UseSessionsProps): void {
  useInput((input, key) => {
    if (key.ctrl && input === 'c') return onCancel('interrupt');
    if (state.status === 'busy') return;
    if (state.status === 'confirm-all') return input === 'y' || input === 'Y' ? onForget(undefined) : dispatch({ type: 'dismiss' });
    if (key.escape || key.tab) return onBack();
    if (key.upArrow || (key.ctrl && input === 'p')) return dispatch({ type: 'move', by: -1 });
    if (key.downArrow || (key.ctrl && input === 'n')) return dispatch({ type: 'move', by: 1 });
    const selected = selectedSession(state);
    if (input === 'D') return dispatch({ type: 'ask-forget-all' });
    if (selected && (input === 'd' || key.delete)) return onForget(selected.profile);
    if (selected && input === 'r') return onRefresh(selected.profile);
  }, { isActive });
}
