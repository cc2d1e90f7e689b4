// Which screen is up and where a pick stands: asking the daemon, asking for an MFA code,
// showing an error, or done. Every answer from the daemon carries the token of the flow
// that asked, so an answer that arrives after the user moved on is dropped.
import type { Credentials } from '../../core/credentials.ts';
import type { ErrorInfo, ResolveOutcome } from '../backend.ts';
import { createMfaState, mfaReducer, type MfaAction, type MfaState } from '../mfa/state.ts';

/** 'pick': assume and hand the credentials to the shell; 'refresh': renew a session now;
 *  'console': open the profile's AWS console in the browser. */
export type Purpose = 'pick' | 'refresh' | 'console';

export interface Flow {
  readonly profile: string;
  readonly purpose: Purpose;
  readonly token: number;
}

export type PickOutcome =
  | { readonly kind: 'picked'; readonly profile: string; readonly credentials: Credentials; readonly region?: string | undefined }
  | { readonly kind: 'cancelled'; readonly how: 'escape' | 'interrupt' };

export type Screen =
  | { readonly kind: 'picker' }
  | { readonly kind: 'sessions' }
  | { readonly kind: 'new-profile' }
  | { readonly kind: 'resolving'; readonly flow: Flow }
  | { readonly kind: 'mfa'; readonly flow: Flow; readonly mfa: MfaState }
  | { readonly kind: 'error'; readonly flow: Flow; readonly error: ErrorInfo }
  | { readonly kind: 'done'; readonly outcome: PickOutcome };

export interface AppState {
  readonly screen: Screen;
  readonly nextToken: number;
  /** One line for the next screen: "Added profile x.", "Refreshed prod." */
  readonly notice: string | undefined;
}

export type AppAction =
  | { readonly type: 'show'; readonly screen: 'picker' | 'sessions' | 'new-profile'; readonly notice?: string }
  | { readonly type: 'resolve'; readonly profile: string; readonly purpose: Purpose }
  | { readonly type: 'outcome'; readonly token: number; readonly outcome: ResolveOutcome }
  | { readonly type: 'mfa'; readonly action: MfaAction }
  /** Esc during a flow: back to where it started; nothing was handed to the shell. */
  | { readonly type: 'back' }
  | { readonly type: 'quit'; readonly how: 'escape' | 'interrupt' };

export const INITIAL_APP_STATE: AppState = { screen: { kind: 'picker' }, nextToken: 1, notice: undefined };

function flowOf(screen: Screen): Flow | undefined {
  return screen.kind === 'resolving' || screen.kind === 'mfa' || screen.kind === 'error' ? screen.flow : undefined;
}

function afterFlow(flow: Flow, notice?: string): Pick<AppState, 'screen' | 'notice'> {
  return { screen: { kind: flow.purpose === 'refresh' ? 'sessions' : 'picker' }, notice };
}

function onOutcome(state: AppState, flow: Flow, outcome: ResolveOutcome): AppState {
  const { screen } = state;
  switch (outcome.kind) {
    case 'credentials':
      if (flow.purpose === 'refresh') return { ...state, ...afterFlow(flow, `Refreshed ${flow.profile}.`) };
      return { ...state, screen: { kind: 'done', outcome: { kind: 'picked', profile: flow.profile, credentials: outcome.credentials, region: outcome.region } } };
    case 'console-opened':
      return { ...state, ...afterFlow(flow, `Opened the AWS console for ${flow.profile} in the browser.`) };
    case 'mfa-required': {
      const mfa = screen.kind === 'mfa'
        ? mfaReducer({ ...screen.mfa, serial: outcome.serial }, { type: 'asked-again', reason: outcome.reason })
        : createMfaState(flow.profile, outcome.serial, outcome.reason);
      return { ...state, screen: { kind: 'mfa', flow, mfa } };
    }
    case 'error':
      return { ...state, screen: { kind: 'error', flow, error: outcome.error } };
  }
}

export function appReducer(state: AppState, action: AppAction): AppState {
  const { screen } = state;
  if (screen.kind === 'done') return state;
  switch (action.type) {
    case 'show':
      return { ...state, screen: { kind: action.screen }, notice: action.notice };
    case 'resolve': {
      const flow = { profile: action.profile, purpose: action.purpose, token: state.nextToken };
      return { screen: { kind: 'resolving', flow }, nextToken: state.nextToken + 1, notice: undefined };
    }
    case 'outcome': {
      const flow = flowOf(screen);
      if (flow === undefined || flow.token !== action.token || screen.kind === 'error') return state;
      return onOutcome(state, flow, action.outcome);
    }
    case 'mfa': {
      if (screen.kind !== 'mfa') return state;
      const mfa = mfaReducer(screen.mfa, action.action);
      return mfa === screen.mfa ? state : { ...state, screen: { ...screen, mfa } };
    }
    case 'back': {
      const flow = flowOf(screen);
      return flow === undefined ? state : { ...state, ...afterFlow(flow) };
    }
    case 'quit':
      return { ...state, screen: { kind: 'done', outcome: { kind: 'cancelled', how: action.how } } };
  }
}

/** The request the current screen waits for, if any: what useResolveFlow sends. */
export function pendingRequest(screen: Screen): { readonly flow: Flow; readonly mfaCode?: string } | undefined {
  if (screen.kind === 'resolving') return { flow: screen.flow };
  if (screen.kind === 'mfa' && screen.mfa.status === 'checking') return { flow: screen.flow, mfaCode: screen.mfa.digits };
  return undefined;
}
