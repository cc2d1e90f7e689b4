// StsApi on @aws-sdk/client-sts. One client per (region, endpoint), kept for its connection
// pool; the signer is given per call through an AsyncLocalStorage that the client's
// credential provider reads (a client per signer would cost a TLS handshake per call and
// a cache of secrets). Retries are ours (retry.ts), each attempt under its own timeout.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Credentials as SdkCredentials, STSClient } from '@aws-sdk/client-sts';
import { keyIdSuffix, type Credentials } from '../credentials.ts';
import type { AssumeRoleInput, CallerIdentity, FederationTokenInput, GetSessionTokenInput, IssuedCredentials, StsApi, StsTarget, WebIdentityInput } from './api.ts';
import { endpointForDisplay } from '../endpoints/policy.ts';
import { regionalStsEndpoint } from './endpoint.ts';
import { StsError, toStsError, type CallContext } from './errors.ts';
import { withRetries, type RetryOptions } from './retry.ts';
import { checkLengths, CREDENTIAL_LIMITS, IDENTITY_LIMITS } from '../stsLimits.ts';

type Sdk = typeof import('@aws-sdk/client-sts');
type Send<T> = (client: STSClient, sdk: Sdk, options: { abortSignal: AbortSignal }) => Promise<T>;
type Call = Pick<CallContext, 'subject' | 'action' | 'withMfa'> & { readonly secrets: readonly (string | undefined)[] };

export interface SdkStsOptions {
  /** Per attempt, connecting included. */
  readonly attemptTimeoutMs?: number;
  /** Tests shorten the deadline and pauses. */
  readonly retry?: Partial<Omit<RetryOptions, 'isRetryable'>>;
  /** The clock STS's Date header is compared with: the session engine's (tests move it). */
  readonly now?: () => number;
}

export interface SdkSts extends StsApi {
  /** Closes pooled connections (daemon shutdown, tests). */
  close(): void;
}

export const DEFAULT_ATTEMPT_TIMEOUT_MS = 5_000;

/**
 * The Date header has whole seconds, and the answer takes time to arrive: a difference
 * under a few seconds is measurement noise (and would push a 900 s session just outside a
 * 15-minute refresh window), so only a clock really off is reported.
 */
const SKEW_NOISE_MS = 5_000;
const visibleSkew = (ms: number): number => (Math.abs(ms) < SKEW_NOISE_MS ? 0 : ms);

export function createSdkSts(options: SdkStsOptions = {}): SdkSts {
  const attemptTimeoutMs = options.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS;
  const signers = new AsyncLocalStorage<Credentials | undefined>();
  const clients = new Map<string, STSClient>();
  const skews = new WeakMap<object, number>();
  const now = options.now ?? Date.now;
  let sdk: Promise<Sdk> | undefined;

  // The SDK memoizes a credential provider unless it is marked as already memoized; this
  // one must be asked on every request, since each call signs with its own credentials.
  const signerProvider = Object.assign(
    async () => {
      const s = signers.getStore();
      if (!s) throw new Error('awsx: signed STS call without a signer');
      return { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey, sessionToken: s.sessionToken };
    },
    { memoized: true },
  );

  function loadSdk(): Promise<Sdk> {
    // The SDK warns about Node 20 on every client; the warning would go to the daemon's stderr.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    return (sdk ??= import('@aws-sdk/client-sts'));
  }

  function clientFor(lib: Sdk, region: string, endpoint: string): STSClient {
    const key = `${region} ${endpoint}`;
    let client = clients.get(key);
    if (client) return client;
    // Everything the SDK would otherwise read from the daemon's own env and ~/.aws/config
    // is fixed here: the caller's settings were resolved already (endpoint.ts).
    client = new lib.STSClient({
      region,
      endpoint,
      credentials: signerProvider,
      maxAttempts: 1,
      retryMode: 'standard',
      defaultsMode: 'standard',
      useFipsEndpoint: false,
      useDualstackEndpoint: false,
      useGlobalEndpoint: false,
      authSchemePreference: [],
      userAgentAppId: 'awsx',
      requestHandler: { connectionTimeout: attemptTimeoutMs },
    });
    // STS's Date header tells how far our clock is off (docs/security.md T9).
    client.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        const date = (result.response as { headers?: Record<string, string> }).headers?.['date'];
        const server = date === undefined ? NaN : Date.parse(date);
        if (!Number.isNaN(server) && typeof result.output === 'object') skews.set(result.output, visibleSkew(server - now()));
        return result;
      },
      { step: 'build', name: 'awsxServerDate' },
    );
    clients.set(key, client);
    return client;
  }

  async function call<T>(call: Call, target: StsTarget, signer: Credentials | undefined, send: Send<T>): Promise<T> {
    const lib = await loadSdk();
    const endpoint = target.endpoint ?? regionalStsEndpoint(target.region);
    const client = clientFor(lib, target.region, endpoint);
    const started = performance.now();
    let attempts = 0;
    let timeoutMs = attemptTimeoutMs;
    try {
      return await withRetries(async (attempt) => {
        attempts = attempt.number;
        timeoutMs = Math.min(attemptTimeoutMs, attempt.remainingMs);
        const abort = new AbortController();
        const timer = setTimeout(() => abort.abort(), timeoutMs);
        try {
          return await signers.run(signer, () => send(client, lib, { abortSignal: abort.signal }));
        } finally {
          clearTimeout(timer);
        }
      }, options.retry);
    } catch (err) {
      throw toStsError(err, {
        ...call,
        endpoint: endpointForDisplay(endpoint),
        region: target.region,
        signerIsTemporary: signer?.sessionToken !== undefined,
        attempts,
        elapsedMs: performance.now() - started,
        attemptTimeoutMs: timeoutMs,
        secrets: [signer?.secretAccessKey, signer?.sessionToken, ...call.secrets].filter((s): s is string => !!s),
      });
    }
  }

  function issued(subject: string, out: { Credentials?: SdkCredentials | undefined; AssumedRoleUser?: { Arn?: string | undefined } | undefined }): IssuedCredentials {
    const c = out.Credentials;
    const expiration = c?.Expiration;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !(expiration instanceof Date) || Number.isNaN(expiration.getTime())) {
      throw badAnswer(subject, 'without complete credentials');
    }
    const accountId = out.AssumedRoleUser?.Arn?.split(':')[4] || undefined;
    const tooLong = checkLengths({ AccessKeyId: c.AccessKeyId, SecretAccessKey: c.SecretAccessKey, SessionToken: c.SessionToken, AccountId: accountId }, CREDENTIAL_LIMITS);
    if (tooLong !== undefined) throw badAnswer(subject, `credentials awsx cannot hand out (${tooLong})`);
    const clockSkewMs = skews.get(out);
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration, accountId, clockSkewMs };
  }

  return {
    async assumeRole(input: AssumeRoleInput, signer: Credentials, target: StsTarget) {
      const subject = `AssumeRole ${input.roleArn}`;
      const request = {
        RoleArn: input.roleArn,
        RoleSessionName: input.sessionName,
        ExternalId: input.externalId,
        DurationSeconds: input.durationSeconds,
        SerialNumber: input.serialNumber,
        TokenCode: input.tokenCode,
      };
      const ctx: Call = { subject, action: 'AssumeRole', withMfa: input.tokenCode !== undefined, secrets: [input.tokenCode] };
      return issued(subject, await call(ctx, target, signer, (c, lib, o) => c.send(new lib.AssumeRoleCommand(request), o)));
    },

    async getSessionToken(input: GetSessionTokenInput, signer: Credentials, target: StsTarget) {
      const mfa = input.serialNumber === undefined ? '' : ` with MFA ${input.serialNumber}`;
      const subject = `GetSessionToken for key ${keyIdSuffix(signer.accessKeyId)}${mfa}`;
      const request = { DurationSeconds: input.durationSeconds, SerialNumber: input.serialNumber, TokenCode: input.tokenCode };
      const ctx: Call = { subject, action: 'GetSessionToken', withMfa: input.tokenCode !== undefined, secrets: [input.tokenCode] };
      return issued(subject, await call(ctx, target, signer, (c, lib, o) => c.send(new lib.GetSessionTokenCommand(request), o)));
    },

    async assumeRoleWithWebIdentity(input: WebIdentityInput, target: StsTarget) {
      const subject = `AssumeRoleWithWebIdentity ${input.roleArn}`;
      const request = { RoleArn: input.roleArn, RoleSessionName: input.sessionName, WebIdentityToken: input.webIdentityToken };
      const ctx: Call = { subject, action: 'AssumeRoleWithWebIdentity', withMfa: false, secrets: [input.webIdentityToken] };
      // Unsigned: the SDK picks its no-auth scheme for this operation and never asks for a signer.
      return issued(subject, await call(ctx, target, undefined, (c, lib, o) => c.send(new lib.AssumeRoleWithWebIdentityCommand(request), o)));
    },

    async getFederationToken(input: FederationTokenInput, signer: Credentials, target: StsTarget) {
      const subject = `GetFederationToken ${input.name} for key ${keyIdSuffix(signer.accessKeyId)}`;
      const request = { Name: input.name, Policy: input.policy, DurationSeconds: input.durationSeconds };
      const ctx: Call = { subject, action: 'GetFederationToken', withMfa: false, secrets: [] };
      return issued(subject, await call(ctx, target, signer, (c, lib, o) => c.send(new lib.GetFederationTokenCommand(request), o)));
    },

    async getCallerIdentity(signer: Credentials, target: StsTarget): Promise<CallerIdentity> {
      const subject = `GetCallerIdentity for key ${keyIdSuffix(signer.accessKeyId)}`;
      const ctx: Call = { subject, action: 'GetCallerIdentity', withMfa: false, secrets: [] };
      const out = await call(ctx, target, signer, (c, lib, o) => c.send(new lib.GetCallerIdentityCommand({}), o));
      if (!out.Account || !out.Arn || !out.UserId) throw badAnswer(subject, 'without an identity');
      const tooLong = checkLengths({ Account: out.Account, Arn: out.Arn, UserId: out.UserId }, IDENTITY_LIMITS);
      if (tooLong !== undefined) throw badAnswer(subject, `an identity awsx cannot show (${tooLong})`);
      return { account: out.Account, arn: out.Arn, userId: out.UserId };
    },

    close() {
      for (const client of clients.values()) client.destroy();
      clients.clear();
    },
  };
}

function badAnswer(subject: string, what: string): StsError {
  return new StsError(`${subject}: STS answered ${what}`, 'check that the endpoint is STS and not something else', 'IncompleteResponse', 'bad-response', false);
}
