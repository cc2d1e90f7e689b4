// One error type for all of awsx. `code` is botocore's exception class name where the
// AWS CLI has one (so tests and users can compare), else an awsx code. Messages start
// with their subject (`profile prod: ...`); `hint` names the fix.

export type ErrorCode =
  // botocore's classes (spec/aws-config.md section 10)
  | 'ConfigParseError'
  | 'ProfileNotFound'
  | 'InvalidConfigError'
  | 'InfiniteLoopConfigError'
  | 'PartialCredentialsError'
  | 'CredentialRetrievalError'
  | 'ParamValidationError'
  | 'NoCredentialsError'
  | 'NoRegionError'
  | 'InvalidSTSRegionalEndpointsConfigError'
  // awsx's own
  | 'FileError'
  | 'UsageError'
  | 'ValidationError'
  | 'ConflictError'
  | 'MfaRequired'
  | 'StsError'
  | 'Unsupported';

export class AwsxError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AwsxError';
    this.code = code;
    this.hint = options.hint;
  }
}

export function isAwsxError(e: unknown): e is AwsxError {
  return e instanceof AwsxError;
}
