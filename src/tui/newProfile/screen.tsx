/** @jsxRuntime automatic */
// The new-profile screen wired up: the form's reducer and keys, the preview through the
// profile editor, and the write.
import { useCallback, useEffect, useReducer } from 'react';
import type { ProfileSummary } from '../../core/config/summary.ts';
import { toErrorInfo, type ProfileWriter } from '../backend.ts';
import { formKeys, type FormKind } from './form.ts';
import { createNewProfileState, newProfileReducer } from './state.ts';
import { useNewProfile } from './useNewProfile.ts';
import { NewProfileView } from './view.tsx';

export interface NewProfileScreenProps {
  readonly isActive: boolean;
  readonly writer: ProfileWriter;
  /** The kind of profile the form starts with (Ctrl-T switches). */
  readonly kind: FormKind;
  readonly width: number;
  readonly rows: number;
  readonly onWritten: (name: string, message: string, profiles: readonly ProfileSummary[]) => void;
  readonly onBack: () => void;
  readonly onCancel: (how: 'escape' | 'interrupt') => void;
}

export function NewProfileScreen(props: NewProfileScreenProps) {
  const { writer, onWritten } = props;
  const [state, dispatch] = useReducer(newProfileReducer, undefined, () => createNewProfileState({}, props.kind));
  const onSubmit = useCallback(() => dispatch({ type: 'submit' }), []);
  useEffect(() => {
    if (!state.previewWanted) return;
    try {
      dispatch({ type: 'previewed', outcome: writer.preview(state.values.name, formKeys(state.kind, state.values)) });
    } catch (e) {
      dispatch({ type: 'previewed', outcome: { ok: false, error: toErrorInfo(e) } });
    }
  }, [state.previewWanted]); // once per request: the state it reads is the one that asked
  const onWrite = useCallback(() => {
    dispatch({ type: 'writing' });
    writer.write(state.values.name, formKeys(state.kind, state.values)).then((r) => {
      if (r.ok) onWritten(state.values.name, r.message, r.profiles);
      else dispatch({ type: 'write-failed', error: r.error });
    }, (e: unknown) => dispatch({ type: 'write-failed', error: toErrorInfo(e) }));
  }, [state, writer, onWritten]);
  useNewProfile({ ...props, state, dispatch, onSubmit, onWrite });
  return <NewProfileView state={state} width={props.width} rows={props.rows} />;
}
