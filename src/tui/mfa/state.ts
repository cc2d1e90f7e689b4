// The MFA entry: up to six digits, sent as soon as the sixth arrives (typed or pasted in
// one chunk); a rejected or reused code clears the entry and says why.
import { MFA_CODE_LENGTH } from '../../core/mfaCode.ts';
import type { MfaReason } from '../backend.ts';


export interface MfaState {
  readonly profile: string;
  /** The device the daemon named (mfa_serial). */
  readonly serial: string;
  readonly digits: string;
  /** 'checking': the code is with the daemon; keys wait. */
  readonly status: 'typing' | 'checking';
  /** Why the last code did not work, in words; undefined after a fresh prompt. */
  readonly problem: string | undefined;
}

export type MfaAction =
  | { readonly type: 'input'; readonly text: string }
  | { readonly type: 'delete-back' }
  | { readonly type: 'clear' }
  | { readonly type: 'submit' }
  /** The daemon asked again: the code was rejected or already used. */
  | { readonly type: 'asked-again'; readonly reason: MfaReason };

const PROBLEMS: Readonly<Record<MfaReason, string | undefined>> = {
  'no-code': undefined,
  'code-rejected': 'That code was not accepted. Check the device and type the current code.',
  'code-reused': 'That code was already used (each code works once). Wait for the next one.',
};

export function createMfaState(profile: string, serial: string, reason: MfaReason = 'no-code'): MfaState {
  return { profile, serial, digits: '', status: 'typing', problem: PROBLEMS[reason] };
}

function submit(state: MfaState): MfaState {
  if (state.digits.length === MFA_CODE_LENGTH) return { ...state, status: 'checking', problem: undefined };
  return { ...state, problem: `An MFA code is ${MFA_CODE_LENGTH} digits.` };
}

export function mfaReducer(state: MfaState, action: MfaAction): MfaState {
  if (state.status === 'checking' && action.type !== 'asked-again') return state;
  switch (action.type) {
    case 'input': {
      const digits = (state.digits + action.text.replace(/\D/g, '')).slice(0, MFA_CODE_LENGTH);
      if (digits === state.digits) return state;
      const next = { ...state, digits };
      return digits.length === MFA_CODE_LENGTH ? submit(next) : next;
    }
    case 'delete-back':
      return { ...state, digits: state.digits.slice(0, -1) };
    case 'clear':
      return { ...state, digits: '' };
    case 'submit':
      return submit(state);
    case 'asked-again':
      return { ...state, digits: '', status: 'typing', problem: PROBLEMS[action.reason] ?? PROBLEMS['code-rejected'] };
  }
}
