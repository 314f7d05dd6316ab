import { randomUUID } from 'node:crypto';
import { Clock } from '../core/clock/clock';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { notFound } from '../core/errors/api-error';
import { text } from '../core/errors/localized';
import { AuditService } from '../audit/audit.service';
import { type Job, jobFromRaw, type RawJob } from './job';

export interface NewJob {
  kind: string;
  payload?: Record<string, unknown>;
  instanceId?: string | null;
  dueAt?: Date;
  maxAttempts?: number;
}

@Injectable()
export class JobsService {
  private readonly scheduledListeners = new Set<(dueAt: Date) => void>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Adds jobs in the caller's transaction; they become visible to workers when it commits. */
  async schedule(manager: EntityManager, jobs: NewJob[]): Promise<string[]> {
    const ids: string[] = [];
    // One multi-row insert per chunk keeps thousands of timers to a handful of statements.
    for (let start = 0; start < jobs.length; start += 500) {
      const chunk = jobs.slice(start, start + 500);
      const values: unknown[] = [];
      const rows = chunk.map((job) => {
        const id = randomUUID();
        ids.push(id);
        const base = values.length;
        values.push(
          id,
          job.kind,
          JSON.stringify(job.payload ?? {}),
          job.instanceId ?? null,
          job.dueAt ?? this.clock.now(),
          job.maxAttempts ?? 5,
        );
        return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6})`;
      });
      await manager.query(
        `INSERT INTO job (id, kind, payload, instance_id, due_at, max_attempts) VALUES ${rows.join(', ')}`,
        values,
      );
    }
    const earliest = jobs.reduce<Date | undefined>((min, job) => {
      const due = job.dueAt ?? this.clock.now();
      return !min || due < min ? due : min;
    }, undefined);
    if (earliest) for (const listener of this.scheduledListeners) listener(earliest);
    return ids;
  }

  /** Called with the earliest due time whenever jobs are scheduled (the local worker wakes up). */
  onScheduled(listener: (dueAt: Date) => void): () => void {
    this.scheduledListeners.add(listener);
    return () => this.scheduledListeners.delete(listener);
  }

  async cancelForInstance(manager: EntityManager, instanceId: string, filter?: (job: Job) => boolean): Promise<number> {
    const pending = (await manager.query(`SELECT * FROM job WHERE instance_id = $1 AND status = 'pending' FOR UPDATE`, [
      instanceId,
    ])) as RawJob[];
    const cancelled = pending.map(jobFromRaw).filter((job) => !filter || filter(job));
    if (cancelled.length) {
      await manager.query(`UPDATE job SET status = 'cancelled', completed_at = now() WHERE id = ANY($1::uuid[])`, [
        cancelled.map((job) => job.id),
      ]);
    }
    return cancelled.length;
  }

  async get(id: string): Promise<Job | undefined> {
    const [raw] = (await this.dataSource.query(`SELECT * FROM job WHERE id = $1`, [id])) as RawJob[];
    return raw ? jobFromRaw(raw) : undefined;
  }

  async listIncidents(limit = 100): Promise<Job[]> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM job WHERE status = 'incident' ORDER BY completed_at DESC LIMIT $1`,
      [limit],
    )) as RawJob[];
    return rows.map(jobFromRaw);
  }

  /** Puts a failed job back in the queue with a fresh set of attempts. */
  async retryIncident(id: string, actor: string): Promise<Job> {
    const job = await this.dataSource.transaction(async (manager) => {
      const [raw] = (await manager.query(`SELECT * FROM job WHERE id = $1 AND status = 'incident' FOR UPDATE`, [
        id,
      ])) as RawJob[];
      if (!raw) throw notFound(text('没有这个未处理的故障', 'No such open incident'), 'incident.notFound');
      const [updated] = (await manager.query(
        `WITH updated AS (
           UPDATE job SET status = 'pending', attempts = 0, due_at = now(), completed_at = NULL, completed_by = NULL
           WHERE id = $1 RETURNING *)
         SELECT * FROM updated`,
        [id],
      )) as RawJob[];
      await this.audit.append(manager, {
        actor,
        action: 'incident.retry',
        entityType: 'job',
        entityId: id,
        before: { status: raw.status, attempts: raw.attempts, lastError: raw.last_error },
        after: { status: 'pending' },
      });
      return jobFromRaw(updated!);
    });
    for (const listener of this.scheduledListeners) listener(job.dueAt);
    return job;
  }
}
