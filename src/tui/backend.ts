// What the TUI needs from the world, as plain data and functions: the daemon (resolve,
// sessions, forget) and the profile editor (preview, write). The CLI passes the real ones
// (daemonBackend.ts, newProfile/writer.ts); tests pass fakes.
import type { ProfileSummary } from '../core/config/summary.ts';
import type { Credentials } from '../core/credentials.ts';

/** An error as the user sees it: what went wrong and how to fix it; never a stack. */
export interface ErrorInfo {
  readonly code: string;
  readonly message: string;
  readonly hint?: string | undefined;
}

export type MfaReason = 'no-code' | 'code-rejected' | 'code-reused';

export type ResolveOutcome =
  | { readonly kind: 'credentials'; readonly profile: string; readonly credentials: Credentials; readonly region?: string | undefined }
  | { readonly kind: 'mfa-required'; readonly profile: string; readonly serial: string; readonly reason: MfaReason }
  /** The console sign-in page went to the browser (`openConsole`). */
  | { readonly kind: 'console-opened'; readonly profile: string }
  | { readonly kind: 'error'; readonly error: ErrorInfo };

export interface SessionInfo {
  readonly profile: string;
  /** The assumed identity (role ARN or user). */
  readonly identity: string;
  readonly accessKeyIdSuffix: string;
  readonly expiration?: Date | undefined;
  readonly needsMfaToRefresh: boolean;
}

export interface DaemonBackend {
  resolve(profile: string, options?: { readonly mfaCode?: string; readonly forceRefresh?: boolean }): Promise<ResolveOutcome>;
  /** What the daemon holds; [] when no daemon runs (listing never starts one). */
  sessions(): Promise<readonly SessionInfo[]>;
  /** Opens the profile's AWS console in the browser (as `awsx console PROFILE`). */
  openConsole(profile: string, options?: { readonly mfaCode?: string }): Promise<ResolveOutcome>;
  /** Forgets one profile's sessions, or all when `profile` is undefined; how many were dropped. */
  forget(profile?: string): Promise<number>;
}

export type PreviewOutcome =
  | { readonly ok: true; readonly diff: string }
  | { readonly ok: false; readonly error: ErrorInfo };

export interface ProfileWriter {
  /** The diff the new profile would make, or why it cannot be written (the editor's rules). */
  preview(name: string, keys: ReadonlyMap<string, string>): PreviewOutcome;
  /** Writes it under the file locks; the new profile list, or the error. */
  write(name: string, keys: ReadonlyMap<string, string>): Promise<{ readonly ok: true; readonly message: string; readonly profiles: readonly ProfileSummary[] } | { readonly ok: false; readonly error: ErrorInfo }>;
}

/** Any thrown value as something fit to show: an AwsxError's own words, else only its class. */
export function toErrorInfo(e: unknown): ErrorInfo {
  if (typeof e === 'object' && e !== null && 'code' in e && 'message' in e && typeof e.code === 'string' && typeof e.message === 'string') {
    const hint = 'hint' in e && typeof e.hint === 'string' ? e.hint : undefined;
    return { code: e.code, message: e.message, hint };
  }
  const name = e instanceof Error ? e.name : typeof e;
  return { code: 'InternalError', message: `unexpected error (${name})`, hint: 'this is a bug in awsx; run with AWSX_DEBUG=1 and report it' };
}
