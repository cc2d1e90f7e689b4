/** @jsxRuntime automatic */
// The MFA prompt: which profile and device, six boxes, and why the last code failed.
import { Box, Text } from 'ink';
import { fit } from '../text.ts';
import { MFA_CODE_LENGTH } from '../../core/mfaCode.ts';
import type { MfaState } from './state.ts';

export interface MfaViewProps {
  readonly state: MfaState;
  readonly width: number;
}

export const MFA_KEYS = 'digits or paste · Enter submit · Backspace erase · Esc back to the list';

export function MfaView({ state, width }: MfaViewProps) {
  const boxes = Array.from({ length: MFA_CODE_LENGTH }, (_, i) => state.digits[i] ?? '_');
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate-end">awsx · MFA code for {fit(state.profile, width - 25)}</Text>
      <Text wrap="truncate-end" dimColor>device {fit(state.serial, width - 8)}</Text>
      <Text> </Text>
      <Text>
        {'  code '}
        {boxes.map((d, i) => <Text key={i} color={d === '_' ? undefined : 'cyan'} bold>{` ${d} `}</Text>)}
        {state.status === 'checking' ? <Text color="yellow">  checking…</Text> : null}
      </Text>
      <Text> </Text>
      <Text color="red" wrap="wrap">{state.problem ?? ' '}</Text>
      <Text dimColor wrap="truncate-end">{MFA_KEYS}</Text>
    </Box>
  );
}
