import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../core/clock/clock';
import { JobWorker } from './job-worker';

/** How many batches one advance may run before it gives up on a job that keeps rescheduling itself. */
const MAX_BATCHES = 10_000;

/**
 * Moves a controllable clock forward the way time would pass: it stops at each job's due time in
 * order (a timer that fires may schedule the next reminder inside the same stretch) and runs what
 * is due there before moving on, so when the call returns every timer up to the target has fired.
 */
@Injectable()
export class ClockAdvancer {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(Clock) private readonly clock: Clock,
    private readonly worker: JobWorker,
  ) {}

  async advanceTo(target: Date): Promise<number> {
    let jobsRun = 0;
    let batches = 0;
    const drain = async (): Promise<void> => {
      for (;;) {
        if (++batches > MAX_BATCHES)
          throw new Error(`Advancing the clock ran more than ${MAX_BATCHES} job batches; a job keeps falling due`);
        const { claimed } = await this.worker.runDueJobs();
        jobsRun += claimed;
        if (claimed === 0) return;
      }
    };
    await drain();
    for (;;) {
      const [next] = (await this.dataSource.query(
        `SELECT min(due_at) AS due_at FROM job WHERE status = 'pending' AND due_at <= $1 AND (locked_until IS NULL OR locked_until < now())`,
        [target],
      )) as { due_at: Date | string | null }[];
      if (!next?.due_at) break;
      this.clock.advanceTo(new Date(next.due_at));
      await drain();
      const [stillDue] = (await this.dataSource.query(
        `SELECT count(*)::int AS n FROM job WHERE status = 'pending' AND due_at <= $1 AND (locked_until IS NULL OR locked_until < now())`,
        [this.clock.now()],
      )) as { n: number }[];
      // A job held by another worker's batch is still pending: let that batch finish.
      if (stillDue && Number(stillDue.n) > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    this.clock.advanceTo(target);
    await drain();
    return jobsRun;
  }
}
