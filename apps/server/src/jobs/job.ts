import type { EntityManager } from 'typeorm';

export type JobStatus = 'pending' | 'done' | 'incident' | 'cancelled';

export interface Job {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  instanceId: string | null;
  dueAt: Date;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  createdAt: Date;
  completedAt: Date | null;
  completedBy: string | null;
}

/** Runs one job inside the transaction that claimed it: its writes commit with the job's completion. */
export type JobHandler = (job: Job, manager: EntityManager) => Promise<void>;

export interface RawJob {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  instance_id: string | null;
  due_at: Date;
  status: JobStatus;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  created_at: Date;
  completed_at: Date | null;
  completed_by: string | null;
}

export function jobFromRaw(raw: RawJob): Job {
  return {
    id: raw.id,
    kind: raw.kind,
    payload: raw.payload,
    instanceId: raw.instance_id,
    dueAt: new Date(raw.due_at),
    status: raw.status,
    attempts: raw.attempts,
    maxAttempts: raw.max_attempts,
    lastError: raw.last_error,
    createdAt: new Date(raw.created_at),
    completedAt: raw.completed_at ? new Date(raw.completed_at) : null,
    completedBy: raw.completed_by,
  };
}

/** Seconds to wait before attempt `attempts + 1`: 10 s doubling per failure, at most an hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(10 * 2 ** Math.max(0, attempts - 1), 3600);
}
