// The real daemon (src/daemon/main.ts, with its crash handling) with one planted bug, for
// docs/security.md test 12: resolving the profile `crash-me` gets its credentials and then
// throws a TypeError whose message holds the secret, as a careless bug would. Production
// code has no hook for this: the bug is patched onto the engine's class before main runs,
// and the daemon loads that same module instance.
//   node --import tsx test/helpers/crashingDaemon.ts
import { SessionEngine } from '../../src/core/session/engine.ts';

const resolve = SessionEngine.prototype.resolve;
SessionEngine.prototype.resolve = async function (this: SessionEngine, req) {
  const r = await resolve.call(this, req);
  if (req.profile === 'crash-me' && r.kind === 'credentials') throw new TypeError(`cannot read properties of ${r.credentials.secretAccessKey}`);
  return r;
};

await import('../../src/daemon/main.ts');
