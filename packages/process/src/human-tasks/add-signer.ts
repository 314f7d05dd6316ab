import type { ProcessDefinition } from '../definition/types';
import { createUserTask, cancelTaskRecords, findTask } from '../activities/user-task';
import { startInnerInstance } from '../activities/multi-instance';
import { applyCommand, type CommandResult, type Instant } from '../commands/command';
import { ProcessError } from '../runtime/process-error';
import type { Run } from '../runtime/run';
import type { ExecutionState, ProcessState, TaskState } from '../runtime/state';
import { refuseExcludedUser } from './excluded-users';

export type SignerPosition = 'before' | 'after';

/**
 * 加签. On a plain task, `before` hands the task to the new signer first and back to the current
 * assignee afterwards; `after` gives the new signer a task once the current one is done. On a
 * multi-instance task, a parallel countersign gains an instance; a sequential one gets the new
 * signer inserted before or after the current signer.
 */
export function addSigner(
  definition: ProcessDefinition,
  state: ProcessState,
  taskId: string,
  options: { user: string; position: SignerPosition; by?: string; now: Instant },
): CommandResult {
  return applyCommand(definition, state, options.now, (run) => {
    const task = findTask(run, taskId);
    if (!options.user) {
      throw new ProcessError('task.addSigner.noUser', { 'zh-CN': '必须指定加签人', en: 'the signer to add must be given' }, { taskId });
    }
    if (options.position !== 'before' && options.position !== 'after') {
      throw new ProcessError('task.addSigner.position', { 'zh-CN': '加签位置必须是 before 或 after', en: 'the position must be before or after' }, { taskId });
    }
    refuseExcludedUser(task, options.by, 'actor');
    refuseExcludedUser(task, options.user, 'assignee');
    const execution = run.state.executions[task.executionId]!;
    run.history('task.signerAdded', {
      elementId: task.elementId,
      taskId,
      ...(options.by ? { by: options.by } : {}),
      detail: { user: options.user, position: options.position },
    });
    if (execution.inner) addToMultiInstance(run, execution, task, options.user, options.position);
    else addToPlainTask(run, execution, task, options.user, options.position);
  });
}

function addToPlainTask(run: Run, execution: ExecutionState, task: TaskState, user: string, position: SignerPosition): void {
  const queue = execution.signerQueue ?? [];
  if (position === 'after') {
    execution.signerQueue = [...queue, { assignee: user }];
    return;
  }
  execution.signerQueue = [
    { ...(task.assignee ? { assignee: task.assignee } : {}), candidateUsers: [...task.candidateUsers], candidateRoles: [...task.candidateRoles] },
    ...queue,
  ];
  cancelTaskRecords(run, task.id, 'signerAdded');
  delete execution.taskId;
  createUserTask(run, execution, run.element(task.elementId), { assignee: user });
}

function addToMultiInstance(run: Run, execution: ExecutionState, task: TaskState, user: string, position: SignerPosition): void {
  const instance = run.state.scopes[execution.scopeId]!;
  const scope = run.state.scopes[instance.parentScopeId!]!;
  const loop = scope.multiInstance!;
  const element = run.element(task.elementId);
  const variable = element.multiInstance!.elementVariable;
  const item = { ...(variable ? { value: user } : {}), assignee: user };
  scope.variables.nrOfInstances = Number(scope.variables.nrOfInstances) + 1;
  if (!loop.sequential) {
    loop.items.push(item);
    loop.nextIndex = loop.items.length - 1;
    startInnerInstance(run, scope, element);
    return;
  }
  if (position === 'after') {
    loop.items.splice(loop.nextIndex, 0, item);
    return;
  }
  const current = Number(instance.variables.loopCounter);
  const again = { ...loop.items[current], ...(task.assignee ? { assignee: task.assignee } : {}) };
  run.cancelScope(instance.id, 'signerAdded');
  loop.running = loop.running.filter((id) => id !== instance.id);
  scope.variables.nrOfActiveInstances = Number(scope.variables.nrOfActiveInstances) - 1;
  loop.items.splice(current, 1, item, again);
  loop.nextIndex = current;
  startInnerInstance(run, scope, element);
}
