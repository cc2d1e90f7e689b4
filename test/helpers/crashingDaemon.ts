// The real daemon (src/daemon/main.ts, with its crash handling) with two planted bugs, for
// docs/security.md test 12. Production code has no hook for them: they are patched onto the
// engine's class before main runs, and the daemon loads that same module instance.
// - Resolving the profile `crash-me` gets its credentials and then throws a TypeError whose
//   message holds the secret, as a careless bug would: that one request fails.
// - Dropping every session (`awsx lock`) drops none: the lock's invariant breaks, and the
//   daemon exits.
//   node --import tsx test/helpers/crashingDaemon.ts
import { SessionEngine } from '../../src/core/session/engine.ts';

const resolve = SessionEngine.prototype.resolve;
SessionEngine.prototype.resolve = async function (this: SessionEngine, req) {
  const r = await resolve.call(this, req);
  if (req.profile === 'crash-me' && r.kind === 'credentials') throw new TypeError(`cannot read properties of ${r.credentials.secretAccessKey}`);
  return r;
};

const forget = SessionEngine.prototype.forget;
SessionEngine.prototype.forget = function (this: SessionEngine, profile?: string) {
  return profile === undefined ? 0 : forget.call(this, profile);
};

await import('../../src/daemon/main.ts');
