// Credentials as a client receives them (RFC 3339 expiration on the wire, a Date here).
import type { Credentials } from '../core/credentials.ts';
import type { WireCredentials } from './protocol.ts';

export function credentialsFromWire(c: WireCredentials): Credentials {
  return {
    accessKeyId: c.accessKeyId,
    secretAccessKey: c.secretAccessKey,
    sessionToken: c.sessionToken,
    expiration: c.expiration === undefined ? undefined : new Date(c.expiration),
    accountId: c.accountId,
  };
}
