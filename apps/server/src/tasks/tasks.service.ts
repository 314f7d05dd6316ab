import { HttpStatus, Injectable } from '@nestjs/common';
import { Clock } from '../core/clock/clock';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  addSigner,
  claimTask,
  completeTask,
  delegateTask,
  remindTask,
  returnToStep,
  transferTask,
  unclaimTask,
  withdraw,
  type CommandResult,
  type SignerPosition,
} from '@tessera/process';
import { DataSource, type EntityManager } from 'typeorm';
import { type AuthenticatedUser, rolesIn } from '../auth/authenticated-user';
import { ApiError, forbidden, notFound } from '../core/errors/api-error';
import { text } from '../core/errors/localized';
import { FormsService } from '../forms/forms.service';
import { engineCommandAsync } from '../processes/process-errors';
import { type InstanceRow, ProcessRuntimeService, type StepContext } from '../processes/process-runtime.service';
import { type Label, type Labels, loadLabels } from '../processes/process-labels';
import { acceptTaskSubmission, formDataOf, parseTaskFormKey } from './task-form';
import { StandaloneTasks } from '../rules/standalone-tasks';

/** `roles` (alias `candidate`): unassigned tasks the user may claim through a role or by name. */
export type InboxView = 'mine' | 'roles' | 'candidate' | 'overdue' | 'escalated' | 'done' | 'started';

interface TaskRow {
  id: string;
  engine_task_id: string;
  /** Null for a task a rule created outside any process. */
  instance_id: string | null;
  app_key: string;
  process_key: string;
  element_id: string;
  name: { 'zh-CN': string; en: string };
  form_key: string | null;
  assignee: string | null;
  owner: string | null;
  candidate_roles: string[];
  candidate_users: string[];
  priority: number;
  status: 'open' | 'completed' | 'cancelled';
  created_at: Date;
  due_at: Date | null;
  claimed_at: Date | null;
  completed_at: Date | null;
  completed_by: string | null;
  outcome: string | null;
  data: Record<string, unknown> | null;
  escalated: boolean;
  escalated_at: Date | null;
  escalated_to: string | null;
  /** Joined from the instance. */
  business_key?: string | null;
}

export interface TaskView {
  id: string;
  /** Null for a task a rule created outside any process. */
  instanceId: string | null;
  appKey: string;
  processKey: string;
  elementId: string;
  name: { 'zh-CN': string; en: string };
  formKey: string | null;
  assignee: string | null;
  owner: string | null;
  candidateRoles: string[];
  candidateUsers: string[];
  priority: number;
  status: TaskRow['status'];
  createdAt: Date;
  dueAt: Date | null;
  overdue: boolean;
  completedAt: Date | null;
  completedBy: string | null;
  outcome: string | null;
  /** Set by SLA escalation: when, and the role it went to. */
  escalated: boolean;
  escalatedAt: Date | null;
  escalatedTo: string | null;
  businessKey: string | null;
  processTitle: Label;
  /** The candidate roles with their labels, in the order of `candidateRoles`. */
  candidateRoleLabels: { key: string; label: Label }[];
  formTitle: Label | null;
}

function toView(row: TaskRow, labels: Labels, now: Date): TaskView {
  return {
    id: row.id,
    instanceId: row.instance_id,
    appKey: row.app_key,
    processKey: row.process_key,
    elementId: row.element_id,
    name: row.name,
    formKey: row.form_key,
    assignee: row.assignee,
    owner: row.owner,
    candidateRoles: row.candidate_roles,
    candidateUsers: row.candidate_users,
    priority: row.priority,
    status: row.status,
    createdAt: row.created_at,
    dueAt: row.due_at,
    overdue: row.status === 'open' && row.due_at !== null && new Date(row.due_at).getTime() < now.getTime(),
    completedAt: row.completed_at,
    completedBy: row.completed_by,
    outcome: row.outcome,
    escalated: row.escalated,
    escalatedAt: row.escalated_at,
    escalatedTo: row.escalated_to,
    businessKey: row.business_key ?? null,
    processTitle: labels.process(row.process_key),
    candidateRoleLabels: row.candidate_roles.map((key) => ({ key, label: labels.role(row.app_key, key) })),
    formTitle: labels.form(row.form_key),
  };
}

const TASK_WITH_BUSINESS_KEY = `SELECT task.*, (SELECT business_key FROM process_instance WHERE id = task.instance_id) AS business_key FROM task`;

const OVERSEERS = ['admin', 'supervisor'];

/** What a task a rule created (no process instance) has in place of its instance. */
const STANDALONE_INSTANCE = { started_by: null, state: {} } as unknown as Pick<InstanceRow, 'started_by' | 'state'>;

/** The inbox and the human-task operations, each one engine step in one transaction. */
@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runtime: ProcessRuntimeService,
    private readonly forms: FormsService,
    private readonly clock: Clock,
    private readonly standalone: StandaloneTasks,
  ) {}

  async inbox(user: AuthenticatedUser, view: InboxView): Promise<TaskView[]> {
    const appRoles = Object.entries(user.appRoles).flatMap(([appKey, roles]) =>
      roles.map((role) => `${appKey}:${role}`),
    );
    // Every view reads the same three typed parameters, so none is left untyped.
    const candidate = `(assignee IS NULL AND (me.username = ANY(candidate_users) OR candidate_roles && me.roles
      OR EXISTS (SELECT 1 FROM unnest(candidate_roles) AS role WHERE app_key || ':' || role = ANY(me.app_roles))))`;
    const overseer = OVERSEERS.some((role) => user.roles.includes(role));
    const where: Record<InboxView, string> = {
      mine: `status = 'open' AND assignee = me.username`,
      roles: `status = 'open' AND ${candidate}`,
      candidate: `status = 'open' AND ${candidate}`,
      overdue: `status = 'open' AND due_at < me.now AND (assignee = me.username OR ${candidate})`,
      // Overseers follow every escalated task; others the escalated tasks they hold or may claim.
      escalated: `status = 'open' AND escalated AND (${overseer ? 'true' : 'false'} OR assignee = me.username OR ${candidate})`,
      done: `status = 'completed' AND completed_by = me.username`,
      started: `status = 'open' AND instance_id IN (SELECT id FROM process_instance WHERE started_by = me.username)`,
    };
    const order =
      view === 'done'
        ? 'completed_at DESC'
        : view === 'escalated'
          ? 'escalated_at ASC, priority DESC'
          : 'priority DESC, due_at ASC NULLS LAST, created_at ASC';
    const now = this.clock.now();
    const rows = (await this.dataSource.query(
      `WITH me AS (SELECT $1::text AS username, $2::text[] AS roles, $3::text[] AS app_roles, $4::timestamptz AS now)
       SELECT task.*, (SELECT business_key FROM process_instance WHERE process_instance.id = task.instance_id) AS business_key
       FROM task, me WHERE ${where[view]} ORDER BY ${order} LIMIT 500`,
      [user.username, user.roles, appRoles, now],
    )) as TaskRow[];
    return this.views(rows);
  }

  private async views(rows: TaskRow[], manager: EntityManager = this.dataSource.manager): Promise<TaskView[]> {
    const labels = await loadLabels(manager, {
      processKeys: rows.map((row) => row.process_key),
      appKeys: rows.map((row) => row.app_key),
      formKeys: rows.map((row) => row.form_key),
    });
    const now = this.clock.now();
    return rows.map((row) => toView(row, labels, now));
  }

  async get(
    taskId: string,
    user: AuthenticatedUser,
  ): Promise<
    TaskView & {
      form: unknown;
      data: Record<string, unknown> | null;
      step: string;
      /** The record a rule's task is about. */
      record?: { id: string; formKey: string | null } | null;
    }
  > {
    const task = await this.load(taskId);
    const instance = await this.instanceOf(task);
    if (!this.canSee(task, instance, user)) throw this.taskForbidden('see');
    const [view] = await this.views([task]);
    if (!view) throw this.taskNotFound();
    if (task.instance_id === null) {
      // A task a rule created stands alone: its data is what the rule gave it, its link the record.
      const row = task as TaskRow & { record_id?: string | null; record_form_key?: string | null };
      const record = row.record_id ? { id: row.record_id, formKey: row.record_form_key ?? null } : null;
      return { ...view, form: null, data: task.data, step: task.element_id, record };
    }
    if (!task.form_key) return { ...view, form: null, data: null, step: task.element_id };
    const { formKey, step } = parseTaskFormKey(task.form_key, task.element_id);
    const form = await this.forms.load(formKey);
    const audience = { role: rolesIn(user, task.app_key), step };
    return {
      ...view,
      step,
      form: form.definition,
      data: form.compiled.project(formDataOf(form.compiled, instance.variables), audience),
    };
  }

  claim(taskId: string, user: AuthenticatedUser): Promise<TaskView> {
    return this.operate(taskId, user, 'task.claim', 'candidate', ({ definition, instance }, task) =>
      claimTask(definition, instance.state, task.engine_task_id, {
        by: user.username,
        roles: rolesIn(user, task.app_key),
        now: this.clock.now(),
      }),
    );
  }

  unclaim(taskId: string, user: AuthenticatedUser): Promise<TaskView> {
    return this.operate(taskId, user, 'task.unclaim', 'assignee', ({ definition, instance }, task) =>
      unclaimTask(definition, instance.state, task.engine_task_id, { by: user.username, now: this.clock.now() }),
    );
  }

  complete(
    taskId: string,
    user: AuthenticatedUser,
    submitted: Record<string, unknown>,
    comment?: string,
  ): Promise<TaskView> {
    return this.operate(taskId, user, 'task.complete', 'candidate', async ({ definition, instance, manager }, task) => {
      let state = instance.state;
      const effects: CommandResult['effects'] = [];
      if (!task.assignee) {
        // Completing an unclaimed task the user may claim claims it first, in the same step.
        const claimed = claimTask(definition, state, task.engine_task_id, {
          by: user.username,
          roles: rolesIn(user, task.app_key),
          now: this.clock.now(),
        });
        state = claimed.state;
        effects.push(...claimed.effects);
      }
      let data = submitted;
      if (task.form_key) {
        const { formKey, step } = parseTaskFormKey(task.form_key, task.element_id);
        const form = await this.forms.load(formKey, undefined, manager);
        data = acceptTaskSubmission(form.compiled, instance.variables, submitted, {
          role: rolesIn(user, task.app_key),
          step,
        });
      }
      const completed = completeTask(definition, state, task.engine_task_id, {
        data,
        by: user.username,
        comment,
        now: this.clock.now(),
      });
      return { state: completed.state, effects: [...effects, ...completed.effects] };
    }, { data: submitted, comment });
  }

  transfer(taskId: string, user: AuthenticatedUser, to: string): Promise<TaskView> {
    return this.operate(taskId, user, 'task.transfer', 'assignee', async ({ definition, instance, manager }, task) => {
      await this.requireUser(manager, to);
      return transferTask(definition, instance.state, task.engine_task_id, {
        to,
        by: user.username,
        now: this.clock.now(),
      });
    });
  }

  delegate(taskId: string, user: AuthenticatedUser, to: string): Promise<TaskView> {
    return this.operate(taskId, user, 'task.delegate', 'assignee', async ({ definition, instance, manager }, task) => {
      await this.requireUser(manager, to);
      return delegateTask(definition, instance.state, task.engine_task_id, {
        to,
        by: user.username,
        now: this.clock.now(),
      });
    });
  }

  returnTo(taskId: string, user: AuthenticatedUser, toElementId: string, comment?: string): Promise<TaskView> {
    return this.operate(taskId, user, 'task.return', 'assignee', ({ definition, instance }, task) =>
      returnToStep(definition, instance.state, task.engine_task_id, {
        toElementId,
        by: user.username,
        comment,
        now: this.clock.now(),
      }),
    );
  }

  addSigner(taskId: string, user: AuthenticatedUser, signer: string, position: SignerPosition): Promise<TaskView> {
    return this.operate(taskId, user, 'task.addSigner', 'assignee', async ({ definition, instance, manager }, task) => {
      await this.requireUser(manager, signer);
      return addSigner(definition, instance.state, task.engine_task_id, {
        user: signer,
        position,
        by: user.username,
        now: this.clock.now(),
      });
    });
  }

  withdraw(taskId: string, user: AuthenticatedUser): Promise<TaskView> {
    return this.operate(taskId, user, 'task.withdraw', 'any', ({ definition, instance }) =>
      withdraw(definition, instance.state, { by: user.username, now: this.clock.now() }),
    );
  }

  remind(taskId: string, user: AuthenticatedUser): Promise<TaskView> {
    return this.operate(taskId, user, 'task.remind', 'any', ({ definition, instance }, task) =>
      remindTask(definition, instance.state, task.engine_task_id, { by: user.username, now: this.clock.now() }),
    );
  }

  /**
   * One human-task operation: the task is checked against the caller (`assignee`: only the assignee
   * or an overseer; `candidate`: also anyone who may claim it; `any`: anyone who may see it) and the
   * engine command runs as a step of its instance.
   */
  private async operate(
    taskId: string,
    user: AuthenticatedUser,
    action: string,
    who: 'assignee' | 'candidate' | 'any',
    command: (context: StepContext, task: TaskRow) => CommandResult | Promise<CommandResult>,
    standalone?: { data?: Record<string, unknown>; comment?: string },
  ): Promise<TaskView> {
    return this.dataSource.transaction(async (manager) => {
      const [task] = (await manager.query(`${TASK_WITH_BUSINESS_KEY} WHERE id = $1`, [taskId])) as TaskRow[];
      if (!task) throw this.taskNotFound();
      const [instance] =
        task.instance_id === null
          ? [STANDALONE_INSTANCE]
          : ((await manager.query(`SELECT started_by, state FROM process_instance WHERE id = $1`, [
              task.instance_id,
            ])) as Pick<InstanceRow, 'started_by' | 'state'>[]);
      // The task exists: a caller who may not act on it is refused (403), not told it is missing.
      if (!this.canSee(task, instance!, user)) throw this.taskForbidden('see');
      if (task.status !== 'open' && action !== 'task.withdraw') {
        throw new ApiError(HttpStatus.CONFLICT, 'task.closed', text('任务已结束', 'The task is no longer open'));
      }
      const overseer = OVERSEERS.some((role) => user.roles.includes(role));
      const isAssignee = task.assignee === user.username;
      const isCandidate = !task.assignee && this.isCandidate(task, user);
      if (who === 'assignee' && !isAssignee && !overseer) throw this.taskForbidden('assignee');
      if (who === 'candidate' && !isAssignee && !isCandidate) throw this.taskForbidden('candidate');
      // Four eyes: users the step excludes (the maker of an application) may neither claim nor complete it.
      const excluded = instance!.state.tasks?.[task.engine_task_id]?.excludedUsers ?? [];
      if (who !== 'any' && excluded.includes(user.username)) throw this.taskForbidden('excluded');
      if (task.instance_id === null) await this.standalone.perform(manager, task, action, user, standalone);
      else
        await this.runtime.step(manager, task.instance_id, action, user.id, (context) =>
          engineCommandAsync(async () => command(context, task)),
        );
      const [updated] = (await manager.query(`${TASK_WITH_BUSINESS_KEY} WHERE id = $1`, [taskId])) as TaskRow[];
      const [view] = await this.views([updated!], manager);
      return view!;
    });
  }

  private async load(taskId: string): Promise<TaskRow> {
    const [task] = (await this.dataSource.query(`${TASK_WITH_BUSINESS_KEY} WHERE id = $1`, [taskId])) as TaskRow[];
    if (!task) throw this.taskNotFound();
    return task;
  }

  private async instanceOf(task: TaskRow): Promise<InstanceRow> {
    if (task.instance_id === null) return STANDALONE_INSTANCE as InstanceRow;
    const [instance] = (await this.dataSource.query(`SELECT * FROM process_instance WHERE id = $1`, [
      task.instance_id,
    ])) as InstanceRow[];
    return instance!;
  }

  private isCandidate(task: TaskRow, user: AuthenticatedUser): boolean {
    const roles = rolesIn(user, task.app_key);
    return task.candidate_users.includes(user.username) || task.candidate_roles.some((role) => roles.includes(role));
  }

  private canSee(task: TaskRow, instance: Pick<InstanceRow, 'started_by'>, user: AuthenticatedUser): boolean {
    return (
      OVERSEERS.some((role) => user.roles.includes(role)) ||
      task.assignee === user.username ||
      task.owner === user.username ||
      task.completed_by === user.username ||
      instance.started_by === user.username ||
      this.isCandidate(task, user)
    );
  }

  private async requireUser(manager: EntityManager, username: string): Promise<void> {
    const rows = (await manager.query(`SELECT 1 FROM app_user WHERE username = $1 AND active`, [
      username,
    ])) as unknown[];
    if (!rows.length) {
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'task.userUnknown',
        text(`用户“${username}”不存在`, `No user "${username}"`),
        [{ path: 'to', code: 'task.userUnknown', message: text('用户不存在', 'No such user') }],
      );
    }
  }

  private taskForbidden(reason: 'see' | 'assignee' | 'candidate' | 'excluded'): ApiError {
    const messages = {
      see: text('您无权查看或处理此任务', 'You may not see or work on this task'),
      assignee: text('只有任务处理人可以执行此操作', 'Only the assignee may do this'),
      candidate: text('您不是此任务的处理人或候选人', 'You are neither the assignee nor a candidate of this task'),
      excluded: text('您不能处理自己经办的业务（双人复核）', 'You may not act on a step of your own case (four eyes)'),
    };
    return forbidden('task.forbidden', messages[reason]);
  }

  private taskNotFound(): ApiError {
    return notFound(text('任务不存在', 'No such task'), 'task.notFound');
  }
}
