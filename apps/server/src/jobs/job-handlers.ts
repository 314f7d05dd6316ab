import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Job, JobHandler } from './job';

/** Runs in the worker's transaction when a job has failed its last attempt and becomes an incident. */
export type ExhaustedHandler = (job: Job, manager: EntityManager, error: string) => Promise<void>;

/**
 * A job whose work is a call to another system. The call runs outside any transaction while the
 * job is leased; its outcome is applied in a second, short transaction. A call that throws is
 * retried like any failed job unless `isFinal` says the error is an answer the process must see.
 */
export interface LeasedHandler {
  /** Whether this job is one to lease (e.g. only the `http` service calls of the kind). */
  applies(job: Job): boolean;
  /** How long the lease lasts: longer than the call may take. */
  leaseSeconds(job: Job): number;
  call(job: Job): Promise<Record<string, unknown>>;
  /** An error that is an answer (a business refusal), applied instead of being retried. */
  isFinal(error: unknown): boolean;
  apply(
    job: Job,
    manager: EntityManager,
    outcome: { result: Record<string, unknown> } | { error: unknown },
  ): Promise<void>;
}

/** Which code runs a job of each kind; modules register their kinds at start-up. */
@Injectable()
export class JobHandlers {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly exhaustedHandlers = new Map<string, ExhaustedHandler>();
  private readonly leasedHandlers = new Map<string, LeasedHandler>();

  register(kind: string, handler: JobHandler, onExhausted?: ExhaustedHandler, leased?: LeasedHandler): void {
    if (this.handlers.has(kind)) throw new Error(`A handler for job kind "${kind}" is already registered`);
    this.handlers.set(kind, handler);
    if (onExhausted) this.exhaustedHandlers.set(kind, onExhausted);
    if (leased) this.leasedHandlers.set(kind, leased);
  }

  exhausted(kind: string): ExhaustedHandler | undefined {
    return this.exhaustedHandlers.get(kind);
  }

  get(kind: string): JobHandler | undefined {
    return this.handlers.get(kind);
  }

  /** The leased handler of this job, when its work is a call outside the database. */
  leased(job: Job): LeasedHandler | undefined {
    const handler = this.leasedHandlers.get(job.kind);
    return handler?.applies(job) ? handler : undefined;
  }
}
