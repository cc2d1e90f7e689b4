/** @jsxRuntime automatic */
// The MFA prompt wired up: its keys and its view. Its state lives in the App's flow.
import { useMfa, type UseMfaProps } from './useMfa.ts';
import { MfaView } from './view.tsx';
import type { MfaState } from './state.ts';

export interface MfaScreenProps extends UseMfaProps {
  readonly state: MfaState;
  readonly width: number;
}

export function MfaScreen(props: MfaScreenProps) {
  useMfa(props);
  return <MfaView state={props.state} width={props.width} />;
}
