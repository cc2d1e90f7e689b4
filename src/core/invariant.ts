// A check of awsx's own state that must never fail. It is neither of the other two kinds of
// failure: an AwsxError is what the world did (a file, a process, a config value, STS, a
// peer) and is answered to the caller; any other exception is a bug in one request and
// ends that request with an internal error. A broken invariant means the daemon's state
// can no longer be trusted, so the daemon exits (crash-only) and the next command starts a
// fresh one: sessions live only in memory, and an exit drops every one of them.
export class InvariantError extends Error {
  constructor(what: string) {
    super(what);
    this.name = 'InvariantError';
  }
}

export function invariant(condition: boolean, what: string): asserts condition {
  if (!condition) throw new InvariantError(what);
}
