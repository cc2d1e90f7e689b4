// Credentials as awsx passes them around. Secrets live only in memory (docs/security.md).
export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
  /** Absolute expiry; absent for long-term keys. */
  readonly expiration?: Date | undefined;
  readonly accountId?: string | undefined;
}

/** The last four characters of an access key id: enough to tell keys apart in logs. */
export function keyIdSuffix(accessKeyId: string): string {
  return `…${accessKeyId.slice(-4)}`;
}
