// The awsx IPC protocol: ONE schema (method -> params and result shapes) from which both the
// client's and the daemon's types are derived, and which validates every message on both
// sides (docs/security.md T12). Frames are NDJSON (framing.ts):
//   request   {"id": 1, "method": "resolve", "params": {...}}
//   response  {"id": 1, "ok": true, "result": {...}}
//          |  {"id": 1, "ok": false, "error": {"code": "...", "message": "...", "hint": "..."}}
// A frame the daemon cannot read gets an error with id 0, then the connection is closed.
// User-chosen names (profiles) travel as values, never as object keys.
import { ERROR_CODES } from '../core/errors.ts';
import { CREDENTIAL_LIMITS, IDENTITY_LIMITS, MAX_MFA_SERIAL, MAX_REGION_NAME } from '../core/stsLimits.ts';
import { arr, bool, int, literal, obj, opt, recordOf, str, union, type Infer, type Shape } from './schema.ts';

/** Bumped on any incompatible change; a client that finds an older daemon replaces it. */
// 2: lock and unlock; resolve and whoami answers may carry a warning.
// 3: a request may carry the client's protocol instead of a hello first (envelope.ts).
// 4: the env may carry AWSX_ALLOW_INSECURE_ENDPOINTS (a daemon of 3 rejects the unknown key).
// 5: console (a sign-in URL, or a private page that forwards to it), FederationError, and
//    AWSX_FEDERATION_ENDPOINT in the env.
// 6: the container endpoint: ecsToken, ecsRevoke, and its tokens in the sessions answer.
// 7: an error may carry the code DaemonError (a client of 6 rejects the unknown code).
// 8: status carries the daemon's hardening (issue 17 item 9).
export const PROTOCOL_VERSION = 8;

/** Requests are untrusted input: the framing's 64 KiB cap. Answers come from our own daemon
 *  in a verified dir and may list many sessions, so the client reads up to this many bytes. */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/**
 * The caller's environment variables that change a resolve, and nothing else: the daemon
 * serves many shells, and each request carries its own shell's truth.
 * - config files and ~ expansion: AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, HOME;
 * - region: AWS_DEFAULT_REGION (botocore), AWS_REGION (the SDKs);
 * - credential_source = Environment: the key, secret and session token (both names);
 * - STS endpoint: AWS_ENDPOINT_URL(_STS), AWS_STS_REGIONAL_ENDPOINTS,
 *   AWS_IGNORE_CONFIGURED_ENDPOINT_URLS, and awsx's AWSX_ALLOW_INSECURE_ENDPOINTS (or its
 *   old name AWSX_ALLOW_INSECURE_STS_ENDPOINT): plain http to loopback only with it
 *   (T14, core/endpoints/policy.ts);
 * - console sign-in: AWSX_FEDERATION_ENDPOINT (the same flag allows plain http to loopback);
 * - for credential_process / mfa_process, which run with this env: PATH to find the command,
 *   and the locale, user and temp dir variables that most programs expect.
 * AWS_PROFILE is not sent: the profile is named explicitly. AWS_ENDPOINT_URL_<OTHER> and web
 * identity variables are not sent: awsx only calls STS for an explicitly named profile.
 */
export const FORWARDED_ENV = [
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'HOME',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_STS',
  'AWS_STS_REGIONAL_ENDPOINTS',
  'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
  'AWSX_ALLOW_INSECURE_ENDPOINTS',
  'AWSX_ALLOW_INSECURE_STS_ENDPOINT',
  'AWSX_FEDERATION_ENDPOINT',
  'PATH',
  'LANG',
  'LC_ALL',
  'USER',
  'LOGNAME',
  'TMPDIR',
] as const;
export type ForwardedVar = (typeof FORWARDED_ENV)[number];
export type WireEnv = Partial<Record<ForwardedVar, string>>;

const profileName = str(1024);
const isoDate = str(40);
const envShape = recordOf(FORWARDED_ENV, str(32 * 1024));

// Answers carry what the engine checked where it entered, against these same limits.
const credentialsShape = obj({
  accessKeyId: str(CREDENTIAL_LIMITS.AccessKeyId),
  secretAccessKey: str(CREDENTIAL_LIMITS.SecretAccessKey),
  sessionToken: opt(str(CREDENTIAL_LIMITS.SessionToken)),
  /** RFC 3339. */
  expiration: opt(isoDate),
  accountId: opt(str(CREDENTIAL_LIMITS.AccountId)),
});

const mfaRequired = obj({
  kind: literal('mfa-required'),
  profile: profileName,
  serial: str(MAX_MFA_SERIAL),
  reason: literal('no-code', 'code-rejected', 'code-reused'),
});

/** What both `resolve` and `whoami` need: the profile and the caller's truth. */
const callerRequest = {
  env: envShape,
  cwd: opt(str(4096)),
  /** Typed by a person for the device the last mfa-required answer named. Used once. */
  mfaCode: opt(str(64)),
  /**
   * One prompt per MFA device (docs/security.md T10, test 38). 'ask': this caller asks a
   * person when told mfa-required, so it may hold the device's prompt while other 'ask'
   * callers wait for its code. 'cancel': the person declined; waiters fail and nobody is
   * asked for a few seconds. Absent: never holds or waits (prompt hooks, --mfa-code).
   */
  mfaPrompt: opt(literal('ask', 'cancel')),
};

const sessionShape = obj({
  profile: profileName,
  identity: str(2048),
  accessKeyIdSuffix: str(16),
  expiration: opt(isoDate),
  needsMfaToRefresh: bool,
});

/** A live container-endpoint token as `awsx sessions` shows it: never the token itself. */
const endpointShape = obj({
  profile: profileName,
  pid: int(1, 2 ** 31),
  command: str(4096),
  url: str(512),
  createdAt: isoDate,
});

const empty = obj({});

/** Served, but the person should know (a config file that no longer parses; a failing
 *  refresh): the CLI prints it on stderr. */
export const MAX_WARNING = 4096;
const warningText = str(MAX_WARNING);

/** `awsx lock` / `awsx unlock`: sent over the socket, never in argv; the daemon keeps a salted hash. */
const passphraseRequest = obj({ passphrase: opt(str(1024)) });

/** Each method: its params, its result, and how long a client waits for the answer. */
export const METHODS = {
  hello: {
    params: obj({ protocol: int(0, 1_000_000), client: str(64) }),
    result: obj({ protocol: int(0, 1_000_000), daemon: str(64), pid: int(1, 2 ** 31) }),
    timeoutMs: 3_000,
  },
  resolve: {
    params: obj({ profile: profileName, ...callerRequest, forceRefresh: opt(bool) }),
    result: union('kind', {
      credentials: obj({ kind: literal('credentials'), profile: profileName, credentials: credentialsShape, region: opt(str(MAX_REGION_NAME)), warning: opt(warningText), ecsServer: opt(bool) }),
      'mfa-required': mfaRequired,
    }),
    // STS retries, a credential_process and an MFA round trip fit in this.
    timeoutMs: 60_000,
  },
  whoami: {
    /** No profile: the caller's own AWS_* credentials from env. */
    params: obj({ profile: opt(profileName), ...callerRequest }),
    result: union('kind', {
      identity: obj({ kind: literal('identity'), account: str(IDENTITY_LIMITS.Account), arn: str(IDENTITY_LIMITS.Arn), userId: str(IDENTITY_LIMITS.UserId), warning: opt(warningText) }),
      'mfa-required': mfaRequired,
    }),
    timeoutMs: 60_000,
  },
  /**
   * The console sign-in for a profile's session (`awsx console`): the daemon calls the
   * federation endpoint, so keys never leave it. `open`: the URL goes into a private page
   * file (0600 in a 0700 dir) and only its path is answered, for a browser's argv.
   */
  console: {
    params: obj({
      profile: profileName,
      ...callerRequest,
      service: opt(str(64)),
      path: opt(str(2048)),
      region: opt(str(64)),
      duration: opt(int(0, 2 ** 31)),
      open: bool,
    }),
    result: union('kind', {
      url: obj({ kind: literal('url'), url: str(16 * 1024), notes: arr(str(1024), 16), warning: opt(warningText) }),
      page: obj({ kind: literal('page'), path: str(4096), notes: arr(str(1024), 16), warning: opt(warningText) }),
      'mfa-required': mfaRequired,
    }),
    // An MFA round trip, STS and the federation endpoint fit in this.
    timeoutMs: 60_000,
  },
  sessions: { params: empty, result: obj({ sessions: arr(sessionShape, 100_000), endpoints: opt(arr(endpointShape, 100_000)) }), timeoutMs: 5_000 },
  /**
   * A container-endpoint token (docs/security.md T7, section J) for one profile, alive while
   * process `pid` runs (an `awsx exec`, or the shell of `awsx use --ecs-server`). The caller
   * resolves first (asking for an MFA code if one is needed); the endpoint then serves the
   * daemon's sessions with this env and cwd, as a resolve would. `listen`: an extra address
   * (a Docker bridge) instead of 127.0.0.1, only when the person asked for it.
   */
  ecsToken: {
    params: obj({ profile: profileName, env: envShape, cwd: opt(str(4096)), pid: int(1, 2 ** 31), command: str(4096), listen: opt(str(64)) }),
    result: obj({ url: str(512), token: str(128) }),
    timeoutMs: 10_000,
  },
  /** Admin: revokes the token given (`awsx clear` in an ecs-mode shell). */
  ecsRevoke: { params: obj({ token: str(128) }), result: obj({ revoked: int(0, 1) }), timeoutMs: 5_000 },
  forget: {
    params: obj({ profile: opt(profileName), all: opt(bool) }),
    /** revoked: the container-endpoint tokens of the profile (or all), which go with its sessions. */
    result: obj({ dropped: int(0, 1_000_000_000), revoked: opt(int(0, 1_000_000_000)) }),
    timeoutMs: 5_000,
  },
  /** Admin: drops every session and refuses every credential request until `unlock`. */
  lock: { params: passphraseRequest, result: obj({ dropped: int(0, 1_000_000_000) }), timeoutMs: 5_000 },
  /**
   * Admin: without a passphrase, answers passphrase-required when the lock has one. A wrong
   * one is answered after a delay growing with each failure in a row (0.1 s each, at most 2 s).
   */
  unlock: {
    params: passphraseRequest,
    result: union('kind', {
      unlocked: obj({ kind: literal('unlocked'), wasLocked: bool }),
      'passphrase-required': obj({ kind: literal('passphrase-required') }),
    }),
    // Attempts are answered one at a time, each after its delay.
    timeoutMs: 30_000,
  },
  status: {
    params: empty,
    result: obj({
      pid: int(1, 2 ** 31),
      daemon: str(64),
      protocol: int(0, 1_000_000),
      startedAt: isoDate,
      runtimeDir: str(4096),
      sessions: int(0, 1_000_000_000),
      connections: int(0, 1_000_000_000),
      idleExitSeconds: int(0, 2 ** 31),
      engineLoaded: bool,
      locked: bool,
      /** What the daemon's hardening achieved; absent from a daemon run in-process by tests. */
      hardening: opt(obj({ nonDumpable: bool, noCoreDumps: bool, peerChecks: bool, problem: opt(str(1024)) })),
    }),
    timeoutMs: 5_000,
  },
  /** Answers, then drains and exits. */
  shutdown: { params: empty, result: empty, timeoutMs: 5_000 },
} satisfies Record<string, { params: Shape<object>; result: Shape<object>; timeoutMs: number }>;

export type Method = keyof typeof METHODS;
export type Params<M extends Method> = Infer<(typeof METHODS)[M]['params']>;
export type Result<M extends Method> = Infer<(typeof METHODS)[M]['result']>;
export type WireCredentials = Infer<typeof credentialsShape>;
export type WireSession = Infer<typeof sessionShape>;

/**
 * Scoped capabilities (docs/security.md T7, test 18): the methods that hand out credentials
 * (or a token that fetches them) and the admin methods that change what the daemon holds or
 * does are separate methods, and no method is both. The container endpoint (section J) is a
 * restricted listener that speaks none of these: it serves one profile per token, over GET.
 */
export const CREDENTIAL_METHODS = ['resolve', 'whoami', 'console', 'ecsToken'] as const satisfies readonly Method[];
export const ADMIN_METHODS = ['lock', 'unlock', 'forget', 'shutdown', 'ecsRevoke'] as const satisfies readonly Method[];
export const INFO_METHODS = ['hello', 'sessions', 'status'] as const satisfies readonly Method[];

export function isMethod(name: string): name is Method {
  return Object.hasOwn(METHODS, name);
}

export const wireError = obj({ code: literal(...ERROR_CODES), message: str(8192), hint: opt(str(8192)) });
export type WireError = Infer<typeof wireError>;
