// The new-profile screen: the form (values, focus, inline problems), then the diff the
// profile would make, then the write. Problems show for a field once it has been typed
// in or once a preview was asked for, not while the form is still untouched. The form is
// of one kind at a time (an assume-role profile, or long-term keys); switching keeps what
// was typed, by key.
import type { ErrorInfo, PreviewOutcome } from '../backend.ts';
import { EMPTY_VALUES, FORM_FIELDS, formProblems, type FieldKey, type FormKind, type FormValues } from './form.ts';

export interface NewProfileState {
  readonly kind: FormKind;
  readonly values: FormValues;
  readonly focus: number;
  readonly stage: 'editing' | 'preview' | 'writing';
  readonly problems: Readonly<Partial<Record<FieldKey, string>>>;
  readonly touched: ReadonlySet<FieldKey>;
  /** Why the whole profile cannot be written (the editor's rules), or why the write failed. */
  readonly error: ErrorInfo | undefined;
  readonly diff: string | undefined;
  /**
   * Enter on the last field of a clean form: the screen previews the diff. Decided here,
   * from the state the key actually met, not from the render the key handler saw (two
   * quick Enters would otherwise both find the focus one field short).
   */
  readonly previewWanted: boolean;
}

export type NewProfileAction =
  | { readonly type: 'input'; readonly text: string }
  | { readonly type: 'delete-back' }
  | { readonly type: 'clear-field' }
  | { readonly type: 'focus'; readonly by: number }
  | { readonly type: 'switch-kind' }
  /** Enter: the next field, or from the last one a preview request (see wantsPreview). */
  | { readonly type: 'submit' }
  | { readonly type: 'previewed'; readonly outcome: PreviewOutcome }
  | { readonly type: 'edit' }
  | { readonly type: 'writing' }
  | { readonly type: 'write-failed'; readonly error: ErrorInfo };

export const MAX_VALUE = 2048;

export function createNewProfileState(values: Partial<FormValues> = {}, kind: FormKind = 'role'): NewProfileState {
  const all = { ...EMPTY_VALUES, ...values };
  return { kind, values: all, focus: 0, stage: 'editing', problems: formProblems(kind, all), touched: new Set(), error: undefined, diff: undefined, previewWanted: false };
}

const fieldsOf = (state: NewProfileState) => FORM_FIELDS[state.kind];

export function focusedKey(state: NewProfileState): FieldKey {
  return fieldsOf(state)[state.focus]!.key;
}

/** The problems to show: those of touched fields. */
export function shownProblem(state: NewProfileState, key: FieldKey): string | undefined {
  return state.touched.has(key) ? state.problems[key] : undefined;
}

/** Submitted from the last field with nothing wrong: the caller previews the diff. */
export function wantsPreview(state: NewProfileState): boolean {
  return state.stage === 'editing' && state.focus === fieldsOf(state).length - 1 && Object.keys(state.problems).length === 0;
}

function setValue(state: NewProfileState, value: string): NewProfileState {
  const key = focusedKey(state);
  const values = { ...state.values, [key]: value.slice(0, MAX_VALUE) };
  return { ...state, values, problems: formProblems(state.kind, values), touched: new Set([...state.touched, key]), error: undefined };
}

function submit(state: NewProfileState): NewProfileState {
  const fields = fieldsOf(state);
  if (wantsPreview(state)) return { ...state, previewWanted: true };
  if (state.focus < fields.length - 1) return { ...state, focus: state.focus + 1 };
  // From the last field: every problem shows, and the cursor goes to the first one.
  const touched = new Set(fields.map((f) => f.key));
  const first = fields.findIndex((f) => state.problems[f.key] !== undefined);
  return { ...state, touched, focus: first >= 0 ? first : state.focus };
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

export function newProfileReducer(state: NewProfileState, action: NewProfileAction): NewProfileState {
  if (state.stage === 'writing' && action.type !== 'write-failed') return state;
  switch (action.type) {
    case 'input':
      return state.stage === 'editing' ? setValue(state, state.values[focusedKey(state)] + action.text.replace(CONTROL, '')) : state;
    case 'delete-back':
      return state.stage === 'editing' ? setValue(state, [...state.values[focusedKey(state)]].slice(0, -1).join('')) : state;
    case 'clear-field':
      return state.stage === 'editing' ? setValue(state, '') : state;
    case 'focus':
      return state.stage !== 'editing' ? state : { ...state, focus: (state.focus + action.by + fieldsOf(state).length) % fieldsOf(state).length };
    case 'switch-kind': {
      if (state.stage !== 'editing') return state;
      const kind = state.kind === 'role' ? 'keys' : 'role';
      return { ...state, kind, focus: 0, problems: formProblems(kind, state.values), touched: new Set(), error: undefined };
    }
    case 'submit':
      return state.stage === 'editing' ? submit(state) : state;
    case 'previewed':
      return action.outcome.ok
        ? { ...state, stage: 'preview', diff: action.outcome.diff, error: undefined, previewWanted: false }
        : { ...state, stage: 'editing', error: action.outcome.error, previewWanted: false };
    case 'edit':
      return { ...state, stage: 'editing', diff: undefined };
    case 'writing':
      return { ...state, stage: 'writing' };
    case 'write-failed':
      return { ...state, stage: 'editing', diff: undefined, error: action.error };
  }
}
