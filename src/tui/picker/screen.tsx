/** @jsxRuntime automatic */
// The picker wired up: its keys and its view. Its state lives in the App, so the query
// and the cursor survive a trip to the MFA prompt or the sessions screen.
import type { SessionInfo } from '../backend.ts';
import { usePicker, type UsePickerProps } from './usePicker.ts';
import { PickerView } from './view.tsx';
import type { PickerState } from './state.ts';

export interface PickerScreenProps extends UsePickerProps {
  readonly state: PickerState;
  readonly sessions: ReadonlyMap<string, SessionInfo>;
  readonly now: number;
  readonly width: number;
  readonly notice: string | undefined;
}

export function PickerScreen(props: PickerScreenProps) {
  usePicker(props);
  return <PickerView state={props.state} sessions={props.sessions} now={props.now} width={props.width} notice={props.notice} />;
}
