import { runRuleSet } from '@tessera/rules';
import type { ElementDefinition } from '../definition/types';
import type { TaskCancelReason } from '../runtime/effects';
import type { Run } from '../runtime/run';
import type { ExecutionState, SignerEntry, TaskState } from '../runtime/state';
import { cancelTimer, addTimer } from '../events/timers';
import { addDuration, parseDuration } from '../time/duration';
import { resolveDueDate, TimerSpecError } from '../time/timer-schedule';
import { ProcessError } from '../runtime/process-error';
import { setActionTarget } from './rule-actions';

function toList(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value.filter((item) => item !== null && item !== undefined && item !== '').map(String);
  return String(value)
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function optionalString(value: unknown): string | undefined {
  return value === undefined || value === null || value === '' ? undefined : String(value);
}

export function taskSnapshot(task: TaskState): TaskState {
  return {
    ...task,
    candidateUsers: [...task.candidateUsers],
    candidateRoles: [...task.candidateRoles],
    ...(task.excludedUsers ? { excludedUsers: [...task.excludedUsers] } : {}),
    ...(task.pendingData ? { pendingData: { ...task.pendingData } } : {}) };
}

/**
 * Creates the inbox task of a user task: assignment by user, role or rule, form, due date from
 * `dueDate` or the SLA, and the reminder / escalation timers the SLA policy expands to.
 */
export function createUserTask(run: Run, execution: ExecutionState, element: ElementDefinition, signer?: SignerEntry): void {
  const definition = element.userTask!;
  const variables = run.variablesFor(execution);
  let assignee = optionalString(definition.assignee?.(variables, run.now));
  let candidateUsers = toList(definition.candidateUsers?.(variables, run.now));
  let candidateRoles = toList(definition.candidateRoles?.(variables, run.now));
  if (definition.assignmentRule) {
    const { actions } = runRuleSet(definition.assignmentRule, variables, { now: run.now });
    for (const action of actions) {
      const set = setActionTarget(action);
      if (set?.name === 'assignee') assignee = optionalString(set.value);
      else if (set?.name === 'candidateUsers') candidateUsers = toList(set.value);
      else if (set?.name === 'candidateRoles') candidateRoles = toList(set.value);
    }
  }
  const instanceAssignee = run.state.scopes[execution.scopeId]?.assignee;
  if (instanceAssignee) assignee = instanceAssignee;
  if (execution.assigneeOverride) assignee = execution.assigneeOverride;
  if (signer) {
    assignee = signer.assignee;
    candidateUsers = signer.candidateUsers ?? [];
    candidateRoles = signer.candidateRoles ?? [];
  }
  const excludedUsers = toList(definition.excludeUsers?.(variables, run.now));
  // Thrown before anything changes, so the incident's retry resolves the assignment afresh.
  if (assignee && excludedUsers.includes(assignee)) throw excludedAssignee(element.id, assignee);
  delete execution.assigneeOverride;
  let dueAt: string | undefined;
  const slaDuration = definition.sla ? parseDuration(definition.sla) : undefined;
  const slaDueAt = slaDuration ? addDuration(run.nowDate, slaDuration, run.definition.calendar).toISOString() : undefined;
  const dueText = definition.dueDate?.(variables, run.now);
  if (dueText !== undefined && dueText !== null && dueText !== '') {
    try {
      dueAt = resolveDueDate(dueText instanceof Date ? dueText.toISOString() : String(dueText), run.nowDate, run.definition.calendar);
    } catch (error) {
      if (!(error instanceof TimerSpecError)) throw error;
      throw new ProcessError(
        'task.dueDate.invalid',
        { 'zh-CN': `${element.id} 的到期时间无效：${error.message}`, en: `the due date of ${element.id} is invalid: ${error.message}` },
        { elementId: element.id },
      );
    }
  } else dueAt = slaDueAt;
  const priority = Number(definition.priority?.(variables, run.now) ?? 50);
  const loopCounter = run.state.scopes[execution.scopeId]?.variables.loopCounter;
  const task: TaskState = {
    id: run.newId('task'),
    elementId: element.id,
    ...(element.name ? { name: element.name } : {}),
    executionId: execution.id,
    ...(assignee ? { assignee } : {}),
    candidateUsers,
    candidateRoles,
    ...(excludedUsers.length > 0 ? { excludedUsers } : {}),
    ...(definition.formKey ? { formKey: definition.formKey } : {}),
    ...(dueAt ? { dueAt } : {}),
    priority: Number.isFinite(priority) ? priority : 50,
    createdAt: run.now,
    ...(typeof loopCounter === 'number' ? { loopCounter } : {}),
    touched: false,
    sequence: run.state.nextId,
  };
  run.state.tasks[task.id] = task;
  execution.taskId = task.id;
  execution.wait = 'task';
  run.emit({ type: 'task.created', at: run.now, task: taskSnapshot(task) });
  run.history('task.created', { elementId: element.id, taskId: task.id, executionId: execution.id, ...(assignee ? { detail: { assignee } } : {}) });
  if (slaDueAt) addTimer(run, { dueAt: slaDueAt }, { elementId: element.id, purpose: 'sla', taskId: task.id, executionId: execution.id });
  if (definition.remindEvery) {
    const every = parseDuration(definition.remindEvery)!;
    addTimer(run, { dueAt: addDuration(run.nowDate, every, run.definition.calendar).toISOString() }, {
      elementId: element.id,
      purpose: 'reminder',
      taskId: task.id,
      executionId: execution.id,
    });
  }
}

function excludedAssignee(elementId: string, assignee: string): ProcessError {
  return new ProcessError(
    'task.assignee.excluded',
    {
      'zh-CN': `${elementId} 的处理人 ${assignee} 在 tessera:excludeUsers 排除名单中，不能分配给他`,
      en: `the assignee of ${elementId} resolves to ${assignee}, whom tessera:excludeUsers excludes from it`,
    },
    { elementId },
  );
}

/** Removes a task and its reminder / SLA timers, announcing the cancellation. */
export function cancelTaskRecords(run: Run, taskId: string, reason: TaskCancelReason): void {
  const task = run.state.tasks[taskId];
  if (!task) return;
  removeTaskTimers(run, taskId);
  delete run.state.tasks[taskId];
  run.emit({ type: 'task.cancelled', at: run.now, taskId, elementId: task.elementId, reason });
  run.history('task.cancelled', { elementId: task.elementId, taskId, detail: { reason } });
}

export function removeTaskTimers(run: Run, taskId: string): void {
  for (const timer of Object.values(run.state.timers)) if (timer.taskId === taskId) cancelTimer(run, timer.id);
}

export function findTask(run: Run, taskId: string): TaskState {
  const task = run.state.tasks[taskId];
  if (!task) {
    throw new ProcessError('task.unknown', { 'zh-CN': `任务 ${taskId} 不存在或已结束`, en: `task ${taskId} does not exist or has ended` }, { taskId });
  }
  return task;
}
