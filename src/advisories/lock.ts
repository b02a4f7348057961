import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { VigiaError } from '../core/errors.js';
import { sleep } from '../net/retry.js';
import { writeFailed } from './fsutil.js';

/** The lock file that serialises `db update` / `db import` runs on one db directory. */
export const LOCK_FILE = 'update.lock';

interface LockOwner {
  pid: number;
  host: string;
  token: string;
  since: string;
}

/** A held lock; `release()` removes the file if it is still ours. */
export interface UpdateLock {
  path: string;
  release(): void;
}

/**
 * Take `<dbDir>/update.lock` (created with O_EXCL, holding pid, host and a token). A lock whose
 * process is gone (same host, pid not running) is stale and taken over. Otherwise wait, polling,
 * up to `timeoutMs`, then fail with DB_LOCKED naming the holder.
 */
export async function acquireUpdateLock(dbDir: string, timeoutMs: number, pollMs = 200): Promise<UpdateLock> {
  const path = join(dbDir, LOCK_FILE);
  const me: LockOwner = {
    pid: process.pid,
    host: hostname(),
    token: randomBytes(8).toString('hex'),
    since: new Date().toISOString(),
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (tryCreate(path, me)) return { path, release: () => release(path, me.token) };
    const holder = readOwner(path);
    if (isStale(path, holder)) {
      try {
        unlinkSync(path);
      } catch {
        // Someone else removed or replaced it first; try again.
      }
      continue;
    }
    if (Date.now() >= deadline) {
      const who = holder ? `pid ${holder.pid} on ${holder.host}, since ${holder.since}` : 'another process';
      throw new VigiaError(
        'DB_LOCKED',
        `${path} is held by another vigia db update/import (${who}); waited ${Math.round(timeoutMs / 1000)} s ` +
          '(raise --lock-timeout, or remove the file if no such process runs)',
      );
    }
    await sleep(Math.min(pollMs, Math.max(1, deadline - Date.now())));
  }
}

function tryCreate(path: string, me: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw writeFailed(path, err);
  }
  try {
    writeSync(fd, JSON.stringify(me));
  } finally {
    closeSync(fd);
  }
  return true;
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    if (
      typeof parsed.pid === 'number' &&
      typeof parsed.host === 'string' &&
      typeof parsed.token === 'string'
    ) {
      return parsed as LockOwner;
    }
  } catch {
    // Gone, or being written right now: decided by isStale.
  }
  return undefined;
}

function isStale(path: string, holder: LockOwner | undefined): boolean {
  if (!holder) {
    // Unreadable content: stale only if it has stayed that way a while (not mid-write).
    try {
      return Date.now() - statSync(path).mtimeMs > 10_000;
    } catch {
      return false;
    }
  }
  if (holder.host !== hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function release(path: string, token: string): void {
  if (readOwner(path)?.token !== token) return;
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}
