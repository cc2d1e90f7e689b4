// aws_access_key_id / aws_secret_access_key (and a session token) from the credentials or
// config file: at hand, nothing to call or cache.
import type { SourceStep } from '../../plan/types.ts';
import type { Source } from './source.ts';

export const staticKeys: Source<Extract<SourceStep, { kind: 'static' }>> = (step) => ({
  kind: 'credentials',
  credentials: { accessKeyId: step.accessKeyId, secretAccessKey: step.secretAccessKey, sessionToken: step.sessionToken },
});
