import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Job, JobHandler } from './job';

/** Runs in the worker's transaction when a job has failed its last attempt and becomes an incident. */
export type ExhaustedHandler = (job: Job, manager: EntityManager, error: string) => Promise<void>;

/** Which code runs a job of each kind; modules register their kinds at start-up. */
@Injectable()
export class JobHandlers {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly exhaustedHandlers = new Map<string, ExhaustedHandler>();

  register(kind: string, handler: JobHandler, onExhausted?: ExhaustedHandler): void {
    if (this.handlers.has(kind)) throw new Error(`A handler for job kind "${kind}" is already registered`);
    this.handlers.set(kind, handler);
    if (onExhausted) this.exhaustedHandlers.set(kind, onExhausted);
  }

  exhausted(kind: string): ExhaustedHandler | undefined {
    return this.exhaustedHandlers.get(kind);
  }

  get(kind: string): JobHandler | undefined {
    return this.handlers.get(kind);
  }
}
