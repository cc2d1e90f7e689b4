// Starting the daemon on demand (docs/security.md Appendix A, "Autostart"; tests 21-22):
// connect -> take the spawn lock -> connect again -> spawn once, detached, with a scrubbed
// env -> poll with backoff up to a fixed budget. A CLI that finds the spawn lock taken
// never spawns: it waits for the holder's daemon. So 20 cold CLIs start one daemon, and a
// daemon that cannot start costs one spawn per CLI at most: no retry storm.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { daemonError, type IpcConnection } from './connection.ts';
import { daemonCommand, DETACHED_FLAG, EXIT_ALREADY_RUNNING } from './daemonEntry.ts';
import { isPidAlive, readLockHolder, tryAcquire, type LockHolder } from '../core/pidLock.ts';
import { lockPath, logPath, spawnLockPath } from './runtimeDir.ts';
import { daemonEnv } from './scrubEnv.ts';

/** gpg's SECS_TO_WAIT_FOR_AGENT. */
export const START_BUDGET_MS = 8_000;
// A spawner holds the lock for at most the budget; older means it was killed.
const SPAWN_LOCK_STALE_MS = START_BUDGET_MS * 2;
const MAX_POLL_MS = 250;

/** Returns a connection, or undefined when nothing answers on the socket yet. */
export type Opener = () => Promise<IpcConnection | undefined>;

interface Exit {
  code: number | null;
  signal: string | null;
}

export async function autostart(dir: string, env: NodeJS.ProcessEnv, open: Opener, budgetMs = START_BUDGET_MS): Promise<IpcConnection> {
  const deadline = Date.now() + budgetMs;
  const lockFile = spawnLockPath(dir);
  const lock = tryAcquire(lockFile, isSpawnerAlive);
  if (!lock.acquired) return waitForOthers(dir, lockFile, open, deadline);
  try {
    const early = await open(); // someone finished starting it while we took the lock
    if (early !== undefined) return early;
    return await waitForOwn(dir, env, open, deadline);
  } finally {
    lock.release();
  }
}

function isSpawnerAlive(holder: LockHolder): boolean {
  // A CLI takes the spawn lock once: its own pid there is a leftover of an earlier process.
  return holder.pid !== process.pid && isPidAlive(holder.pid) && Date.now() - holder.sinceMs < SPAWN_LOCK_STALE_MS;
}

async function spawnDaemon(env: NodeJS.ProcessEnv): Promise<() => Exit | undefined> {
  // Only a cold start pays for loading child_process.
  const { spawn } = await import('node:child_process');
  const cmd = daemonCommand();
  let exit: Exit | undefined;
  const child = spawn(cmd.execPath, [...cmd.args, DETACHED_FLAG], { detached: true, stdio: 'ignore', env: daemonEnv(env), cwd: '/' });
  child.on('error', () => (exit = { code: null, signal: 'spawn failed' }));
  child.on('exit', (code, signal) => (exit = { code, signal }));
  child.unref();
  return () => exit;
}

async function waitForOwn(dir: string, env: NodeJS.ProcessEnv, open: Opener, deadline: number): Promise<IpcConnection> {
  let exited = await spawnDaemon(env);
  let respawned = false;
  for (let delay = 10; ; delay = Math.min(delay * 2, MAX_POLL_MS)) {
    const conn = await open();
    if (conn !== undefined) return conn;
    const exit = exited();
    if (exit !== undefined && exit.code !== EXIT_ALREADY_RUNNING) throw startFailed(dir, `it exited (${exit.signal ?? `code ${exit.code}`})`);
    // Ours met a daemon that was still draining after a stop; once that one is gone, ours
    // may have the dir: one more spawn, never more.
    if (exit !== undefined && !respawned && !isInstanceHeld(dir)) {
      respawned = true;
      exited = await spawnDaemon(env);
    }
    if (Date.now() >= deadline) throw startFailed(dir, `it did not answer within ${START_BUDGET_MS / 1000} s`);
    await sleep(delay);
  }
}

function isInstanceHeld(dir: string): boolean {
  const holder = readLockHolder(lockPath(dir));
  return holder !== undefined && isPidAlive(holder.pid);
}

async function waitForOthers(dir: string, lockFile: string, open: Opener, deadline: number): Promise<IpcConnection> {
  for (let delay = 10; ; delay = Math.min(delay * 2, MAX_POLL_MS)) {
    const conn = await open();
    if (conn !== undefined) return conn;
    // The spawner let go and still nothing answers: its daemon failed, and we will not
    // spawn another one (no storm). One last look in case it came up just now.
    if (readLockHolder(lockFile) === undefined) {
      const last = await open();
      if (last !== undefined) return last;
      throw startFailed(dir, 'another awsx started it, but it is not answering');
    }
    if (Date.now() >= deadline) throw startFailed(dir, `it did not answer within ${START_BUDGET_MS / 1000} s`);
    await sleep(delay);
  }
}

function startFailed(dir: string, why: string): Error {
  const log = logPath(dir);
  const tail = lastLines(log, 3);
  return daemonError(`daemon: could not start it: ${why}${tail ? `; its log ends with:\n${tail}` : ''}`, `see ${log}, or run \`awsx daemon run\` to start it in the foreground`);
}

function lastLines(path: string, n: number): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-n).join('\n');
  } catch {
    return '';
  }
}
