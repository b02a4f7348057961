import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/fixtures.js';
import { acquireUpdateLock, LOCK_FILE } from './lock.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('vigia-lock-');
});
afterEach(() => tmp.cleanup());

/** The pid of a process that has exited (so certainly not running now). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
}

describe('update lock', () => {
  it('is exclusive: a second taker waits, then fails with DB_LOCKED naming the holder', async () => {
    const lock = await acquireUpdateLock(tmp.path, 0);
    const owner = JSON.parse(readFileSync(join(tmp.path, LOCK_FILE), 'utf8')) as { pid: number };
    expect(owner.pid).toBe(process.pid);
    const started = Date.now();
    await expect(acquireUpdateLock(tmp.path, 400, 50)).rejects.toMatchObject({
      code: 'DB_LOCKED',
      message: expect.stringContaining(`(pid ${process.pid} on ${hostname()}, since `),
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    lock.release();
    expect(existsSync(join(tmp.path, LOCK_FILE))).toBe(false);
  });

  it('is handed over as soon as the holder releases it', async () => {
    const lock = await acquireUpdateLock(tmp.path, 0);
    setTimeout(() => lock.release(), 150);
    const second = await acquireUpdateLock(tmp.path, 5_000, 20);
    second.release();
  });

  it('takes over a lock whose process is gone', async () => {
    const pid = deadPid();
    writeFileSync(
      join(tmp.path, LOCK_FILE),
      JSON.stringify({ pid, host: hostname(), token: 'x', since: '2020-01-01' }),
    );
    const lock = await acquireUpdateLock(tmp.path, 0);
    expect((JSON.parse(readFileSync(join(tmp.path, LOCK_FILE), 'utf8')) as { pid: number }).pid).toBe(
      process.pid,
    );
    lock.release();
  });

  it('does not take over a lock held on another host', async () => {
    writeFileSync(
      join(tmp.path, LOCK_FILE),
      JSON.stringify({ pid: deadPid(), host: 'elsewhere', token: 'x', since: 's' }),
    );
    await expect(acquireUpdateLock(tmp.path, 100, 20)).rejects.toMatchObject({ code: 'DB_LOCKED' });
  });

  it('treats an unreadable lock as stale only once it is old', async () => {
    const path = join(tmp.path, LOCK_FILE);
    writeFileSync(path, '');
    await expect(acquireUpdateLock(tmp.path, 100, 20)).rejects.toMatchObject({ code: 'DB_LOCKED' });
    const old = new Date(Date.now() - 60_000);
    utimesSync(path, old, old);
    (await acquireUpdateLock(tmp.path, 100, 20)).release();
  });

  it('release leaves a lock that is no longer ours alone', async () => {
    const lock = await acquireUpdateLock(tmp.path, 0);
    const path = join(tmp.path, LOCK_FILE);
    writeFileSync(
      path,
      JSON.stringify({ pid: process.pid, host: hostname(), token: 'someone-else', since: 's' }),
    );
    lock.release();
    expect(existsSync(path)).toBe(true);
  });
});
