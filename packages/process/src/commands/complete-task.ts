import type { ProcessDefinition } from '../definition/types';
import { createUserTask, findTask, removeTaskTimers, taskSnapshot } from '../activities/user-task';
import { refuseExcludedUser } from '../human-tasks/excluded-users';
import { ProcessError } from '../runtime/process-error';
import type { ProcessState } from '../runtime/state';
import { cloneJson, setVariables } from '../runtime/variables';
import { applyCommand, type CommandResult, type Instant } from './command';

export interface CompleteTaskOptions {
  now: Instant;
  by?: string;
  data?: Record<string, unknown>;
  comment?: string;
}

/**
 * Completes a user task with the submitted data. A delegate's completion hands the task back to its
 * owner instead; an added signer (加签) still to act gets the next task on the same step.
 */
export function completeTask(definition: ProcessDefinition, state: ProcessState, taskId: string, options: CompleteTaskOptions): CommandResult {
  return applyCommand(definition, state, options.now, (run) => {
    const task = findTask(run, taskId);
    if (options.data !== undefined && (options.data === null || typeof options.data !== 'object' || Array.isArray(options.data))) {
      throw new ProcessError(
        'task.data.invalid',
        { 'zh-CN': '任务提交的数据必须是对象（字段名到值）', en: 'the data a task is completed with must be an object of field names to values' },
        { taskId },
      );
    }
    const by = options.by;
    refuseExcludedUser(task, by, 'actor');
    const data = cloneJson(options.data ?? {});
    if (task.delegationState === 'pending') {
      task.pendingData = { ...task.pendingData, ...data };
      task.assignee = task.owner;
      delete task.owner;
      task.delegationState = 'resolved';
      run.emit({ type: 'task.updated', at: run.now, task: taskSnapshot(task), change: 'resolved' });
      run.history('task.resolved', { elementId: task.elementId, taskId, ...(by ? { by } : {}) });
      return;
    }
    const merged = { ...task.pendingData, ...data };
    const execution = run.state.executions[task.executionId]!;
    removeTaskTimers(run, taskId);
    delete run.state.tasks[taskId];
    delete execution.taskId;
    run.emit({ type: 'task.completed', at: run.now, taskId, elementId: task.elementId, ...(by ? { by } : {}), data: merged });
    run.history('task.completed', {
      elementId: task.elementId,
      taskId,
      executionId: execution.id,
      ...(by ? { by } : {}),
      detail: { data: merged, ...(options.comment ? { comment: options.comment } : {}) },
    });
    run.state.completedSteps.push({
      elementId: task.elementId,
      scopeId: run.containerScopeOf(execution.scopeId).id,
      taskId,
      ...(by ? { by } : {}),
      at: run.now,
      sequence: run.state.nextId,
    });
    const element = run.element(task.elementId);
    const nextSigner = execution.signerQueue?.shift();
    if (nextSigner) {
      setVariables(run, execution.scopeId, merged, by);
      createUserTask(run, execution, element, nextSigner);
      return;
    }
    run.completeActivity(execution, merged, by);
  });
}
