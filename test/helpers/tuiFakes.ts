// Fakes at the TUI's edges: profiles as the picker sees them, a daemon that answers from
// a script and records what it was asked, a profile writer, a clock.
import type { ProfileSummary } from '../../src/core/config/summary.ts';
import type { DaemonBackend, ProfileWriter, ResolveOutcome, SessionInfo } from '../../src/tui/backend.ts';

export function profile(name: string, extra: Partial<ProfileSummary> = {}): ProfileSummary {
  return {
    name, kind: 'assume-role', roleArn: undefined, accountId: undefined, roleName: undefined,
    source: 'base', region: undefined, mfaSerial: undefined, description: undefined, ...extra,
  };
}

/** An assume-role profile with its ARN, account and role filled in. */
export function roleProfile(name: string, account: string, role: string, extra: Partial<ProfileSummary> = {}): ProfileSummary {
  return profile(name, { roleArn: `arn:aws:iam::${account}:role/${role}`, accountId: account, roleName: role, ...extra });
}

export interface ResolveCall {
  readonly profile: string;
  /** 'console' for openConsole. */
  readonly method?: 'console';
  readonly mfaCode?: string | undefined;
  readonly forceRefresh?: boolean | undefined;
}

export interface FakeDaemon extends DaemonBackend {
  readonly calls: ResolveCall[];
  readonly forgotten: (string | undefined)[];
  setSessions(sessions: readonly SessionInfo[]): void;
}

export function credentialsFor(profileName: string, expiration = new Date('2030-01-01T00:00:00Z')): ResolveOutcome {
  return {
    kind: 'credentials', profile: profileName, region: 'eu-west-1',
    credentials: { accessKeyId: 'ASIAFAKE', secretAccessKey: 'secret', sessionToken: 'token', expiration },
  };
}

/** Answers each resolve (or openConsole) with the next scripted outcome (or credentials, or console-opened, when the script is empty). */
export function fakeDaemon(script: readonly (ResolveOutcome | Error)[] = [], sessions: readonly SessionInfo[] = []): FakeDaemon {
  const queue = [...script];
  let held = [...sessions];
  const calls: ResolveCall[] = [];
  const forgotten: (string | undefined)[] = [];
  return {
    calls,
    forgotten,
    setSessions: (s) => void (held = [...s]),
    async resolve(name, options = {}) {
      calls.push({ profile: name, ...options });
      const next = queue.shift() ?? credentialsFor(name);
      if (next instanceof Error) throw next;
      return next;
    },
    async openConsole(name, options = {}) {
      calls.push({ profile: name, method: 'console', ...options });
      const next = queue.shift() ?? { kind: 'console-opened', profile: name };
      if (next instanceof Error) throw next;
      return next;
    },
    async sessions() {
      return held;
    },
    async forget(name) {
      forgotten.push(name);
      const before = held.length;
      held = name === undefined ? [] : held.filter((s) => s.profile !== name);
      return before - held.length;
    },
  };
}

export function session(profileName: string, expiresAt: number, extra: Partial<SessionInfo> = {}): SessionInfo {
  return {
    profile: profileName, identity: `arn:aws:sts::123456789012:assumed-role/Role/${profileName}`,
    accessKeyIdSuffix: '…WXYZ', expiration: new Date(expiresAt), needsMfaToRefresh: false, ...extra,
  };
}

export function fakeWriter(): ProfileWriter & { readonly written: { name: string; keys: Map<string, string> }[] } {
  const written: { name: string; keys: Map<string, string> }[] = [];
  return {
    written,
    preview: (name, keys) => ({ ok: true, diff: `--- ~/.aws/config\n+++ ~/.aws/config\n@@ -1,0 +1,2 @@\n+[profile ${name}]\n${[...keys].map(([k, v]) => `+${k} = ${v}`).join('\n')}\n` }),
    async write(name, keys) {
      written.push({ name, keys: new Map(keys) });
      return { ok: true, message: `Added profile ${name} to ~/.aws/config.`, profiles: [profile('base', { kind: 'static', source: undefined }), profile(name, { roleArn: keys.get('role_arn') })] };
    },
  };
}

/** A clock the test moves by hand. */
export function manualClock(start: number): { (): number; advance(ms: number): void } {
  let now = start;
  const clock = (() => now) as { (): number; advance(ms: number): void };
  clock.advance = (ms) => void (now += ms);
  return clock;
}
