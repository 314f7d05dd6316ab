import { randomUUID } from 'node:crypto';
import { Clock } from '../core/clock/clock';
import os from 'node:os';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { TesseraConfig } from '../core/config';
import { TESSERA_CONFIG } from '../core/tokens';
import { type Job, jobFromRaw, type RawJob, retryDelaySeconds } from './job';
import { JobHandlers, type LeasedHandler } from './job-handlers';
import { JobsService } from './jobs.service';
import { PollingLoop } from '../core/polling-loop';

export const JOB_BATCH_SIZE = 25;

/** A job may fix its own delay between attempts (`payload.retryBackoffSeconds`); else 10 s doubling. */
function backoffSeconds(job: Job, attempts: number): number {
  const fixed = Number(job.payload.retryBackoffSeconds);
  return Number.isFinite(fixed) && fixed > 0 ? fixed : retryDelaySeconds(attempts);
}

export interface BatchOutcome {
  claimed: number;
  done: number;
  failed: number;
}

/**
 * The job loop every server process runs. A batch is claimed with `FOR UPDATE SKIP LOCKED` inside
 * one transaction and each job runs in a savepoint of it, so a job's effects commit exactly when the
 * job is marked done: two processes never run the same job, and a process killed mid-batch leaves
 * its jobs pending for the next claim.
 *
 * Jobs whose work is a call to another system (a `LeasedHandler`) are only leased in that
 * transaction (`locked_until`); the call runs after it commits, so a slow endpoint never holds a
 * database session, and its outcome is applied in a second transaction that first checks the lease
 * is still this worker's. A lease that runs out (a worker died mid-call) makes the job due again.
 */
@Injectable()
export class JobWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly workerId = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly logger = new Logger('JobWorker');
  private readonly loop: PollingLoop;
  private unsubscribe?: () => void;
  private readonly calls = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
    private readonly handlers: JobHandlers,
    private readonly jobs: JobsService,
    private readonly clock: Clock,
  ) {
    this.loop = new PollingLoop({
      what: 'Job batch',
      logger: this.logger,
      pollMs: this.config.workerPollMs,
      batchSize: JOB_BATCH_SIZE,
      batch: () => this.runDueJobs(),
    });
  }

  onApplicationBootstrap(): void {
    if (this.config.workerEnabled) this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (this.loop.isRunning) return;
    this.unsubscribe = this.jobs.onScheduled((dueAt) => {
      if (dueAt.getTime() <= this.clock.now().getTime() + this.config.workerPollMs) this.loop.wake();
    });
    this.loop.start();
  }

  /** Stops claiming and waits for the batch in hand to finish. */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    await this.loop.stop();
    await this.settle();
  }

  /** Waits for the calls of leased jobs in flight to end and their outcomes to be applied. */
  async settle(): Promise<void> {
    while (this.calls.size) await Promise.allSettled([...this.calls]);
  }

  /** Claims and runs one batch of due jobs; returns what happened. */
  async runDueJobs(batchSize = JOB_BATCH_SIZE): Promise<BatchOutcome> {
    const leasedJobs: { job: Job; handler: LeasedHandler }[] = [];
    const outcome = await this.dataSource.transaction(async (manager) => {
      const claimed = (
        (await manager.query(
          `SELECT * FROM job WHERE status = 'pending' AND due_at <= coalesce($2::timestamptz, now())
             AND (locked_until IS NULL OR locked_until < now())
           ORDER BY due_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [batchSize, this.movedNow()],
        )) as RawJob[]
      ).map(jobFromRaw);
      const outcome: BatchOutcome = { claimed: claimed.length, done: 0, failed: 0 };
      for (const job of claimed) {
        const leased = this.handlers.leased(job);
        if (leased) {
          await manager.query(
            `UPDATE job SET locked_until = now() + make_interval(secs => $2), locked_by = $3 WHERE id = $1`,
            [job.id, leased.leaseSeconds(job), this.workerId],
          );
          leasedJobs.push({ job, handler: leased });
          continue;
        }
        await manager.query('SAVEPOINT tessera_job');
        try {
          const handler = this.handlers.get(job.kind);
          if (!handler) throw new Error(`No handler is registered for job kind "${job.kind}"`);
          await handler(job, manager);
          await manager.query('RELEASE SAVEPOINT tessera_job');
          await manager.query(
            `UPDATE job SET status = 'done', attempts = attempts + 1, completed_at = now(), completed_by = $2, last_error = NULL
             WHERE id = $1`,
            [job.id, this.workerId],
          );
          outcome.done += 1;
        } catch (error) {
          await manager.query('ROLLBACK TO SAVEPOINT tessera_job');
          await this.recordFailure(manager, job, error);
          outcome.failed += 1;
        }
      }
      return outcome;
    });
    // The leases are committed: the calls run outside the database, tracked until they are applied.
    for (const { job, handler } of leasedJobs) {
      const call = this.runLeased(job, handler).catch((error: unknown) =>
        this.logger.error(`Leased job ${job.id} failed: ${error instanceof Error ? error.message : String(error)}`),
      );
      this.calls.add(call);
      void call.finally(() => this.calls.delete(call));
    }
    return outcome;
  }

  private async runLeased(job: Job, handler: LeasedHandler): Promise<void> {
    let outcome: { result: Record<string, unknown> } | { error: unknown };
    try {
      outcome = { result: await handler.call(job) };
    } catch (error) {
      outcome = { error };
    }
    await this.dataSource.transaction(async (manager) => {
      const [current] = (await manager.query(
        `SELECT id FROM job WHERE id = $1 AND status = 'pending' AND locked_by = $2 FOR UPDATE`,
        [job.id, this.workerId],
      )) as unknown[];
      // Cancelled meanwhile (the instance moved on), or the lease ran out and another worker took the job.
      if (!current) return;
      await manager.query(`UPDATE job SET locked_until = NULL, locked_by = NULL WHERE id = $1`, [job.id]);
      if ('error' in outcome && !handler.isFinal(outcome.error)) {
        await this.recordFailure(manager, job, outcome.error);
        return;
      }
      await manager.query('SAVEPOINT tessera_job');
      try {
        await handler.apply(job, manager, outcome);
        await manager.query('RELEASE SAVEPOINT tessera_job');
        await manager.query(
          `UPDATE job SET status = 'done', attempts = attempts + 1, completed_at = now(), completed_by = $2, last_error = NULL WHERE id = $1`,
          [job.id, this.workerId],
        );
      } catch (error) {
        await manager.query('ROLLBACK TO SAVEPOINT tessera_job');
        await this.recordFailure(manager, job, error);
      }
    });
  }

  /**
   * The moment a controllable clock shows; null on the system clock, where the database's own
   * `now()` decides what is due (its microseconds must not lose to a millisecond JavaScript time).
   */
  private movedNow(): Date | null {
    return this.clock.controllable ? this.clock.now() : null;
  }

  private async recordFailure(manager: EntityManager, job: Job, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    const attempts = job.attempts + 1;
    if (attempts >= job.maxAttempts) {
      this.logger.warn(`Job ${job.id} (${job.kind}) failed ${attempts} times and is now an incident: ${message}`);
      await manager.query(
        `UPDATE job SET status = 'incident', attempts = $2, last_error = $3, completed_at = now(), completed_by = $4 WHERE id = $1`,
        [job.id, attempts, message, this.workerId],
      );
      const onExhausted = this.handlers.exhausted(job.kind);
      if (onExhausted) {
        await manager.query('SAVEPOINT tessera_job_exhausted');
        try {
          await onExhausted(job, manager, message);
          await manager.query('RELEASE SAVEPOINT tessera_job_exhausted');
        } catch (hookError) {
          await manager.query('ROLLBACK TO SAVEPOINT tessera_job_exhausted');
          this.logger.error(
            `Recording the incident of job ${job.id} failed: ${hookError instanceof Error ? hookError.message : String(hookError)}`,
          );
        }
      }
      return;
    }
    await manager.query(
      `UPDATE job SET attempts = $2, last_error = $3, due_at = coalesce($5::timestamptz, now()) + make_interval(secs => $4) WHERE id = $1`,
      [job.id, attempts, message, backoffSeconds(job, attempts), this.movedNow()],
    );
  }
}
