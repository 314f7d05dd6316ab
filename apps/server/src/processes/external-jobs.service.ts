import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { completeJob } from '@tessera/process';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../core/clock/clock';
import { ApiError, notFound } from '../core/errors/api-error';
import { text } from '../core/errors/localized';
import { PROCESS_SERVICE_JOB } from './apply-effects';
import { engineCommand } from './process-errors';
import { type Actor, ProcessRuntimeService } from './process-runtime.service';

export type JobState = 'open' | 'locked' | 'completed' | 'incident' | 'cancelled';

/** A service task's job as the jobs API shows it: external (a worker outside fetches it) or built-in. */
export interface JobView {
  id: string;
  /** `external`: waits for fetch-and-lock; `builtin`: a connector of the server runs it (notify, http). */
  kind: 'external' | 'builtin';
  instanceId: string | null;
  processKey: string | null;
  elementId: string | null;
  jobType: string;
  state: JobState;
  variables: Record<string, unknown>;
  workerId: string | null;
  lockedUntil: Date | null;
  retries: number | null;
  retryAt: Date | null;
  errorMessage: string | null;
  createdAt: Date;
  completedAt: Date | null;
}

interface ExternalJobRow {
  id: string;
  engine_job_id: string;
  instance_id: string;
  app_key: string;
  process_key: string;
  element_id: string;
  job_type: string;
  variables: Record<string, unknown>;
  status: 'open' | 'completed' | 'incident' | 'cancelled';
  worker_id: string | null;
  locked_until: Date | null;
  retries: number | null;
  retry_at: Date | null;
  error_message: string | null;
  created_at: Date;
  completed_at: Date | null;
  version: number;
}

/** Retries an external job gets when the worker that fails it does not say. */
export const DEFAULT_EXTERNAL_RETRIES = 3;

/**
 * External jobs, Camunda "external task" style: a service task whose job type no built-in connector
 * handles waits until a worker fetches and locks it, then completes it with variables, fails it
 * (retries, then an incident) or reports a BPMN error a boundary event may catch.
 */
@Injectable()
export class ExternalJobsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runtime: ProcessRuntimeService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(filter: { instanceId?: string; type?: string; state?: JobState }): Promise<JobView[]> {
    const now = this.clock.now();
    const external = (await this.dataSource.query(
      `SELECT * FROM external_job WHERE ($1::uuid IS NULL OR instance_id = $1::uuid) AND ($2::text IS NULL OR job_type = $2)
       ORDER BY created_at, id LIMIT 500`,
      [filter.instanceId ?? null, filter.type ?? null],
    )) as ExternalJobRow[];
    const builtin = (await this.dataSource.query(
      `SELECT job.*, instance.process_key FROM job LEFT JOIN process_instance instance ON instance.id = job.instance_id
       WHERE job.kind = $3 AND ($1::uuid IS NULL OR job.instance_id = $1::uuid) AND ($2::text IS NULL OR job.payload ->> 'jobType' = $2)
       ORDER BY job.created_at, job.id LIMIT 500`,
      [filter.instanceId ?? null, filter.type ?? null, PROCESS_SERVICE_JOB],
    )) as {
      id: string;
      instance_id: string | null;
      process_key: string | null;
      payload: { jobType?: string; elementId?: string; variables?: Record<string, unknown> };
      status: 'pending' | 'done' | 'incident' | 'cancelled';
      attempts: number;
      max_attempts: number;
      last_error: string | null;
      due_at: Date;
      locked_until: Date | null;
      locked_by: string | null;
      created_at: Date;
      completed_at: Date | null;
    }[];
    const views: JobView[] = [
      ...external.map((row) => externalView(row, now)),
      ...builtin.map((row): JobView => ({
        id: row.id,
        kind: 'builtin',
        instanceId: row.instance_id,
        processKey: row.process_key,
        elementId: row.payload.elementId ?? null,
        jobType: row.payload.jobType ?? '',
        state:
          row.status === 'done'
            ? 'completed'
            : row.status === 'pending'
              ? row.locked_until && new Date(row.locked_until) > new Date()
                ? 'locked'
                : 'open'
              : row.status,
        variables: row.payload.variables ?? {},
        workerId: row.locked_by,
        lockedUntil: row.locked_until,
        retries: row.max_attempts - row.attempts,
        retryAt: row.status === 'pending' && row.attempts > 0 ? row.due_at : null,
        errorMessage: row.last_error,
        createdAt: row.created_at,
        completedAt: row.completed_at,
      })),
    ];
    return views
      .filter((view) => !filter.state || view.state === filter.state)
      .sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime());
  }

  /** Locks up to `maxJobs` open jobs of the types for the worker; two workers never get the same job. */
  fetchAndLock(request: {
    workerId: string;
    types: string[];
    maxJobs: number;
    lockSeconds: number;
  }): Promise<JobView[]> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const rows = (await manager.query(
        `SELECT * FROM external_job WHERE status = 'open' AND job_type = ANY($1::text[])
           AND (locked_until IS NULL OR locked_until <= $3) AND (retry_at IS NULL OR retry_at <= $3)
         ORDER BY created_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [request.types, request.maxJobs, now],
      )) as ExternalJobRow[];
      if (!rows.length) return [];
      const locked = (await manager.query(
        `WITH locked AS (
           UPDATE external_job SET worker_id = $2, locked_until = $3::timestamptz + make_interval(secs => $4), version = version + 1
           WHERE id = ANY($1::uuid[]) RETURNING *)
         SELECT * FROM locked ORDER BY created_at, id`,
        [rows.map((row) => row.id), request.workerId, now, request.lockSeconds],
      )) as ExternalJobRow[];
      return locked.map((row) => externalView(row, now));
    });
  }

  complete(
    id: string,
    request: { workerId?: string; variables?: Record<string, unknown> },
    actor: Actor,
  ): Promise<JobView> {
    return this.finish(id, request.workerId, actor, 'job.complete', async (manager, row) => {
      await this.runtime.step(manager, row.instance_id, 'process.job', actor.id, ({ instance, definition }) =>
        engineCommand(() =>
          completeJob(definition, instance.state, row.engine_job_id, {
            result: request.variables ?? {},
            now: this.clock.now(),
          }),
        ),
      );
      return { status: 'completed' as const };
    });
  }

  /** A BPMN error: the process may catch `errorCode` with a boundary event; uncaught it is an incident. */
  bpmnError(
    id: string,
    request: { workerId?: string; errorCode: string; message?: string; variables?: Record<string, unknown> },
    actor: Actor,
  ): Promise<JobView> {
    return this.finish(id, request.workerId, actor, 'job.bpmnError', async (manager, row) => {
      await this.runtime.step(manager, row.instance_id, 'process.job.failed', actor.id, ({ instance, definition }) =>
        engineCommand(() =>
          completeJob(definition, instance.state, row.engine_job_id, {
            error: { code: request.errorCode, ...(request.message ? { message: request.message } : {}) },
            now: this.clock.now(),
          }),
        ),
      );
      return { status: 'completed' as const, errorMessage: request.message ?? request.errorCode };
    });
  }

  /** A technical failure: the job is offered again after `retryAfterSeconds` while retries remain, then it is an incident. */
  fail(
    id: string,
    request: { workerId?: string; message: string; retries?: number; retryAfterSeconds?: number },
    actor: Actor,
  ): Promise<JobView> {
    return this.finish(id, request.workerId, actor, 'job.fail', async (manager, row) => {
      const retries = request.retries ?? (row.retries ?? DEFAULT_EXTERNAL_RETRIES) - 1;
      if (retries > 0) {
        const retryAt = new Date(this.clock.now().getTime() + (request.retryAfterSeconds ?? 0) * 1000);
        return { status: 'open' as const, retries, retryAt, errorMessage: request.message };
      }
      await this.runtime.step(manager, row.instance_id, 'process.job.failed', actor.id, ({ instance, definition }) =>
        engineCommand(() =>
          completeJob(definition, instance.state, row.engine_job_id, {
            error: { message: request.message },
            now: this.clock.now(),
          }),
        ),
      );
      return { status: 'incident' as const, retries: 0, errorMessage: request.message };
    });
  }

  /**
   * Locks the job, checks it is open and not locked by another worker, runs `work` (an engine step)
   * and writes the job's new state, all in one transaction.
   */
  private finish(
    id: string,
    workerId: string | undefined,
    actor: Actor,
    action: string,
    work: (
      manager: EntityManager,
      row: ExternalJobRow,
    ) => Promise<{ status: ExternalJobRow['status']; retries?: number; retryAt?: Date; errorMessage?: string }>,
  ): Promise<JobView> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const [row] = (await manager.query(`SELECT * FROM external_job WHERE id = $1 FOR UPDATE`, [
        id,
      ])) as ExternalJobRow[];
      if (!row) throw notFound(text('作业不存在', 'No such job'), 'job.notFound');
      if (row.status !== 'open') {
        throw new ApiError(
          HttpStatus.CONFLICT,
          'job.closed',
          text(
            `作业已${row.status === 'completed' ? '完成' : row.status === 'incident' ? '转为故障' : '取消'}`,
            `The job is ${row.status}`,
          ),
        );
      }
      const lockedByOther =
        row.worker_id && row.locked_until && new Date(row.locked_until) > now && row.worker_id !== workerId;
      if (lockedByOther) {
        throw new ApiError(
          HttpStatus.CONFLICT,
          'job.lockedByOther',
          text(`作业已被 ${row.worker_id} 锁定`, `The job is locked by the worker ${row.worker_id}`),
          [
            {
              path: 'workerId',
              code: 'job.lockedByOther',
              message: text('锁定者不同', 'Another worker holds the lock'),
            },
          ],
        );
      }
      const next = await work(manager, row);
      const [updated] = (await manager.query(
        `WITH updated AS (
           UPDATE external_job SET status = $2, retries = coalesce($3, retries), retry_at = $4, error_message = coalesce($5, error_message),
             worker_id = CASE WHEN $2 = 'open' THEN NULL ELSE worker_id END, locked_until = NULL,
             completed_at = CASE WHEN $2 = 'open' THEN NULL ELSE $6::timestamptz END, version = version + 1
           WHERE id = $1 AND version = $7 RETURNING *)
         SELECT * FROM updated`,
        [id, next.status, next.retries ?? null, next.retryAt ?? null, next.errorMessage ?? null, now, row.version],
      )) as ExternalJobRow[];
      if (!updated) {
        throw new ApiError(
          HttpStatus.CONFLICT,
          'job.versionConflict',
          text('作业已被同时修改，请重试', 'The job changed at the same time; try again'),
        );
      }
      await this.audit.append(manager, {
        actor: actor.id,
        action,
        entityType: 'job',
        entityId: id,
        before: { status: row.status, workerId: row.worker_id },
        after: {
          status: updated.status,
          retries: updated.retries,
          instanceId: row.instance_id,
          elementId: row.element_id,
        },
      });
      return externalView(updated, now);
    });
  }
}

function externalView(row: ExternalJobRow, now: Date): JobView {
  const locked = row.status === 'open' && row.locked_until !== null && new Date(row.locked_until) > now;
  return {
    id: row.id,
    kind: 'external',
    instanceId: row.instance_id,
    processKey: row.process_key,
    elementId: row.element_id,
    jobType: row.job_type,
    state: locked ? 'locked' : row.status,
    variables: row.variables,
    workerId: locked ? row.worker_id : null,
    lockedUntil: locked ? row.locked_until : null,
    retries: row.retries,
    retryAt: row.retry_at,
    errorMessage: row.error_message,
    createdAt: row.created_at,
    completedAt: row.completed_at,
  };
}
