import { randomUUID } from 'node:crypto';
import { Clock } from '../core/clock/clock';
import os from 'node:os';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { TesseraConfig } from '../core/config';
import { TESSERA_CONFIG } from '../core/tokens';
import { type Job, jobFromRaw, type RawJob, retryDelaySeconds } from './job';
import { JobHandlers } from './job-handlers';
import { JobsService } from './jobs.service';

export const JOB_BATCH_SIZE = 25;

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
 */
@Injectable()
export class JobWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly workerId = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly logger = new Logger('JobWorker');
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private unsubscribe?: () => void;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
    private readonly handlers: JobHandlers,
    private readonly jobs: JobsService,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.workerEnabled) this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.jobs.onScheduled((dueAt) => {
      if (dueAt.getTime() <= this.clock.now().getTime() + this.config.workerPollMs) this.wakeUp?.();
    });
    this.loop = this.run();
  }

  /** Stops claiming and waits for the batch in hand to finish. */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.wakeUp?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let outcome: BatchOutcome = { claimed: 0, done: 0, failed: 0 };
      try {
        outcome = await this.runDueJobs();
      } catch (error) {
        if (!this.running) break;
        this.logger.error(`Job batch failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (outcome.claimed < JOB_BATCH_SIZE && this.running) await this.idle();
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.config.workerPollMs);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }

  /** Claims and runs one batch of due jobs; returns what happened. */
  async runDueJobs(batchSize = JOB_BATCH_SIZE): Promise<BatchOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const claimed = (
        (await manager.query(
          `SELECT * FROM job WHERE status = 'pending' AND due_at <= coalesce($2::timestamptz, now())
           ORDER BY due_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [batchSize, this.movedNow()],
        )) as RawJob[]
      ).map(jobFromRaw);
      const outcome: BatchOutcome = { claimed: claimed.length, done: 0, failed: 0 };
      for (const job of claimed) {
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
      [job.id, attempts, message, retryDelaySeconds(attempts), this.movedNow()],
    );
  }
}
