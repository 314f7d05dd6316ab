import { randomUUID } from 'node:crypto';
import { Clock } from '../core/clock/clock';
import { HttpStatus, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  cancelInstance,
  completeCallActivity,
  completeJob,
  deliverMessage,
  deliverSignal,
  fireTimer,
  retryIncident as retryEngineIncident,
  start,
  type CommandResult,
  type Effect,
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
import { ConnectorBusinessError, DEFAULT_HTTP_TIMEOUT_MS, ServiceConnectors } from './service-connectors';
import { effectiveAppSettings } from '../apps/app-settings';

export interface Actor {
  id: string;
  username: string;
}

export interface StartOptions {
  /** A call activity of this instance started the new one. */
  parent?: { instanceId: string; callId: string };
  /** Start at the message or signal start event with this name instead of the none start event. */
  messageName?: string;
  signalName?: string;
}

export interface MessageDelivery {
  name: string;
  businessKey?: string;
  instanceId?: string;
  /** Matches a subscription's own correlation key, or else the instance's business key. */
  correlationKey?: string;
  variables?: Record<string, unknown>;
  /** Deliver to every matching instance instead of refusing an ambiguous message. */
  all?: boolean;
}

export interface DeliveryOutcome {
  delivered: { instanceId: string; businessKey: string | null }[];
  started: { instanceId: string; processKey: string }[];
}

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

function incidentOfJob(state: ProcessState, jobId: string) {
  return Object.values(state.incidents ?? {}).find((incident) => incident.jobId === jobId);
}

/** The values of an installed app's settings: IT's stored values over the manifest's defaults (null when it declares none). */
export function appSettings(manager: EntityManager, appKey: string): Promise<Record<string, unknown> | null> {
  return effectiveAppSettings(manager, appKey);
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
      {
        // HTTP calls run outside the job's transaction; their answer is applied in a second one.
        applies: (job) => this.connectors.callsOut(String(job.payload.jobType)),
        leaseSeconds: (job) => {
          const timeout = Number((job.payload.variables as Record<string, unknown> | undefined)?.timeoutMs);
          return Math.ceil((Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_HTTP_TIMEOUT_MS) / 1000) + 30;
        },
        call: (job) => this.callService(job),
        isFinal: (error) => error instanceof ConnectorBusinessError,
        apply: (job, manager, outcome) => this.applyServiceOutcome(job, manager, outcome),
      },
    );
  }

  async start(
    processKey: string,
    input: { variables?: Record<string, unknown>; businessKey?: string },
    actor: Actor,
    manager?: EntityManager,
    options: StartOptions = {},
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
          messageName: options.messageName,
          signalName: options.signalName,
          now,
        }),
      );
      const [row] = (await transaction.query(
        `INSERT INTO process_instance (id, app_key, process_key, process_version, business_key, status, outcome, state, variables, started_at, ended_at, started_by, parent_instance_id, parent_call_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING *`,
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
          options.parent?.instanceId ?? null,
          options.parent?.callId ?? null,
        ],
      )) as InstanceRow[];
      await applyEffects(
        transaction,
        { instanceId: id, appKey: process.appKey, processKey: process.key },
        result.effects,
        this.effectServices(),
      );
      await this.audit.append(transaction, {
        actor: actor.id,
        action: 'process.start',
        entityType: 'process_instance',
        entityId: id,
        after: {
          processKey: process.key,
          version: process.version,
          businessKey: input.businessKey ?? null,
          ...(options.parent ? { parentInstanceId: options.parent.instanceId } : {}),
        },
      });
      await this.followUps(transaction, row!, result.effects, actor);
      const [current] = (await transaction.query(`SELECT * FROM process_instance WHERE id = $1`, [
        id,
      ])) as InstanceRow[];
      return current!;
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
      this.effectServices(),
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
    await this.followUps(manager, updated, result.effects, { id: actorId, username: updated.started_by ?? 'system' });
    const [current] = (await manager.query(`SELECT * FROM process_instance WHERE id = $1`, [
      instanceId,
    ])) as InstanceRow[];
    return { instance: current ?? updated, result };
  }

  private effectServices() {
    return { jobs: this.jobs, notifications: this.notifications, connectors: this.connectors };
  }

  /**
   * What a step asks of other instances, in the same transaction: a call activity starts its child
   * (or cancels it), an ended child resumes its parent, thrown messages and signals reach the
   * instances waiting for them. Every ended instance gets its audit entry.
   */
  private async followUps(manager: EntityManager, row: InstanceRow, effects: Effect[], actor: Actor): Promise<void> {
    for (const effect of effects) {
      switch (effect.type) {
        case 'callActivity.requested':
          try {
            await this.start(
              effect.calledElement,
              { variables: effect.variables, businessKey: effect.businessKey ?? row.business_key ?? undefined },
              { id: actor.id, username: row.started_by ?? actor.username },
              manager,
              { parent: { instanceId: row.id, callId: effect.callId } },
            );
          } catch (error) {
            // A called process that is not deployed stops the call activity as an incident to fix and retry.
            if (!(error instanceof ApiError) || error.code !== 'process.notFound') throw error;
            await this.step(manager, row.id, 'process.callActivity.failed', actor.id, ({ instance, definition }) =>
              engineCommand(() =>
                completeCallActivity(definition, instance.state, effect.callId, {
                  now: this.clock.now(),
                  error: { message: `the called process ${effect.calledElement} is not deployed` },
                }),
              ),
            );
          }
          break;
        case 'callActivity.cancelled': {
          const children = (await manager.query(
            `SELECT id FROM process_instance WHERE parent_instance_id = $1 AND parent_call_id = $2 AND status IN ('active', 'incident')`,
            [row.id, effect.callId],
          )) as { id: string }[];
          for (const child of children)
            await this.step(manager, child.id, 'process.cancel', actor.id, ({ instance, definition }) =>
              instance.state.status === 'active'
                ? engineCommand(() =>
                    cancelInstance(definition, instance.state, {
                      reason: 'parent activity cancelled',
                      now: this.clock.now(),
                    }),
                  )
                : { state: instance.state, effects: [] },
            );
          break;
        }
        case 'message.sent':
          await this.correlate(
            manager,
            { name: effect.name, correlationKey: effect.correlationKey, variables: effect.payload, all: true },
            actor,
            row.id,
          );
          break;
        case 'signal.thrown':
          await this.broadcast(manager, { name: effect.name, variables: effect.payload }, actor, row.id);
          break;
        case 'instance.ended': {
          await this.audit.append(manager, {
            actor: actor.id,
            action: `process.${effect.outcome}`,
            entityType: 'process_instance',
            entityId: row.id,
            after: {
              endEventId: effect.endEventId ?? null,
              processKey: row.process_key,
              businessKey: row.business_key,
            },
          });
          if (row.parent_instance_id && row.parent_call_id) {
            const callId = row.parent_call_id;
            const failed = effect.outcome === 'cancelled' || effect.outcome === 'withdrawn';
            await this.step(
              manager,
              row.parent_instance_id,
              'process.callActivity.completed',
              actor.id,
              ({ instance, definition }) =>
                Object.values(instance.state.executions ?? {}).some((execution) => execution.callId === callId)
                  ? engineCommand(() =>
                      completeCallActivity(definition, instance.state, callId, {
                        now: this.clock.now(),
                        variables: effect.variables,
                        ...(failed
                          ? { error: { message: `the called process ${row.process_key} was ${effect.outcome}` } }
                          : {}),
                      }),
                    )
                  : { state: instance.state, effects: [] },
            );
          }
          break;
        }
        default:
          break;
      }
    }
  }

  /**
   * Delivers a message: to the waiting instance(s) it correlates with, or else through a message
   * start event of a deployed process. 404 when nothing waits, 409 when several instances wait and
   * `all` is not set. `authorize` sees the instances before anything is written.
   */
  async correlate(
    manager: EntityManager,
    message: MessageDelivery,
    actor: Actor,
    exceptInstanceId?: string,
    authorize?: (instanceIds: string[]) => Promise<void>,
    allowStart = true,
  ): Promise<DeliveryOutcome> {
    const params: unknown[] = [message.name];
    const conditions = [`s.name = $1`, `i.status IN ('active', 'incident')`];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      conditions.push(sql.replaceAll('?', `$${params.length}`));
    };
    if (message.instanceId) add('i.id = ?::uuid', message.instanceId);
    if (message.businessKey) add('i.business_key = ?', message.businessKey);
    if (message.correlationKey !== undefined)
      add('coalesce(s.correlation_key, i.business_key) = ?', message.correlationKey);
    if (exceptInstanceId) add('i.id <> ?::uuid', exceptInstanceId);
    const rows = (await manager.query(
      `SELECT DISTINCT ON (i.id) i.id, i.business_key, s.correlation_key FROM message_subscription s JOIN process_instance i ON i.id = s.instance_id
       WHERE ${conditions.join(' AND ')} ORDER BY i.id, s.created_at`,
      params,
    )) as { id: string; business_key: string | null; correlation_key: string | null }[];
    const outcome: DeliveryOutcome = { delivered: [], started: [] };
    if (rows.length > 1 && !message.all) {
      throw new ApiError(
        HttpStatus.CONFLICT,
        'message.ambiguous',
        text(
          `消息 ${message.name} 匹配到 ${rows.length} 个等待中的实例；请指定业务键或实例，或设置 all`,
          `The message ${message.name} matches ${rows.length} waiting instances; name a business key or an instance, or set all`,
        ),
        rows.slice(0, 20).map((row) => ({
          path: 'instanceId',
          code: 'message.candidate',
          message: text(`实例 ${row.id}`, `instance ${row.id}`),
        })),
      );
    }
    if (rows.length) {
      await authorize?.(rows.map((row) => row.id));
      for (const row of rows) {
        await this.step(manager, row.id, 'message.deliver', actor.id, ({ instance, definition }) =>
          engineCommand(() =>
            deliverMessage(definition, instance.state, {
              name: message.name,
              correlationKey: row.correlation_key ?? undefined,
              payload: message.variables ?? {},
              now: this.clock.now(),
            }),
          ),
        );
        outcome.delivered.push({ instanceId: row.id, businessKey: row.business_key });
      }
      return outcome;
    }
    if (!message.instanceId && allowStart) {
      for (const processKey of await this.startKeys(manager, 'message', message.name)) {
        const started = await this.start(
          processKey,
          { variables: message.variables, businessKey: message.businessKey ?? message.correlationKey },
          actor,
          manager,
          { messageName: message.name },
        );
        outcome.started.push({ instanceId: started.id, processKey });
        if (!message.all) break;
      }
    }
    if (!outcome.started.length && !exceptInstanceId) {
      throw notFound(
        text(
          `没有等待消息 ${message.name} 的流程实例或消息开始事件`,
          `No process instance or message start event waits for the message ${message.name}`,
        ),
        'message.noMatch',
      );
    }
    return outcome;
  }

  /** A signal reaches every instance waiting for it and starts the processes with a matching signal start event. */
  async broadcast(
    manager: EntityManager,
    signal: { name: string; variables?: Record<string, unknown> },
    actor: Actor,
    exceptInstanceId?: string,
  ): Promise<DeliveryOutcome> {
    const rows = (await manager.query(
      `SELECT i.id, i.business_key FROM process_instance i
       WHERE i.status IN ('active', 'incident') AND ($2::uuid IS NULL OR i.id <> $2::uuid) AND EXISTS (
         SELECT 1 FROM jsonb_each(coalesce(i.state -> 'subscriptions', '{}'::jsonb)) AS s
         WHERE s.value ->> 'kind' = 'signal' AND s.value ->> 'name' = $1)
       ORDER BY i.started_at, i.id`,
      [signal.name, exceptInstanceId ?? null],
    )) as { id: string; business_key: string | null }[];
    const outcome: DeliveryOutcome = { delivered: [], started: [] };
    for (const row of rows) {
      await this.step(manager, row.id, 'signal.deliver', actor.id, ({ instance, definition }) =>
        engineCommand(() =>
          deliverSignal(definition, instance.state, {
            name: signal.name,
            payload: signal.variables ?? {},
            now: this.clock.now(),
          }),
        ),
      );
      outcome.delivered.push({ instanceId: row.id, businessKey: row.business_key });
    }
    for (const processKey of await this.startKeys(manager, 'signal', signal.name)) {
      const started = await this.start(processKey, { variables: signal.variables }, actor, manager, {
        signalName: signal.name,
      });
      outcome.started.push({ instanceId: started.id, processKey });
    }
    return outcome;
  }

  /** The deployed processes (latest versions) with a message or signal start event of this name. */
  private async startKeys(manager: EntityManager, kind: 'message' | 'signal', name: string): Promise<string[]> {
    const keys: string[] = [];
    for (const stored of await this.definitions.list(undefined, manager)) {
      const { definition } = await this.definitions.load(stored.key, stored.version, manager);
      if (
        definition.startEvents.some((event) =>
          kind === 'message'
            ? event.kind === 'message' && event.messageName === name
            : event.kind === 'signal' && event.signalName === name,
        )
      )
        keys.push(stored.key);
    }
    return keys;
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
    if (!instance?.state.jobs?.[jobId]) {
      // The job's incident was retried (POST /incidents/:id/retry): the engine requests the step again.
      if (instance && incidentOfJob(instance.state, jobId))
        await this.retryJobIncident(manager, job.instanceId, jobId, 'system');
      return;
    }
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

  /**
   * Retries an incident of the instance (a failed job, a gateway without a way out): the engine
   * requests the job again or re-evaluates the step. A failed job's row leaves the incident list.
   */
  async retryIncident(
    manager: EntityManager,
    instanceId: string,
    incidentId: string,
    actorId: string,
  ): Promise<InstanceRow> {
    let jobId: string | undefined;
    const { instance } = await this.step(
      manager,
      instanceId,
      'incident.retry',
      actorId,
      ({ instance: locked, definition }) => {
        const incident = locked.state.incidents?.[incidentId];
        if (!incident) throw notFound(text('没有这个未处理的故障', 'No such open incident'), 'incident.notFound');
        jobId = incident.jobId;
        return engineCommand(() =>
          retryEngineIncident(definition, locked.state, incidentId, { now: this.clock.now() }),
        );
      },
    );
    if (jobId) {
      await manager.query(
        `UPDATE job SET status = 'cancelled' WHERE instance_id = $1 AND status = 'incident' AND payload ->> 'jobId' = $2`,
        [instanceId, jobId],
      );
    }
    return instance;
  }

  private async retryJobIncident(
    manager: EntityManager,
    instanceId: string,
    jobId: string,
    actorId: string,
  ): Promise<void> {
    const [current] = (await manager.query(`SELECT state FROM process_instance WHERE id = $1`, [instanceId])) as Pick<
      InstanceRow,
      'state'
    >[];
    const incident = current && incidentOfJob(current.state, jobId);
    if (incident) await this.retryIncident(manager, instanceId, incident.id, actorId);
  }

  private async callService(job: Job): Promise<Record<string, unknown>> {
    if (!job.instanceId) throw new Error('A process service job has no instance');
    const [instance] = (await this.dataSource.query(`SELECT app_key, state FROM process_instance WHERE id = $1`, [
      job.instanceId,
    ])) as Pick<InstanceRow, 'app_key' | 'state'>[];
    // The instance no longer waits for this call (cancelled by a boundary event): nothing to call.
    if (!instance?.state.jobs?.[String(job.payload.jobId)]) return {};
    return this.connectors.run(String(job.payload.jobType), {
      manager: this.dataSource.manager,
      appKey: instance.app_key,
      instanceId: job.instanceId,
      variables: (job.payload.variables as Record<string, unknown>) ?? {},
    });
  }

  private async applyServiceOutcome(
    job: Job,
    manager: EntityManager,
    outcome: { result: Record<string, unknown> } | { error: unknown },
  ): Promise<void> {
    if (!job.instanceId) return;
    const jobId = String(job.payload.jobId);
    const [current] = (await manager.query(`SELECT state FROM process_instance WHERE id = $1`, [
      job.instanceId,
    ])) as Pick<InstanceRow, 'state'>[];
    if (current && !current.state.jobs?.[jobId] && incidentOfJob(current.state, jobId)) {
      await this.retryJobIncident(manager, job.instanceId, jobId, 'system');
      return;
    }
    await this.step(manager, job.instanceId, 'process.job', 'system', ({ instance, definition }) => {
      if (!instance.state.jobs?.[jobId]) return { state: instance.state, effects: [] };
      const now = this.clock.now();
      if ('result' in outcome)
        return engineCommand(() => completeJob(definition, instance.state, jobId, { result: outcome.result, now }));
      const error = outcome.error as ConnectorBusinessError;
      return engineCommand(() =>
        completeJob(definition, instance.state, jobId, { error: { code: error.code, message: error.message }, now }),
      );
    });
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
