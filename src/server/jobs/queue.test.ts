import { describe, expect, it } from 'vitest';
import { ScanQueue } from './queue.js';

/** A queue whose jobs finish when the test says so. */
function controlled(maxConcurrent: number, queueLimit: number) {
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  const queue = new ScanQueue({ maxConcurrent, queueLimit }, (id) => {
    started.push(id);
    return new Promise<void>((resolve) => finish.set(id, resolve));
  });
  const done = async (id: string) => {
    finish.get(id)?.();
    await new Promise((r) => setImmediate(r));
  };
  return { queue, started, done };
}

describe('ScanQueue', () => {
  it('runs at most maxConcurrent jobs, in order, and refuses past queueLimit', async () => {
    const { queue, started, done } = controlled(2, 2);
    expect(['a', 'b', 'c', 'd', 'e'].map((id) => queue.offer(id))).toEqual([true, true, true, true, false]);
    expect(started).toEqual(['a', 'b']);
    expect(queue.stats()).toEqual({ maxConcurrent: 2, queueLimit: 2, running: 2, queued: 2 });
    await done('b');
    expect(started).toEqual(['a', 'b', 'c']);
    expect(queue.offer('f')).toBe(true);
    await done('a');
    await done('c');
    expect(started).toEqual(['a', 'b', 'c', 'd', 'f']);
  });

  it('restores jobs past the limit, and stop() waits for running jobs only', async () => {
    const { queue, started, done } = controlled(1, 1);
    queue.restore('a');
    queue.restore('b');
    queue.restore('c');
    expect(queue.stats()).toMatchObject({ running: 1, queued: 2 });
    let stopped = false;
    const stopping = queue.stop().then(() => (stopped = true));
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false);
    await done('a');
    await stopping;
    expect(stopped).toBe(true);
    expect(started).toEqual(['a']);
  });

  it('frees the slot of a job that throws', async () => {
    const crashes: string[] = [];
    const started: string[] = [];
    const queue = new ScanQueue(
      { maxConcurrent: 1, queueLimit: 5 },
      async (id) => {
        started.push(id);
        if (id === 'bad') throw new Error('boom');
      },
      (id) => crashes.push(id),
    );
    queue.offer('bad');
    queue.offer('good');
    await new Promise((r) => setTimeout(r, 10));
    expect(started).toEqual(['bad', 'good']);
    expect(crashes).toEqual(['bad']);
  });
});
