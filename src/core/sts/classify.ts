// What kind of failure an error from an STS call is: the retry wrapper retries the
// transient kinds, and errors.ts words each one. Shapes as @aws-sdk/client-sts 3.x throws
// them: a service error has `name` = STS's <Code>, `$fault` and `$metadata.httpStatusCode`;
// a network error has a Node `code` (a reset socket arrives as name 'TimeoutError', code
// 'ECONNRESET'); an aborted attempt is name 'AbortError' (we abort only on our timeout).

export type FailureKind =
  /** STS said slow down. */
  | 'throttle'
  /** STS (or something in front of it) failed on its side: 5xx. */
  | 'server'
  /** No answer: the connection failed, or the host name did not resolve. */
  | 'network'
  /** The per-attempt timeout fired. */
  | 'timeout'
  /** STS answered with an error about the request: 4xx, never retried. */
  | 'rejected'
  /** Anything else: a garbled answer, a bug. */
  | 'unknown';

export interface Failure {
  readonly kind: FailureKind;
  /** STS's error code, the Node error code for network failures, or 'Timeout' / 'Unknown'. */
  readonly code: string;
  readonly message: string;
  readonly status: number | undefined;
}

const THROTTLE_CODES: ReadonlySet<string> = new Set([
  'Throttling', 'ThrottlingException', 'ThrottledException', 'RequestLimitExceeded', 'TooManyRequestsException',
  'RequestThrottled', 'RequestThrottledException', 'SlowDown', 'PriorRequestNotComplete',
]);

// Transient by STS's own documentation (IDPCommunicationError) or by HTTP semantics.
const SERVER_CODES: ReadonlySet<string> = new Set([
  'IDPCommunicationError', 'InternalFailure', 'InternalError', 'ServiceUnavailable', 'RequestTimeout', 'RequestTimeoutException',
]);

const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENETUNREACH', 'ENETDOWN', 'EHOSTUNREACH',
  'EHOSTDOWN', 'EAI_AGAIN', 'ENOTFOUND',
]);

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

export function classifyFailure(err: unknown): Failure {
  const e = (typeof err === 'object' && err !== null ? err : {}) as SdkErrorShape;
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const message = typeof e.message === 'string' ? e.message : String(err);
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const nodeCode = typeof e.code === 'string' ? e.code : undefined;

  if (name === 'AbortError') return { kind: 'timeout', code: 'Timeout', message, status };
  // The SDK's own connection timeout carries no code.
  if (name === 'TimeoutError' && nodeCode === undefined) return { kind: 'network', code: 'ETIMEDOUT', message, status };
  if (nodeCode !== undefined && (NETWORK_CODES.has(nodeCode) || /socket hang up/i.test(message))) {
    return { kind: 'network', code: nodeCode, message, status };
  }
  const isServiceError = e.$fault === 'client' || e.$fault === 'server';
  if (!isServiceError) return { kind: 'unknown', code: name === 'Error' ? 'Unknown' : name, message, status };
  if (THROTTLE_CODES.has(name) || status === 429) return { kind: 'throttle', code: name, message, status };
  if (SERVER_CODES.has(name) || e.$fault === 'server' || (status !== undefined && status >= 500)) {
    return { kind: 'server', code: name, message, status };
  }
  return { kind: 'rejected', code: name, message, status };
}

/** Worth another attempt: throttling, 5xx, network errors and timeouts. */
export function isTransient(failure: Failure): boolean {
  // A host name that does not exist stays so (a typo in an endpoint): fail at once.
  if (failure.kind === 'network') return failure.code !== 'ENOTFOUND';
  return failure.kind === 'throttle' || failure.kind === 'server' || failure.kind === 'timeout';
}

export const isRetryableStsError = (err: unknown): boolean => isTransient(classifyFailure(err));

// Nothing listens at the endpoint, or there is no route or name server: STS (or the proxy in
// front of it) is down or the machine is offline. Unlike a throttle or a 5xx, waiting
// seconds between attempts rarely helps, and the person is waiting (docs/security.md test 36).
const UNREACHABLE_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENETUNREACH', 'ENETDOWN', 'EHOSTUNREACH', 'EHOSTDOWN', 'EAI_AGAIN']);

export function isUnreachable(failure: Failure): boolean {
  return failure.kind === 'network' && UNREACHABLE_CODES.has(failure.code);
}

export const isUnreachableStsError = (err: unknown): boolean => isUnreachable(classifyFailure(err));
