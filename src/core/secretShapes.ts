// Values shaped like AWS secrets, hidden wherever awsx quotes text it did not compose (a
// line of a config file, a value from it) in an error, a warning or a log line
// (docs/security.md T4, test 50). A person pastes keys into the wrong place (an IAM CSV row
// into ~/.aws/credentials, a secret under the wrong key), and the message that points at
// the mistake must not print the key on a shared screen or into a log.

// Access key ids: AKIA (long-term), ASIA (temporary) and the other IAM unique-id prefixes.
const KEY_ID = /\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)[A-Z0-9]{16}\b/g;
// A secret access key: 40 base64 characters standing alone. A run (of either shape) with no
// digit or of one case is a word, a path or padding, not a key, and stays.
const SECRET_KEY = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
// Session tokens are hundreds of base64 characters, of both cases and digits.
const TOKEN = /[A-Za-z0-9/+=]{100,}/g;

export const HIDDEN = '[hidden]';

function isRandomLooking(s: string): boolean {
  return /[0-9]/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s);
}

export function hideSecretShapes(text: string): string {
  return text
    .replace(TOKEN, (s) => (isRandomLooking(s) ? HIDDEN : s))
    .replace(KEY_ID, HIDDEN)
    .replace(SECRET_KEY, (s) => (isRandomLooking(s) ? HIDDEN : s));
}
