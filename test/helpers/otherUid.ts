// Other uids for the peer-identity tests (docs/security.md sections A and B): commands run
// as `nobody` (65534) through setpriv, a home and runtime dir that nobody owns, and the
// native addon those tests depend on. Tests run as root here; elsewhere they skip.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TestContext } from 'node:test';
import { REPO_ROOT } from './cli.ts';
import { killDaemons } from './daemon.ts';

export const NOBODY = 65534;
const SETPRIV = '/usr/bin/setpriv';

/** A skip reason when this machine cannot switch uids, else false. */
export const otherUidSkip: string | false = process.getuid?.() !== 0 || !existsSync(SETPRIV) ? 'needs root and setpriv to act as another uid' : false;

/** `argv` run as `uid` with no supplementary groups; `caps` adds ambient capabilities (e.g. `['dac_override']`). */
export function asUid(uid: number, argv: readonly string[], caps: readonly string[] = []): string[] {
  const capFlags = caps.length === 0 ? [] : [`--inh-caps=${caps.map((c) => `+${c}`).join(',')}`, `--ambient-caps=${caps.map((c) => `+${c}`).join(',')}`];
  const [first, ...rest] = argv;
  const program = first === process.execPath ? nodeForUid(uid) : first!;
  return [SETPRIV, `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', ...capFlags, program, ...rest];
}

const nodes = new Map<number, string>();

/**
 * This node where `uid` can run it. CI's Node 22 and 24 live under root's home
 * (~/.cache/awsx-ci), which no other uid may enter: they get a hard link (or a copy) of it
 * in a temporary dir, removed when this process exits. A CLI run so starts its daemon with
 * that path too (process.execPath).
 */
export function nodeForUid(uid: number): string {
  const known = nodes.get(uid);
  if (known !== undefined) return known;
  let path = process.execPath;
  if (spawnSync(SETPRIV, [`--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '/usr/bin/test', '-x', path]).status !== 0) {
    const dir = mkdtempSync(join(tmpdir(), 'awsx-node-'));
    chmodSync(dir, 0o755);
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    path = join(dir, 'node');
    try {
      linkSync(process.execPath, path);
    } catch {
      copyFileSync(process.execPath, path);
      chmodSync(path, 0o755);
    }
  }
  nodes.set(uid, path);
  return path;
}

export function runAsUid(uid: number, argv: readonly string[], env: Record<string, string> = {}, caps: readonly string[] = []): SpawnSyncReturns<string> {
  const [cmd, ...args] = asUid(uid, argv, caps);
  // From the repo, where `--import tsx` (awsxArgv from source) resolves.
  return spawnSync(cmd!, args, { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, encoding: 'utf8', timeout: 30_000 });
}

export interface NobodyHome {
  /** HOME, the AWS files and the runtime dir, for awsx run as nobody. */
  readonly env: Record<string, string>;
  readonly runDir: string;
  readonly socket: string;
  readonly log: string;
}

/**
 * A home owned by nobody with one profile, `proc`, whose credential_process prints
 * `secret` (a canary) as the secret key: serving it needs no STS. The runtime dir is left
 * for awsx (run as nobody) to create. Its daemons are killed and the home removed at the end.
 */
export function nobodyHome(t: TestContext, secret: string): NobodyHome {
  const base = mkdtempSync(join(tmpdir(), 'awsx-nobody-'));
  const runDir = join(base, 'run');
  t.after(async () => {
    await killDaemons(runDir);
    rmSync(base, { recursive: true, force: true });
  });
  const aws = join(base, '.aws');
  mkdirSync(aws);
  const script = join(base, 'creds.sh');
  writeFileSync(script, `#!/bin/sh\necho '{"Version": 1, "AccessKeyId": "AKIDNOBODYPROC", "SecretAccessKey": "${secret}", "Expiration": "2099-01-01T00:00:00Z"}'\n`);
  chmodSync(script, 0o755);
  writeFileSync(join(aws, 'config'), `[profile proc]\ncredential_process = ${script}\nregion = eu-west-1\n`);
  writeFileSync(join(aws, 'credentials'), '');
  for (const p of [base, aws, script, join(aws, 'config'), join(aws, 'credentials')]) chownSync(p, NOBODY, NOBODY);
  return {
    runDir,
    socket: join(runDir, 'awsx.sock'),
    log: join(runDir, 'daemon.log'),
    env: {
      HOME: base,
      LANG: 'C.UTF-8',
      AWS_CONFIG_FILE: join(aws, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(aws, 'credentials'),
      AWSX_RUNTIME_DIR: runDir,
    },
  };
}

/**
 * Tests of SO_PEERCRED and PR_SET_DUMPABLE need the native addon. It is built with the bundle
 * (scripts/buildNative.mjs) wherever a C compiler and Node's headers exist; only where they
 * do not is skipping right (awsx then runs on the runtime-dir checks alone, by design).
 */
export function nativeSkip(): string | false {
  if (existsSync(join(REPO_ROOT, 'dist', 'native', 'awsx.node'))) return false;
  const hasCc = spawnSync('cc', ['--version']).status === 0;
  const hasHeaders = existsSync(join(dirname(process.execPath), '..', 'include', 'node', 'node_api.h'));
  if (hasCc && hasHeaders) throw new Error('dist/native/awsx.node is missing though a C compiler and Node headers exist: run `node scripts/build.mjs`');
  return 'no C compiler or Node headers: awsx runs without its native addon here';
}
