// The picker's keys: typing edits the query, the rest move, pick, open the console, switch
// screens or leave.
import { useInput } from 'ink';
import type { PickerAction } from './state.ts';

export interface UsePickerProps {
  readonly isActive: boolean;
  readonly dispatch: (action: PickerAction) => void;
  readonly onSelect: () => void;
  /** Esc ('escape') or Ctrl-C ('interrupt'): leave, changing nothing. */
  readonly onCancel: (how: 'escape' | 'interrupt') => void;
  readonly onOpenSessions: () => void;
  readonly onNewProfile: () => void;
  /** Ctrl-E (plain letters type into the search). */
  readonly onOpenConsole: () => void;
}

export function usePicker({ isActive, dispatch, onSelect, onCancel, onOpenSessions, onNewProfile, onOpenConsole }: UsePickerProps): void {
  useInput((input, key) => {
    if (key.escape) return onCancel('escape');
    if (key.ctrl && input === 'c') return onCancel('interrupt');
    if (key.return) return onSelect();
    if (key.tab) return onOpenSessions();
    if (key.ctrl && input === 'o') return onNewProfile();
    if (key.ctrl && input === 'e') return onOpenConsole();
    if (key.upArrow || (key.ctrl && input === 'p')) return dispatch({ type: 'move', by: -1 });
    if (key.downArrow || (key.ctrl && input === 'n')) return dispatch({ type: 'move', by: 1 });
    if (key.pageUp) return dispatch({ type: 'page', by: -1 });
    if (key.pageDown) return dispatch({ type: 'page', by: 1 });
    if (key.home) return dispatch({ type: 'first' });
    if (key.end) return dispatch({ type: 'last' });
    if (key.ctrl && input === 'u') return dispatch({ type: 'clear' });
    if (key.ctrl && input === 'w') return dispatch({ type: 'delete-word' });
    if (key.backspace || key.delete) return dispatch({ type: 'delete-back' });
    if (key.ctrl || key.meta || input === '') return;
    dispatch({ type: 'insert', text: input });
  }, { isActive });
}
