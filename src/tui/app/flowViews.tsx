/** @jsxRuntime automatic */
// The screens between a pick and its credentials: waiting for the daemon, and an error
// with its fix (the engine's message and hint; never a stack trace).
import { Box, Text, useInput } from 'ink';
import type { ErrorInfo } from '../backend.ts';
import { ErrorLines } from '../sessions/view.tsx';
import { fit } from '../text.ts';

export interface FlowKeysProps {
  /** A resolve is pending or its error is shown. */
  readonly isInFlow: boolean;
  readonly onBack: () => void;
  readonly onCancel: (how: 'escape' | 'interrupt') => void;
}

/**
 * Esc (or Enter on an error) goes back; Ctrl-C leaves awsx. Always subscribed, even when
 * no flow is up: Ink leaves raw mode and drops a half-read Esc whenever the last input
 * hook unsubscribes, which would happen for a moment at every change of screen.
 */
export function useFlowKeys({ isInFlow, onBack, onCancel }: FlowKeysProps): void {
  useInput((input, key) => {
    if (!isInFlow) return;
    if (key.ctrl && input === 'c') return onCancel('interrupt');
    if (key.escape || key.return) onBack();
  });
}

export function ResolvingView({ profile, isConsole = false, width }: { readonly profile: string; readonly isConsole?: boolean; readonly width: number }) {
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate-end">awsx · {fit(profile, width - 10)}</Text>
      <Text color="yellow">{isConsole ? 'Opening the AWS console in the browser…' : 'Getting credentials from the daemon…'}</Text>
      <Text dimColor>Esc back to the list</Text>
    </Box>
  );
}

export function ErrorView({ profile, error, width }: { readonly profile: string; readonly error: ErrorInfo; readonly width: number }) {
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate-end">awsx · could not get credentials for {fit(profile, width - 40)}</Text>
      <Text dimColor>{fit(error.code, 60)}</Text>
      <ErrorLines error={error} width={width} />
      <Text dimColor>Enter/Esc back to the list · Ctrl-C quit</Text>
    </Box>
  );
}
