// Engine values to their wire shapes (protocol.ts): dates travel as RFC 3339 strings.
import type { Credentials } from '../core/credentials.ts';
import type { ResolveResult, SessionInfo } from '../core/session/types.ts';
import type { Result, WireCredentials, WireSession } from '../ipc/protocol.ts';

export function credentialsToWire(c: Credentials): WireCredentials {
  const out: WireCredentials = { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey };
  if (c.sessionToken) out.sessionToken = c.sessionToken;
  if (c.expiration) out.expiration = c.expiration.toISOString();
  if (c.accountId) out.accountId = c.accountId;
  return out;
}

export function resolveResultToWire(r: ResolveResult): Result<'resolve'> {
  if (r.kind === 'mfa-required') return { kind: 'mfa-required', profile: r.profile, serial: r.serial, reason: r.reason };
  const out: Result<'resolve'> = { kind: 'credentials', profile: r.profile, credentials: credentialsToWire(r.credentials) };
  if (r.region) out.region = r.region;
  if (r.warning) out.warning = r.warning;
  return out;
}

export function sessionToWire(s: SessionInfo): WireSession {
  const out: WireSession = {
    profile: s.profile,
    identity: s.identity,
    accessKeyIdSuffix: s.accessKeyIdSuffix,
    needsMfaToRefresh: s.needsMfaToRefresh,
  };
  if (s.expiration) out.expiration = s.expiration.toISOString();
  return out;
}
