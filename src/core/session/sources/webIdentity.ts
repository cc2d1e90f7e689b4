// web_identity_token_file (docs/aws-config.md 4.1): an unsigned AssumeRoleWithWebIdentity
// with the token read at every use, so a rotated token (EKS, GitHub Actions) is keyed anew.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SourceStep } from '../../plan/types.ts';
import { webIdentityKey } from '../keys.ts';
import type { Source } from './source.ts';
import { generatedSessionName, issuedEntry } from './stsAnswer.ts';

export const webIdentity: Source<Extract<SourceStep, { kind: 'web-identity' }>> = (step, ctx) => {
  const { deps, target } = ctx;
  const token = (deps.readFile ?? ((p: string) => readFileSync(p, 'utf8')))(step.tokenFile);
  const hash = createHash('sha256').update(token).digest('hex');
  return {
    kind: 'call',
    key: webIdentityKey(step.roleArn, step.sessionName, step.tokenFile, hash, target),
    fetch: () => deps.sts.assumeRoleWithWebIdentity({ roleArn: step.roleArn, sessionName: step.sessionName ?? generatedSessionName(deps.now()), webIdentityToken: token }, target)
      .then((c) => issuedEntry(c, ctx)),
  };
};
