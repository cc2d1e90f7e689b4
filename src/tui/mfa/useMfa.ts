// The MFA screen's keys: digits (a pasted code arrives as one chunk), Backspace, Enter,
// Esc to give up on this profile, Ctrl-C to leave awsx.
import { useInput } from 'ink';
import type { MfaAction } from './state.ts';

export interface UseMfaProps {
  readonly isActive: boolean;
  readonly dispatch: (action: MfaAction) => void;
  readonly onCancel: (how: 'escape' | 'interrupt') => void;
}

export function useMfa({ isActive, dispatch, onCancel }: UseMfaProps): void {
  useInput((input, key) => {
    if (key.escape) return onCancel('escape');
    if (key.ctrl && input === 'c') return onCancel('interrupt');
    if (key.return) return dispatch({ type: 'submit' });
    if (key.backspace || key.delete) return dispatch({ type: 'delete-back' });
    if (key.ctrl && input === 'u') return dispatch({ type: 'clear' });
    if (key.ctrl || key.meta || input === '') return;
    dispatch({ type: 'input', text: input });
  }, { isActive });
}
