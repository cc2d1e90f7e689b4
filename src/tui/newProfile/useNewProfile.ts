// The new-profile screen's keys: edit the field, move between fields, Enter to go on
// (from the last field: preview the diff), y to write the previewed profile.
import { useInput } from 'ink';
import type { NewProfileAction, NewProfileState } from './state.ts';

export interface UseNewProfileProps {
  readonly isActive: boolean;
  readonly state: NewProfileState;
  readonly dispatch: (action: NewProfileAction) => void;
  readonly onSubmit: () => void;
  readonly onWrite: () => void;
  readonly onBack: () => void;
  readonly onCancel: (how: 'escape' | 'interrupt') => void;
}

export function useNewProfile({ isActive, state, dispatch, onSubmit, onWrite, onBack, onCancel }: UseNewProfileProps): void {
  useInput((input, key) => {
    // A write in progress finishes: leaving now could leave one file written and not the other.
    if (state.stage === 'writing') return;
    if (key.ctrl && input === 'c') return onCancel('interrupt');
    if (state.stage === 'preview') {
      if (input === 'y' || input === 'Y' || key.return) return onWrite();
      if (input === 'n' || input === 'N' || key.escape) return dispatch({ type: 'edit' });
      return;
    }
    if (key.escape) return onBack();
    if (key.return) return onSubmit();
    if ((key.tab && key.shift) || key.upArrow) return dispatch({ type: 'focus', by: -1 });
    if (key.tab || key.downArrow) return dispatch({ type: 'focus', by: 1 });
    if (key.backspace || key.delete) return dispatch({ type: 'delete-back' });
    if (key.ctrl && input === 'u') return dispatch({ type: 'clear-field' });
    if (key.ctrl && input === 't') return dispatch({ type: 'switch-kind' });
    if (key.ctrl || key.meta || input === '') return;
    dispatch({ type: 'input', text: input });
  }, { isActive });
}
