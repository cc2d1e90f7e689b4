/** @jsxRuntime automatic */
// The new-profile form, and the diff it would write with the question before writing.
import { Box, Text } from 'ink';
import { ErrorLines } from '../sessions/view.tsx';
import { cell, fit } from '../text.ts';
import { FORM_FIELDS, isSecretField } from './form.ts';
import { focusedKey, shownProblem, type NewProfileState } from './state.ts';

export interface NewProfileViewProps {
  readonly state: NewProfileState;
  readonly width: number;
  readonly rows: number;
}

export const FORM_KEYS = 'Tab/↑↓ field · Enter next (on the last: preview) · ^U clear · ^T role/keys · Esc back';
const TITLES = { role: 'new assume-role profile', keys: 'new profile with long-term keys' } as const;
const LABEL = 19;

function DiffLine({ line, width }: { readonly line: string; readonly width: number }) {
  const color = line.startsWith('+') && !line.startsWith('+++') ? 'green' : line.startsWith('-') && !line.startsWith('---') ? 'red' : undefined;
  return <Text color={color} dimColor={line.startsWith('@@')} wrap="truncate-end">{fit(line, width) || ' '}</Text>;
}

function Preview({ state, width, rows }: NewProfileViewProps) {
  const lines = (state.diff ?? '').replace(/\n$/, '').split('\n');
  const room = Math.max(3, rows - 5);
  const shown = lines.length > room ? [...lines.slice(0, room - 1), `… ${lines.length - room + 1} more lines`] : lines;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>awsx · new profile {fit(state.values.name, width - 25)}: the change</Text>
      {shown.map((line, i) => <DiffLine key={i} line={line} width={width - 1} />)}
      <Text color="yellow">{state.stage === 'writing' ? 'writing…' : 'Write this? y/Enter write · n/Esc keep editing'}</Text>
    </Box>
  );
}

export function NewProfileView(props: NewProfileViewProps) {
  const { state, width } = props;
  if (state.stage !== 'editing') return <Preview {...props} />;
  const focused = focusedKey(state);
  const problem = shownProblem(state, focused);
  const valueWidth = Math.max(10, width - LABEL - 4);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>awsx · {TITLES[state.kind]}</Text>
      {FORM_FIELDS[state.kind].map((f) => {
        const isFocused = f.key === focused;
        // The secret is never drawn, not even masked by length.
        const value = isSecretField(f.key) && state.values[f.key] !== '' ? '(typed, not shown)' : state.values[f.key];
        const isBad = shownProblem(state, f.key) !== undefined;
        return (
          <Text key={f.key} wrap="truncate-end">
            <Text color="cyan">{isFocused ? '› ' : '  '}</Text>
            <Text color={isBad ? 'red' : undefined} bold={isFocused}>{cell(f.label, LABEL)}</Text>
            {value === '' && !isFocused ? <Text dimColor>{fit(f.example, valueWidth)}</Text> : fit(value, valueWidth - 1)}
            {isFocused ? <Text inverse> </Text> : null}
          </Text>
        );
      })}
      <Text color="red" wrap="wrap">{problem === undefined ? ' ' : fit(problem, 3 * width)}</Text>
      {state.error ? <ErrorLines error={state.error} width={width} /> : null}
      <Text dimColor wrap="truncate-end">{FORM_KEYS}</Text>
    </Box>
  );
}
