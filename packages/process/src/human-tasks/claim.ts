import type { ProcessDefinition } from '../definition/types';
import { findTask, taskSnapshot } from '../activities/user-task';
import { applyCommand, type CommandResult, type Instant } from '../commands/command';
import { ProcessError } from '../runtime/process-error';
import type { ProcessState } from '../runtime/state';
import { refuseExcludedUser } from './excluded-users';

/** A candidate takes an unassigned task. With `roles`, the engine also checks the user is a candidate. */
export function claimTask(
  definition: ProcessDefinition,
  state: ProcessState,
  taskId: string,
  options: { by: string; roles?: string[]; now: Instant },
): CommandResult {
  return applyCommand(definition, state, options.now, (run) => {
    const task = findTask(run, taskId);
    if (task.assignee) {
      throw new ProcessError(
        'task.alreadyClaimed',
        { 'zh-CN': `任务已由 ${task.assignee} 认领`, en: `the task is already claimed by ${task.assignee}` },
        { taskId },
      );
    }
    refuseExcludedUser(task, options.by, 'actor');
    if (options.roles) {
      const candidate = task.candidateUsers.includes(options.by) || task.candidateRoles.some((role) => options.roles!.includes(role));
      const open = task.candidateUsers.length === 0 && task.candidateRoles.length === 0;
      if (!candidate && !open) {
        throw new ProcessError('task.notCandidate', { 'zh-CN': `${options.by} 不是该任务的候选人`, en: `${options.by} is not a candidate for this task` }, { taskId });
      }
    }
    task.assignee = options.by;
    task.claimedAt = run.now;
    task.touched = true;
    run.emit({ type: 'task.updated', at: run.now, task: taskSnapshot(task), change: 'claimed' });
    run.history('task.claimed', { elementId: task.elementId, taskId, by: options.by });
  });
}

/** The assignee gives the task back to its candidates. */
export function unclaimTask(
  definition: ProcessDefinition,
  state: ProcessState,
  taskId: string,
  options: { by?: string; now: Instant },
): CommandResult {
  return applyCommand(definition, state, options.now, (run) => {
    const task = findTask(run, taskId);
    if (!task.assignee) {
      throw new ProcessError('task.notClaimed', { 'zh-CN': '任务尚未被认领', en: 'the task is not claimed' }, { taskId });
    }
    if (task.delegationState === 'pending') {
      throw new ProcessError('task.delegated', { 'zh-CN': '委派中的任务不能退回认领', en: 'a delegated task cannot be unclaimed' }, { taskId });
    }
    delete task.assignee;
    delete task.claimedAt;
    run.emit({ type: 'task.updated', at: run.now, task: taskSnapshot(task), change: 'unclaimed' });
    run.history('task.unclaimed', { elementId: task.elementId, taskId, ...(options.by ? { by: options.by } : {}) });
  });
}
