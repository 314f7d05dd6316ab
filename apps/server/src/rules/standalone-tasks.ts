import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import type { LocalizedText } from '@tessera/rules';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Clock } from '../core/clock/clock';
import { ApiError } from '../core/errors/api-error';
import { text } from '../core/errors/localized';

export interface NewStandaloneTask {
  appKey: string;
  ruleSet: string;
  ruleId: string;
  title: LocalizedText;
  assignee: string | null;
  candidateRoles: string[];
  dueAt: Date | null;
  record?: { id: string; formKey: string };
  data?: Record<string, unknown>;
}

/** The task row columns a standalone operation reads. */
export interface StandaloneTaskRow {
  id: string;
  app_key: string;
  assignee: string | null;
  status: string;
  data: Record<string, unknown> | null;
}

/** `process_key` of a rule's task: the rule set that created it, so the inbox can say where it came from. */
export const RULE_TASK_PREFIX = 'rule:';

/**
 * Human tasks that rules create outside any process (the account manager's birthday call): rows of
 * the same task table, so they show in the inbox like any task, with no instance behind them. They
 * can be claimed, unclaimed and completed; the other operations need a process.
 */
@Injectable()
export class StandaloneTasks {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(manager: EntityManager, task: NewStandaloneTask, actor: string): Promise<string> {
    const id = randomUUID();
    await manager.query(
      `INSERT INTO task (id, engine_task_id, instance_id, app_key, process_key, element_id, name, assignee,
         candidate_roles, status, created_at, due_at, record_id, record_form_key, source, data)
       VALUES ($1, $2, NULL, $3, $4, $5, $6, $7, $8, 'open', $9, $10, $11, $12, 'rule', $13)`,
      [
        id,
        `${RULE_TASK_PREFIX}${id}`,
        task.appKey,
        `${RULE_TASK_PREFIX}${task.ruleSet}`,
        task.ruleId,
        JSON.stringify(task.title),
        task.assignee,
        task.candidateRoles,
        this.clock.now(),
        task.dueAt,
        task.record?.id ?? null,
        task.record?.formKey ?? null,
        task.data ? JSON.stringify(task.data) : null,
      ],
    );
    await this.audit.append(manager, {
      actor,
      action: 'task.create',
      entityType: 'task',
      entityId: id,
      after: { ruleSet: task.ruleSet, ruleId: task.ruleId, assignee: task.assignee, recordId: task.record?.id ?? null },
    });
    return id;
  }

  /**
   * Performs an inbox operation on a standalone task the caller has already been checked against
   * (the task service checks who may act, exactly as for process tasks).
   */
  async perform(
    manager: EntityManager,
    task: StandaloneTaskRow,
    action: string,
    user: AuthenticatedUser,
    payload: { data?: Record<string, unknown>; comment?: string } = {},
  ): Promise<void> {
    const now = this.clock.now();
    switch (action) {
      case 'task.claim':
        if (task.assignee) {
          throw new ApiError(HttpStatus.CONFLICT, 'process.task.alreadyClaimed', text('任务已被认领', 'The task is already claimed'));
        }
        await manager.query(`UPDATE task SET assignee = $2, claimed_at = $3 WHERE id = $1`, [task.id, user.username, now]);
        break;
      case 'task.unclaim':
        await manager.query(`UPDATE task SET assignee = NULL, claimed_at = NULL WHERE id = $1`, [task.id]);
        break;
      case 'task.complete': {
        const data = { ...(task.data ?? {}), ...(payload.data ?? {}), ...(payload.comment ? { comment: payload.comment } : {}) };
        await manager.query(
          `UPDATE task SET status = 'completed', assignee = coalesce(assignee, $2), claimed_at = coalesce(claimed_at, $3),
             completed_at = $3, completed_by = $2, outcome = 'completed', data = $4 WHERE id = $1`,
          [task.id, user.username, now, JSON.stringify(data)],
        );
        break;
      }
      default:
        throw new ApiError(
          HttpStatus.CONFLICT,
          'task.standalone',
          text('此任务不属于流程，只能认领、退回认领或完成', 'This task belongs to no process: it can only be claimed, unclaimed or completed'),
        );
    }
    await this.audit.append(manager, {
      actor: user.id,
      action,
      entityType: 'task',
      entityId: task.id,
      after: { status: action === 'task.complete' ? 'completed' : 'open' },
    });
  }
}
