// Runs a credential_process (docs/aws-config.md section 6) or an mfa_process command:
// split with shlex, no shell, the caller's environment and working directory, a timeout.
import type { Credentials } from '../credentials.ts';

export interface ProcessContext {
  /** The environment of the shell that asked (the daemon serves many shells). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string | undefined;
  readonly timeoutMs: number;
}

/** Runs `credential_process` and checks the Version 1 JSON contract; AwsxError 'CredentialRetrievalError' on any failure. */
export type CredentialProcessRunner = (profile: string, command: string, ctx: ProcessContext) => Promise<Credentials>;

/** Runs `mfa_process` and returns the 6-digit code it printed; AwsxError on failure. */
export type MfaProcessRunner = (profile: string, command: string, ctx: ProcessContext) => Promise<string>;
