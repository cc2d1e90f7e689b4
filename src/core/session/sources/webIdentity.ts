// web_identity_token_file (docs/aws-config.md 4.1): an unsigned AssumeRoleWithWebIdentity
// with the token read at every use, so a rotated token (EKS, GitHub Actions) is keyed anew.
// The file is read only up to STS's 20000-character limit: a token is ASCII (a JWT), so a
// larger file cannot hold one, and is refused before it is read whole or sent.
import { createHash } from 'node:crypto';
import { AwsxError } from '../../errors.ts';
import { readCallerFile } from '../../files/readCallerFile.ts';
import type { SourceStep } from '../../plan/types.ts';
import { MAX_WEB_IDENTITY_TOKEN, MIN_WEB_IDENTITY_TOKEN } from '../../stsLimits.ts';
import { webIdentityKey } from '../keys.ts';
import type { Source } from './source.ts';
import { generatedSessionName, issuedEntry } from './stsAnswer.ts';

export const webIdentity: Source<Extract<SourceStep, { kind: 'web-identity' }>> = async (step, ctx) => {
  const { deps, target } = ctx;
  // A relative path is the caller's, as botocore reads it from its own working directory.
  const file = { profile: step.profile, key: 'web_identity_token_file', path: step.tokenFile, cwd: ctx.req.cwd, maxBytes: MAX_WEB_IDENTITY_TOKEN };
  const token = await (deps.readCallerFile ?? readCallerFile)(file);
  if (token.length < MIN_WEB_IDENTITY_TOKEN) {
    throw new AwsxError('FileError', `profile ${step.profile}: web_identity_token_file ${step.tokenFile} holds ${token.length} characters, too few for a token`, {
      hint: `a web identity token is ${MIN_WEB_IDENTITY_TOKEN} to ${MAX_WEB_IDENTITY_TOKEN} characters: check that the file is the one your identity provider writes`,
    });
  }
  const hash = createHash('sha256').update(token).digest('hex');
  return {
    kind: 'call',
    key: webIdentityKey(step.roleArn, step.sessionName, step.tokenFile, hash, target),
    fetch: () => deps.sts.assumeRoleWithWebIdentity({ roleArn: step.roleArn, sessionName: step.sessionName ?? generatedSessionName(deps.now()), webIdentityToken: token }, target)
      .then((c) => issuedEntry(c, ctx)),
  };
};
