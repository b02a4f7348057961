import { randomUUID } from 'node:crypto';
import { describeError, isVigiaError } from '../../core/errors.js';
import type { ScanReport } from '../../report/types.js';
import { ApiError } from '../errors.js';
import { runJob, summaryOf, type ScanServices } from '../runner.js';
import type { ScanDb } from './db.js';
import { ScanQueue, type QueueLimits, type QueueStats } from './queue.js';
import type { JobRecord, JobSecrets, ScanInput } from './types.js';

/** The code a job gets when the server stopped while it ran (or while it waited with in-memory credentials). */
export const INTERRUPTED = 'INTERRUPTED';

/**
 * Jobs: accepted into SQLite, queued, run in-process, finished with a stored report or an error.
 * At start-up (`recover`), jobs left `running` by a previous process are marked failed
 * (`INTERRUPTED`: a scan that was running when the server died may be what killed it, so it is
 * not retried blindly); jobs still `queued` are queued again, except Harbor jobs whose registry
 * credentials lived only in that process's memory.
 */
export class ScanService {
  private readonly secrets = new Map<string, JobSecrets>();
  private readonly queue: ScanQueue;

  constructor(
    private readonly db: ScanDb,
    private readonly services: ScanServices,
    limits: QueueLimits,
    private readonly log: (line: string) => void,
  ) {
    this.queue = new ScanQueue(
      limits,
      (id) => this.work(id),
      (id, err) => log(`scan ${id}: ${describeError(err)}`),
    );
  }

  /** Re-queue or fail what a previous process left behind. */
  recover(): { requeued: number; interrupted: number } {
    const at = this.now();
    let interrupted = 0;
    for (const job of this.db.withStatus('running')) {
      this.db.markFailed(job.id, at, {
        code: INTERRUPTED,
        message: 'the server stopped while this scan was running; submit it again',
      });
      interrupted++;
    }
    let requeued = 0;
    for (const job of this.db.withStatus('queued')) {
      if (job.input.kind === 'harbor' && job.input.credentials) {
        this.db.markFailed(job.id, at, {
          code: INTERRUPTED,
          message:
            'the server restarted before this scan started, and registry credentials are kept in memory only; Harbor will scan again',
        });
        interrupted++;
        continue;
      }
      this.queue.restore(job.id);
      requeued++;
    }
    return { requeued, interrupted };
  }

  /** Accept a scan: stored as `queued`, then run when a slot is free. 503 `QUEUE_FULL` when the queue is full. */
  submit(input: ScanInput, secrets?: JobSecrets): JobRecord {
    const stats = this.queue.stats();
    if (stats.queued >= stats.queueLimit) {
      throw new ApiError(
        503,
        'QUEUE_FULL',
        `${stats.queued} scans are waiting (the limit); try again later`,
        {
          'Retry-After': '30',
        },
      );
    }
    const id = randomUUID();
    const image = input.kind === 'api' ? input.image : input.reference;
    this.db.insert({ id, image, input, createdAt: this.now() });
    if (secrets) this.secrets.set(id, secrets);
    this.queue.offer(id);
    return this.db.get(id) as JobRecord;
  }

  get(id: string): JobRecord | undefined {
    return this.db.get(id);
  }

  report(id: string): ScanReport | undefined {
    return this.db.report(id);
  }

  recent(limit: number): JobRecord[] {
    return this.db.recent(limit);
  }

  stats(): QueueStats {
    return this.queue.stats();
  }

  /** Start no new scans and wait for the running ones. */
  stop(): Promise<void> {
    return this.queue.stop();
  }

  private async work(id: string): Promise<void> {
    const job = this.db.get(id);
    if (!job || job.status !== 'queued') return;
    this.db.markRunning(id, this.now());
    try {
      const report = await runJob(job.input, this.secrets.get(id), this.services);
      this.db.markDone(id, this.now(), report, summaryOf(report));
    } catch (err) {
      if (!isVigiaError(err))
        this.log(
          `scan ${id} (${job.image}): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
        );
      this.db.markFailed(id, this.now(), {
        code: isVigiaError(err) ? err.code : 'INTERNAL',
        message: isVigiaError(err) ? err.message : `internal error: ${describeError(err)}`,
      });
    } finally {
      this.secrets.delete(id);
    }
  }

  private now(): string {
    return (this.services.now?.() ?? new Date()).toISOString();
  }
}
