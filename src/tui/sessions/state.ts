// The sessions screen: the daemon's sessions, the cursor, and the forget commands (one, or
// all after a confirmation) with what came of them.
import type { ErrorInfo, SessionInfo } from '../backend.ts';

export interface SessionsState {
  /** Soonest to expire first. */
  readonly sessions: readonly SessionInfo[];
  readonly cursor: number;
  /** 'confirm-all': asking before forgetting every session; 'busy': a request is out. */
  readonly status: 'ready' | 'confirm-all' | 'busy';
  readonly message: string | undefined;
  readonly error: ErrorInfo | undefined;
}

export type SessionsAction =
  | { readonly type: 'loaded'; readonly sessions: readonly SessionInfo[] }
  | { readonly type: 'move'; readonly by: number }
  | { readonly type: 'ask-forget-all' }
  | { readonly type: 'dismiss' }
  | { readonly type: 'busy' }
  | { readonly type: 'done'; readonly message: string }
  | { readonly type: 'failed'; readonly error: ErrorInfo };

export function createSessionsState(sessions: readonly SessionInfo[] = []): SessionsState {
  return sessionsReducer({ sessions: [], cursor: 0, status: 'ready', message: undefined, error: undefined }, { type: 'loaded', sessions });
}

function expiry(s: SessionInfo): number {
  return s.expiration?.getTime() ?? Number.POSITIVE_INFINITY;
}

function clampCursor(cursor: number, length: number): number {
  return Math.max(0, Math.min(length - 1, cursor));
}

export function sessionsReducer(state: SessionsState, action: SessionsAction): SessionsState {
  switch (action.type) {
    case 'loaded': {
      const selected = state.sessions[state.cursor]?.profile;
      const sessions = [...action.sessions].sort((a, b) => expiry(a) - expiry(b) || a.profile.localeCompare(b.profile));
      // The cursor stays on the same session when the list changes under it.
      const kept = sessions.findIndex((s) => s.profile === selected);
      return { ...state, sessions, cursor: clampCursor(kept >= 0 ? kept : state.cursor, sessions.length) };
    }
    case 'move':
      return { ...state, cursor: clampCursor(state.cursor + action.by, state.sessions.length) };
    case 'ask-forget-all':
      return state.sessions.length === 0 ? state : { ...state, status: 'confirm-all', message: undefined, error: undefined };
    case 'dismiss':
      return { ...state, status: 'ready' };
    case 'busy':
      return { ...state, status: 'busy', message: undefined, error: undefined };
    case 'done':
      return { ...state, status: 'ready', message: action.message, error: undefined };
    case 'failed':
      return { ...state, status: 'ready', message: undefined, error: action.error };
  }
}

export function selectedSession(state: SessionsState): SessionInfo | undefined {
  return state.sessions[state.cursor];
}
