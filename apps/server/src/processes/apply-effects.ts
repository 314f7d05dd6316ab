import { randomUUID } from 'node:crypto';
import { addDuration, parseDuration, type Effect, type TaskState } from '@tessera/process';
import type { EntityManager } from 'typeorm';
import type { JobsService, NewJob } from '../jobs/jobs.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { ServiceConnectors } from './service-connectors';

export const PROCESS_TIMER_JOB = 'process.timer';
export const PROCESS_SERVICE_JOB = 'process.job';

export interface InstanceContext {
  instanceId: string;
  appKey: string;
  processKey: string;
}

function taskName(task: TaskState): { 'zh-CN': string; en: string } {
  const name = task.name ?? task.elementId;
  return { 'zh-CN': name, en: name };
}

/**
 * Turns the engine's effects into rows, inside the step's transaction: inbox tasks, jobs for timers
 * and service calls, message subscriptions, history and notifications.
 */
export async function applyEffects(
  manager: EntityManager,
  context: InstanceContext,
  effects: Effect[],
  services: { jobs: JobsService; notifications: NotificationsService; connectors: ServiceConnectors },
): Promise<void> {
  const newJobs: NewJob[] = [];
  const cancelledJobKeys: string[] = [];
  for (const effect of effects) {
    switch (effect.type) {
      case 'task.created': {
        const { task } = effect;
        await manager.query(
          `INSERT INTO task (id, engine_task_id, instance_id, app_key, process_key, element_id, name, form_key, assignee, owner,
             candidate_roles, candidate_users, priority, status, created_at, due_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'open', $14, $15)`,
          [
            randomUUID(),
            task.id,
            context.instanceId,
            context.appKey,
            context.processKey,
            task.elementId,
            JSON.stringify(taskName(task)),
            task.formKey ?? null,
            task.assignee ?? null,
            task.owner ?? null,
            task.candidateRoles,
            task.candidateUsers,
            task.priority,
            task.createdAt,
            task.dueAt ?? null,
          ],
        );
        break;
      }
      case 'task.updated': {
        const { task } = effect;
        await manager.query(
          `UPDATE task SET assignee = $2, owner = $3, candidate_roles = $4, candidate_users = $5, due_at = $6, priority = $7, claimed_at = $8
           WHERE engine_task_id = $1`,
          [
            task.id,
            task.assignee ?? null,
            task.owner ?? null,
            task.candidateRoles,
            task.candidateUsers,
            task.dueAt ?? null,
            task.priority,
            task.claimedAt ?? null,
          ],
        );
        break;
      }
      case 'task.completed':
        await manager.query(
          `UPDATE task SET status = 'completed', completed_at = $2, completed_by = $3, data = $4, outcome = coalesce(outcome, 'completed') WHERE engine_task_id = $1`,
          [effect.taskId, effect.at, effect.by ?? null, JSON.stringify(effect.data)],
        );
        break;
      case 'task.cancelled':
        await manager.query(
          `UPDATE task SET status = 'cancelled', completed_at = $2, outcome = $3 WHERE engine_task_id = $1`,
          [effect.taskId, effect.at, effect.reason],
        );
        break;
      case 'task.reminded':
      case 'task.escalated': {
        const [row] = (await manager.query(
          `SELECT id, assignee, candidate_users, candidate_roles, name FROM task WHERE engine_task_id = $1`,
          [effect.taskId],
        )) as {
          id: string;
          assignee: string | null;
          candidate_users: string[];
          candidate_roles: string[];
          name: { 'zh-CN': string; en: string };
        }[];
        if (!row) break;
        if (effect.type === 'task.escalated') {
          await manager.query(
            `UPDATE task SET escalated = true, escalated_at = $2, escalated_to = coalesce($3, escalated_to) WHERE engine_task_id = $1`,
            [effect.taskId, effect.at, effect.role ?? null],
          );
        }
        // An escalation goes to the role it names; a reminder to the assignee, or to everyone who may claim the task.
        const usernames =
          effect.type === 'task.escalated' && effect.role
            ? await usersWithRoles(manager, [effect.role], context.appKey)
            : row.assignee
              ? [row.assignee]
              : [
                  ...new Set([
                    ...row.candidate_users,
                    ...(await usersWithRoles(manager, row.candidate_roles, context.appKey)),
                  ]),
                ];
        const userIds = await userIdsOf(manager, usernames);
        if (!userIds.length) break;
        await services.notifications.deliver(manager, {
          userIds,
          title:
            effect.type === 'task.reminded'
              ? { 'zh-CN': `催办：${row.name['zh-CN']}`, en: `Reminder: ${row.name.en}` }
              : { 'zh-CN': `超时升级：${row.name['zh-CN']}`, en: `Escalated: ${row.name.en}` },
          link: `/tasks/${row.id}`,
        });
        break;
      }
      case 'timer.scheduled':
        newJobs.push({
          kind: PROCESS_TIMER_JOB,
          instanceId: context.instanceId,
          dueAt: new Date(effect.dueAt),
          payload: { timerId: effect.timerId },
        });
        break;
      case 'timer.cancelled':
        cancelledJobKeys.push(effect.timerId);
        break;
      case 'job.requested': {
        if (!services.connectors.has(effect.jobType)) {
          // No built-in connector: the job waits for an external worker (GET /jobs, fetch-and-lock).
          await manager.query(
            `INSERT INTO external_job (id, engine_job_id, instance_id, app_key, process_key, element_id, job_type, variables, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
            [
              randomUUID(),
              effect.jobId,
              context.instanceId,
              context.appKey,
              context.processKey,
              effect.elementId,
              effect.jobType,
              JSON.stringify(effect.variables),
              effect.at,
            ],
          );
          break;
        }
        const retries = Number(effect.variables.retries);
        const backoff =
          typeof effect.variables.retryBackoff === 'string' ? parseDuration(effect.variables.retryBackoff) : undefined;
        newJobs.push({
          kind: PROCESS_SERVICE_JOB,
          instanceId: context.instanceId,
          dueAt: new Date(effect.at),
          // `retries` and `retryBackoff` input parameters set how often and how far apart the call is tried.
          ...(Number.isInteger(retries) && retries >= 0 ? { maxAttempts: retries + 1 } : {}),
          payload: {
            jobId: effect.jobId,
            jobType: effect.jobType,
            elementId: effect.elementId,
            variables: effect.variables,
            ...(backoff ? { retryBackoffSeconds: (addDuration(new Date(0), backoff).getTime() || 0) / 1000 } : {}),
          },
        });
        break;
      }
      case 'job.cancelled':
        cancelledJobKeys.push(effect.jobId);
        await manager.query(
          `UPDATE external_job SET status = 'cancelled', completed_at = $3, version = version + 1
           WHERE instance_id = $1 AND engine_job_id = $2 AND status = 'open'`,
          [context.instanceId, effect.jobId, effect.at],
        );
        break;
      case 'message.awaited':
        await manager.query(
          `INSERT INTO message_subscription (id, instance_id, name, correlation_key, element_id) VALUES ($1, $2, $3, $4, $5)`,
          [effect.subscriptionId, context.instanceId, effect.name, effect.correlationKey ?? null, effect.elementId],
        );
        break;
      case 'message.subscriptionCancelled':
        await manager.query(`DELETE FROM message_subscription WHERE id = $1`, [effect.subscriptionId]);
        break;
      case 'history':
        await manager.query(
          `INSERT INTO process_history (instance_id, at, kind, element_id, task_id, actor, event) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [
            context.instanceId,
            effect.event.at,
            effect.event.kind,
            effect.event.elementId ?? null,
            effect.event.taskId ?? null,
            effect.event.by ?? null,
            JSON.stringify(effect.event),
          ],
        );
        break;
      default:
        // Call activities, messages and signals to other instances are the runtime's (they start or
        // move other instances); rule actions are recorded in the engine's history effects.
        break;
    }
  }
  const cancelled = new Set(cancelledJobKeys);
  const jobKey = (payload: Record<string, unknown> | undefined) => String(payload?.timerId ?? payload?.jobId);
  if (cancelled.size)
    await services.jobs.cancelForInstance(manager, context.instanceId, (job) => cancelled.has(jobKey(job.payload)));
  // A timer scheduled and cancelled within the same step never becomes a row.
  const wanted = newJobs.filter((job) => !cancelled.has(jobKey(job.payload)));
  if (wanted.length) await services.jobs.schedule(manager, wanted);
}

async function usersWithRoles(manager: EntityManager, roles: string[], appKey: string): Promise<string[]> {
  if (!roles.length) return [];
  const rows = (await manager.query(
    `SELECT DISTINCT u.username FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE r.role = ANY($1::text[]) AND r.app_key IN ('*', $2) AND u.active ORDER BY u.username`,
    [roles, appKey],
  )) as { username: string }[];
  return rows.map((row) => row.username);
}

async function userIdsOf(manager: EntityManager, usernames: string[]): Promise<string[]> {
  if (!usernames.length) return [];
  const rows = (await manager.query(`SELECT id FROM app_user WHERE username = ANY($1::text[])`, [usernames])) as {
    id: string;
  }[];
  return rows.map((row) => row.id);
}
