// One error type for all of awsx. `code` is botocore's exception class name where the
// AWS CLI has one (so tests and users can compare), else an awsx code. Messages start
// with their subject (`profile prod: ...`); `hint` names the fix.
import { hideSecretShapes } from './secretShapes.ts';

export const ERROR_CODES = [
  // botocore's classes (docs/aws-config.md section 10)
  'ConfigParseError',
  'ProfileNotFound',
  'InvalidConfigError',
  'InfiniteLoopConfigError',
  'PartialCredentialsError',
  'CredentialRetrievalError',
  'ParamValidationError',
  'NoCredentialsError',
  'NoRegionError',
  'InvalidSTSRegionalEndpointsConfigError',
  // awsx's own
  'FileError',
  /** The daemon: not running, not ours, not answering in time, or gone mid-request. */
  'DaemonError',
  'UsageError',
  'ValidationError',
  'ConflictError',
  'MfaRequired',
  'StsError',
  'Unsupported',
  /** `awsx lock`: no credentials until `awsx unlock` (docs/security.md T3, test 27). */
  'Locked',
  /** A config file others can write tries to run a command or redirect STS (T14, test 26). */
  'ConfigPermissionError',
  /** STS gave credentials too close to expiry to hand out, and no refresh helps (test 29). */
  'CredentialsExpiring',
  /** The console sign-in (federation) endpoint refused, failed or was unreachable. */
  'FederationError',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class AwsxError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  // Messages quote values from config files, processes and STS: whatever is shaped like a
  // key or token among them is hidden here, on every path an error takes (test 50).
  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(hideSecretShapes(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AwsxError';
    this.code = code;
    this.hint = options.hint === undefined ? undefined : hideSecretShapes(options.hint);
  }
}

export function isAwsxError(e: unknown): e is AwsxError {
  return e instanceof AwsxError;
}
