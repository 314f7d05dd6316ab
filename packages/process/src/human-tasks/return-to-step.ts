import type { ProcessDefinition } from '../definition/types';
import { findTask } from '../activities/user-task';
import { applyCommand, type CommandResult, type Instant } from '../commands/command';
import { ProcessError } from '../runtime/process-error';
import type { Run } from '../runtime/run';
import type { CompletedStep, ExecutionState, ProcessState } from '../runtime/state';
import { moveTokenBack } from './move-back';

/** The scopes a task runs in, innermost first, as container scopes (subprocess, process). */
function enclosingScopes(run: Run, execution: ExecutionState): { scopeId: string; elementId: string }[] {
  const chain: { scopeId: string; elementId: string }[] = [];
  let current: ExecutionState | undefined = execution;
  while (current) {
    const scope = run.containerScopeOf(current.scopeId);
    chain.push({ scopeId: scope.id, elementId: current.elementId });
    current = scope.ownerExecutionId ? run.state.executions[scope.ownerExecutionId] : undefined;
  }
  return chain;
}

/**
 * 退回: the task goes back to an earlier completed user task, upstream of it in the same scope or an
 * enclosing one. The step is redone by whoever completed it.
 */
export function returnToStep(
  definition: ProcessDefinition,
  state: ProcessState,
  taskId: string,
  options: { toElementId: string; by?: string; comment?: string; now: Instant },
): CommandResult {
  return applyCommand(definition, state, options.now, (run) => {
    const task = findTask(run, taskId);
    const target = definition.elements[options.toElementId];
    if (!target || target.kind !== 'userTask') {
      throw new ProcessError(
        'return.targetNotUserTask',
        { 'zh-CN': `${options.toElementId} 不是用户任务，不能退回`, en: `${options.toElementId} is not a user task and cannot be returned to` },
        { elementId: options.toElementId, taskId },
      );
    }
    if (!target.userTask!.returnable) {
      throw new ProcessError(
        'return.notReturnable',
        { 'zh-CN': `${options.toElementId} 不允许退回`, en: `${options.toElementId} does not accept returns` },
        { elementId: options.toElementId, taskId },
      );
    }
    const execution = run.state.executions[task.executionId]!;
    const chain = enclosingScopes(run, execution);
    let step: CompletedStep | undefined;
    let position: string | undefined;
    for (let index = run.state.completedSteps.length - 1; index >= 0 && !step; index -= 1) {
      const candidate = run.state.completedSteps[index]!;
      if (candidate.elementId !== options.toElementId) continue;
      const link = chain.find((entry) => entry.scopeId === candidate.scopeId);
      if (link) {
        step = candidate;
        position = link.elementId;
      }
    }
    if (!step || !position) {
      throw new ProcessError(
        'return.targetNotCompleted',
        { 'zh-CN': `${options.toElementId} 在此实例中尚未完成，不能退回`, en: `${options.toElementId} has not been completed in this instance` },
        { elementId: options.toElementId, taskId },
      );
    }
    if (position !== step.elementId && !definition.reachable[step.elementId]!.has(position)) {
      throw new ProcessError(
        'return.targetNotUpstream',
        { 'zh-CN': `${options.toElementId} 不在当前任务之前，不能退回`, en: `${options.toElementId} is not upstream of the current task` },
        { elementId: options.toElementId, taskId },
      );
    }
    run.history('task.returned', {
      elementId: task.elementId,
      taskId,
      ...(options.by ? { by: options.by } : {}),
      detail: { to: options.toElementId, ...(options.comment ? { comment: options.comment } : {}) },
    });
    moveTokenBack(run, step, 'returned', step.by);
  });
}
