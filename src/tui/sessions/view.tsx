/** @jsxRuntime automatic */
// The sessions the daemon holds, soonest to expire first, with live countdowns.
import { Box, Text } from 'ink';
import type { ErrorInfo } from '../backend.ts';
import { TimeLeft } from '../picker/row.tsx';
import { cell, fit } from '../text.ts';
import type { SessionsState } from './state.ts';

export interface SessionsViewProps {
  readonly state: SessionsState;
  readonly now: number;
  readonly width: number;
  readonly rows: number;
}

export const SESSIONS_KEYS = '↑↓ move · r refresh now · d forget · D forget all · Tab/Esc back';

export function ErrorLines({ error, width }: { readonly error: ErrorInfo; readonly width: number }) {
  return (
    <Box flexDirection="column" width={width}>
      <Text color="red" wrap="wrap">{fit(error.message, 4 * width)}</Text>
      {error.hint ? <Text wrap="wrap">fix: {fit(error.hint, 4 * width)}</Text> : null}
    </Box>
  );
}

function Footer({ state, width }: { readonly state: SessionsState; readonly width: number }) {
  if (state.status === 'confirm-all') return <Text color="yellow">Forget all {state.sessions.length} sessions? y/N</Text>;
  if (state.status === 'busy') return <Text color="yellow">working…</Text>;
  if (state.error) return <ErrorLines error={state.error} width={width} />;
  return <Text color="green" wrap="truncate-end">{fit(state.message, width) || ' '}</Text>;
}

export function SessionsView({ state, now, width, rows }: SessionsViewProps) {
  const name = Math.max(10, Math.min(28, Math.floor(width * 0.3)));
  const identity = Math.max(10, width - name - 2 - 7 - 8 - 4 - 4);
  const visible = Math.max(1, rows - 8);
  const first = Math.max(0, Math.min(state.cursor - visible + 1, state.sessions.length - visible));
  return (
    <Box flexDirection="column" width={width}>
      <Box justifyContent="space-between">
        <Text bold>awsx · sessions</Text>
        <Text dimColor>{state.sessions.length} held by the daemon</Text>
      </Box>
      <Text dimColor>{'  '}{cell('PROFILE', name)} {cell('IDENTITY', identity)} {cell('KEY', 7)} LEFT</Text>
      <Box flexDirection="column" height={visible}>
        {state.sessions.length === 0 ? <Text dimColor>  No sessions: pick a profile to start one.</Text> : null}
        {state.sessions.slice(first, first + visible).map((s, i) => (
          <Text key={s.profile} wrap="truncate-end" bold={first + i === state.cursor}>
            <Text color="cyan">{first + i === state.cursor ? '› ' : '  '}</Text>
            {cell(s.profile, name)} {cell(s.identity, identity)} {cell(s.accessKeyIdSuffix, 7)}{' '}
            <TimeLeft session={s} now={now} width={8} />
            <Text color="magenta">{s.needsMfaToRefresh ? 'mfa' : ''}</Text>
          </Text>
        ))}
      </Box>
      <Footer state={state} width={width} />
      <Text dimColor wrap="truncate-end">{SESSIONS_KEYS}</Text>
    </Box>
  );
}
