// awsx's version as both sides report it in `hello` (kept beside the protocol, not in
// cli/main.ts, so the daemon does not import the CLI).
export const CLIENT_VERSION = '0.1.0';
