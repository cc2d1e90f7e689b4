// The environment the autostarted daemon gets (docs/security.md T4, test 10): an allowlist,
// so no NODE_OPTIONS (--require, --inspect), no other NODE_*, and no AWS_* secrets of the
// shell that happened to start it. What a request needs travels in the request instead.
const KEEP = ['HOME', 'PATH', 'LANG', 'XDG_RUNTIME_DIR', 'AWSX_RUNTIME_DIR'] as const;

// awsx's own knobs that shape the daemon itself (never credentials or endpoints).
const KNOBS = ['AWSX_DAEMON_IDLE_SECONDS', 'AWSX_CONSOLE_PAGE_SECONDS', 'AWSX_PROCESS_TIMEOUT_SECONDS', 'AWSX_DEBUG'] as const;

export function daemonEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of [...KEEP, ...KNOBS]) {
    const value = env[name];
    if (value !== undefined) out[name] = value;
  }
  // The SDK warns on stderr about Node 20's end of support; the daemon has no terminal.
  out['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
  return out;
}
