import type { ProcessDefinition } from '../definition/types';
import { findTask } from '../activities/user-task';
import { applyCommand, type CommandResult, type Instant } from '../commands/command';
import type { ProcessState } from '../runtime/state';

/** 催办: someone presses the assignee (or the candidates) to act. */
export function remindTask(
  definition: ProcessDefinition,
  state: ProcessState,
  taskId: string,
  options: { by?: string; now: Instant },
): CommandResult {
  return applyCommand(definition, state, options.now, (run) => {
    const task = findTask(run, taskId);
    run.emit({ type: 'task.reminded', at: run.now, taskId, ...(options.by ? { by: options.by } : {}), automatic: false });
    run.history('task.reminded', { elementId: task.elementId, taskId, ...(options.by ? { by: options.by } : {}), detail: { automatic: false } });
  });
}
