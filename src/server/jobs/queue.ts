/** Queue limits: how many scans run at once and how many may wait. */
export interface QueueLimits {
  maxConcurrent: number;
  queueLimit: number;
}

/** What the queue holds right now. */
export interface QueueStats extends QueueLimits {
  running: number;
  queued: number;
}

/**
 * A bounded in-process job queue: at most `maxConcurrent` jobs run at once, at most `queueLimit`
 * wait. `work` must not throw (it records its own failures); if it does, the error is passed to
 * `onCrash` and the slot is freed.
 */
export class ScanQueue {
  private readonly waiting: string[] = [];
  private active = 0;
  private stopped = false;
  private readonly idleWaiters: (() => void)[] = [];

  private readonly limits: QueueLimits;

  constructor(
    limits: QueueLimits,
    private readonly work: (id: string) => Promise<void>,
    private readonly onCrash: (id: string, err: unknown) => void = () => {},
  ) {
    this.limits = { maxConcurrent: limits.maxConcurrent, queueLimit: limits.queueLimit };
  }

  /** Queue a job; false (nothing queued) when `queueLimit` jobs already wait. */
  offer(id: string): boolean {
    if (this.waiting.length >= this.limits.queueLimit) return false;
    this.waiting.push(id);
    this.pump();
    return true;
  }

  /** Queue a job regardless of the limit (jobs found queued at start-up). */
  restore(id: string): void {
    this.waiting.push(id);
    this.pump();
  }

  stats(): QueueStats {
    return { ...this.limits, running: this.active, queued: this.waiting.length };
  }

  /** Start no more jobs; resolves once the running ones have finished. Waiting jobs stay queued. */
  stop(): Promise<void> {
    this.stopped = true;
    if (this.active === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (!this.stopped && this.active < this.limits.maxConcurrent && this.waiting.length > 0) {
      const id = this.waiting.shift() as string;
      this.active++;
      void this.work(id)
        .catch((err: unknown) => this.onCrash(id, err))
        .finally(() => {
          this.active--;
          if (this.active === 0 && this.stopped) for (const w of this.idleWaiters.splice(0)) w();
          this.pump();
        });
    }
  }
}
