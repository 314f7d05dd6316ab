import type { ProcessDefinition } from '../definition/types';
import { findTask, taskSnapshot } from '../activities/user-task';
import { applyCommand, type CommandResult, type Instant } from '../commands/command';
import { ProcessError } from '../runtime/process-error';
import type { ProcessState } from '../runtime/state';
import { refuseExcludedUser } from './excluded-users';

/**
 * Delegation: `to` works on the task on the assignee's behalf. When `to` completes it, the task goes
 * back to the owner (resolved) with the data kept, and the owner decides.
 */
export function delegateTask(
  definition: ProcessDefinition,
  state: ProcessState,
  taskId: string,
  options: { to: string; by?: string; now: Instant },
): CommandResult {
  return applyCommand(definition, state, options.now, (run) => {
    const task = findTask(run, taskId);
    if (!task.assignee) {
      throw new ProcessError('task.notClaimed', { 'zh-CN': '任务须先认领才能委派', en: 'the task must be claimed before it is delegated' }, { taskId });
    }
    if (task.delegationState === 'pending') {
      throw new ProcessError('task.delegated', { 'zh-CN': '任务已在委派中', en: 'the task is already delegated' }, { taskId });
    }
    refuseExcludedUser(task, options.by, 'actor');
    refuseExcludedUser(task, options.to, 'assignee');
    task.owner = task.assignee;
    task.assignee = options.to;
    task.delegationState = 'pending';
    task.touched = true;
    run.emit({ type: 'task.updated', at: run.now, task: taskSnapshot(task), change: 'delegated' });
    run.history('task.delegated', { elementId: task.elementId, taskId, ...(options.by ? { by: options.by } : {}), detail: { to: options.to, owner: task.owner } });
  });
}
