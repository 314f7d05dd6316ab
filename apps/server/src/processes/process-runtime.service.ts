import { randomUUID } from 'node:crypto';
import { Clock } from '../core/clock/clock';
import { HttpStatus, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  completeJob,
  fireTimer,
  start,
  type CommandResult,
  type ProcessDefinition,
  type ProcessState,
} from '@tessera/process';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ApiError, notFound } from '../core/errors/api-error';
import { text } from '../core/errors/localized';
import type { Job } from '../jobs/job';
import { JobHandlers } from '../jobs/job-handlers';
import { JobsService } from '../jobs/jobs.service';
import { NotificationsService } from '../notifications/notifications.service';
import { applyEffects, PROCESS_SERVICE_JOB, PROCESS_TIMER_JOB } from './apply-effects';
import { ProcessDefinitionsService } from './process-definitions.service';
import { engineCommand } from './process-errors';
import { ServiceConnectors } from './service-connectors';

export interface InstanceRow {
  id: string;
  app_key: string;
  process_key: string;
  process_version: number;
  business_key: string | null;
  status: 'active' | 'completed' | 'terminated' | 'incident';
  outcome: string | null;
  state: ProcessState;
  variables: Record<string, unknown>;
  started_at: Date;
  ended_at: Date | null;
  started_by: string | null;
  version: number;
  parent_instance_id?: string | null;
  parent_call_id?: string | null;
}

export interface StepContext {
  instance: InstanceRow;
  definition: ProcessDefinition;
  manager: EntityManager;
}

/** The values of an installed app's settings: each setting's default (null when the app declares none). */
export async function appSettings(manager: EntityManager, appKey: string): Promise<Record<string, unknown> | null> {
  const [row] = (await manager.query(`SELECT manifest -> 'settings' AS settings FROM app WHERE key = $1`, [
    appKey,
  ])) as {
    settings: Record<string, { default?: unknown }> | null;
  }[];
  if (!row?.settings) return null;
  return Object.fromEntries(Object.entries(row.settings).map(([key, setting]) => [key, setting.default ?? null]));
}

function statusOf(state: ProcessState): InstanceRow['status'] {
  if (state.status === 'active') return Object.keys(state.incidents ?? {}).length ? 'incident' : 'active';
  return state.status === 'completed' ? 'completed' : 'terminated';
}

/**
 * Runs the engine for one instance at a time. A step is one transaction: the instance row is locked,
 * the engine applied, and the new state, its tasks, jobs, history and audit entry written together.
 */
@Injectable()
export class ProcessRuntimeService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly definitions: ProcessDefinitionsService,
    private readonly jobs: JobsService,
    private readonly handlers: JobHandlers,
    private readonly notifications: NotificationsService,
    private readonly connectors: ServiceConnectors,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.handlers.register(PROCESS_TIMER_JOB, (job, manager) => this.onTimer(job, manager));
    this.handlers.register(
      PROCESS_SERVICE_JOB,
      (job, manager) => this.onServiceJob(job, manager),
      (job, manager, error) => this.onServiceJobExhausted(job, manager, error),
    );
  }

  async start(
    processKey: string,
    input: { variables?: Record<string, unknown>; businessKey?: string },
    actor: { id: string; username: string },
    manager?: EntityManager,
  ): Promise<InstanceRow> {
    const work = async (transaction: EntityManager) => {
      const process = await this.definitions.load(processKey, undefined, transaction);
      const id = randomUUID();
      const now = this.clock.now();
      const settings = await appSettings(transaction, process.appKey);
      const result = engineCommand(() =>
        start(process.definition, {
          instanceId: id,
          // The app's settings (an endpoint, a committee) are read as `settings.<key>`; callers cannot replace them.
          variables: { ...(input.variables ?? {}), ...(settings ? { settings } : {}) },
          businessKey: input.businessKey,
          startedBy: actor.username,
          now,
        }),
      );
      const [row] = (await transaction.query(
        `INSERT INTO process_instance (id, app_key, process_key, process_version, business_key, status, outcome, state, variables, started_at, ended_at, started_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
        [
          id,
          process.appKey,
          process.key,
          process.version,
          input.businessKey ?? null,
          statusOf(result.state),
          result.state.status,
          JSON.stringify(result.state),
          JSON.stringify(result.state.variables),
          now,
          result.state.endedAt ?? null,
          actor.username,
        ],
      )) as InstanceRow[];
      await applyEffects(
        transaction,
        { instanceId: id, appKey: process.appKey, processKey: process.key },
        result.effects,
        {
          jobs: this.jobs,
          notifications: this.notifications,
        },
      );
      await this.audit.append(transaction, {
        actor: actor.id,
        action: 'process.start',
        entityType: 'process_instance',
        entityId: id,
        after: { processKey: process.key, version: process.version, businessKey: input.businessKey ?? null },
      });
      return row!;
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  /**
   * Applies one engine command to an instance inside the caller's transaction. `command` may throw
   * (an ApiError or the engine's ProcessError) and nothing is written.
   */
  async step(
    manager: EntityManager,
    instanceId: string,
    action: string,
    actorId: string,
    command: (context: StepContext) => CommandResult | Promise<CommandResult>,
  ): Promise<{ instance: InstanceRow; result: CommandResult }> {
    const [instance] = (await manager.query(`SELECT * FROM process_instance WHERE id = $1 FOR UPDATE`, [
      instanceId,
    ])) as InstanceRow[];
    if (!instance) throw notFound(text('流程实例不存在', 'No such process instance'), 'instance.notFound');
    const process = await this.definitions.load(instance.process_key, instance.process_version, manager);
    const result = await command({ instance, definition: process.definition, manager });
    const [updated] = (await manager.query(
      `WITH updated AS (
         UPDATE process_instance SET state = $2, variables = $3, status = $4, outcome = $5, ended_at = $6, version = version + 1
         WHERE id = $1 AND version = $7 RETURNING *)
       SELECT * FROM updated`,
      [
        instanceId,
        JSON.stringify(result.state),
        JSON.stringify(result.state.variables),
        statusOf(result.state),
        result.state.status,
        result.state.endedAt ?? null,
        instance.version,
      ],
    )) as InstanceRow[];
    if (!updated) {
      throw new ApiError(
        HttpStatus.CONFLICT,
        'instance.versionConflict',
        text('流程实例已被同时修改，请重试', 'The process instance changed at the same time; try again'),
      );
    }
    await applyEffects(
      manager,
      { instanceId, appKey: instance.app_key, processKey: instance.process_key },
      result.effects,
      {
        jobs: this.jobs,
        notifications: this.notifications,
      },
    );
    await this.audit.append(manager, {
      actor: actorId,
      action,
      entityType: 'process_instance',
      entityId: instanceId,
      before: { version: instance.version, status: instance.status },
      after: {
        version: updated.version,
        status: updated.status,
        effects: result.effects.filter((effect) => effect.type !== 'history').map((effect) => effect.type),
      },
    });
    return { instance: updated, result };
  }

  private async onTimer(job: Job, manager: EntityManager): Promise<void> {
    if (!job.instanceId) throw new Error('A process timer job has no instance');
    const timerId = String(job.payload.timerId);
    await this.step(manager, job.instanceId, 'process.timer', 'system', ({ instance, definition }) => {
      // A timer the state no longer holds was cancelled after the job was claimed: nothing to do.
      if (!instance.state.timers?.[timerId] || instance.state.status !== 'active')
        return { state: instance.state, effects: [] };
      return engineCommand(() => fireTimer(definition, instance.state, timerId, { now: this.clock.now() }));
    });
  }

  private async onServiceJob(job: Job, manager: EntityManager): Promise<void> {
    if (!job.instanceId) throw new Error('A process service job has no instance');
    const jobId = String(job.payload.jobId);
    const jobType = String(job.payload.jobType);
    const [instance] = (await manager.query(`SELECT app_key, state FROM process_instance WHERE id = $1`, [
      job.instanceId,
    ])) as Pick<InstanceRow, 'app_key' | 'state'>[];
    if (!instance?.state.jobs?.[jobId]) return;
    const result = await this.connectors.run(jobType, {
      manager,
      appKey: instance.app_key,
      instanceId: job.instanceId,
      variables: (job.payload.variables as Record<string, unknown>) ?? {},
    });
    await this.step(manager, job.instanceId, 'process.job', 'system', ({ instance: locked, definition }) =>
      locked.state.jobs?.[jobId]
        ? engineCommand(() => completeJob(definition, locked.state, jobId, { result, now: this.clock.now() }))
        : { state: locked.state, effects: [] },
    );
  }

  /** The worker gave up on a service call: the engine decides (an error boundary, or an incident). */
  private async onServiceJobExhausted(job: Job, manager: EntityManager, message: string): Promise<void> {
    if (!job.instanceId) return;
    const jobId = String(job.payload.jobId);
    await this.step(manager, job.instanceId, 'process.job.failed', 'system', ({ instance, definition }) =>
      instance.state.jobs?.[jobId]
        ? engineCommand(() =>
            completeJob(definition, instance.state, jobId, {
              error: { code: 'job.failed', message },
              now: this.clock.now(),
            }),
          )
        : { state: instance.state, effects: [] },
    );
  }
}
