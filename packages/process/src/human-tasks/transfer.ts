import type { ProcessDefinition } from '../definition/types';
import { findTask, taskSnapshot } from '../activities/user-task';
import { applyCommand, type CommandResult, type Instant } from '../commands/command';
import { ProcessError } from '../runtime/process-error';
import type { ProcessState } from '../runtime/state';
import { refuseExcludedUser } from './excluded-users';

/** 转交: the task changes hands for good; the new assignee completes it. */
export function transferTask(
  definition: ProcessDefinition,
  state: ProcessState,
  taskId: string,
  options: { to: string; by?: string; now: Instant },
): CommandResult {
  return applyCommand(definition, state, options.now, (run) => {
    const task = findTask(run, taskId);
    if (!options.to) {
      throw new ProcessError('task.transfer.noTarget', { 'zh-CN': '必须指定转交给谁', en: 'the user to transfer to must be given' }, { taskId });
    }
    refuseExcludedUser(task, options.by, 'actor');
    refuseExcludedUser(task, options.to, 'assignee');
    const from = task.assignee;
    task.assignee = options.to;
    task.claimedAt = run.now;
    task.touched = true;
    run.emit({ type: 'task.updated', at: run.now, task: taskSnapshot(task), change: 'transferred' });
    run.history('task.transferred', {
      elementId: task.elementId,
      taskId,
      ...(options.by ? { by: options.by } : {}),
      detail: { from: from ?? null, to: options.to },
    });
  });
}
