import type { TaskCancelReason } from '../runtime/effects';
import { joinKey } from '../gateways/parallel';
import { ProcessError } from '../runtime/process-error';
import type { Run } from '../runtime/run';
import type { CompletedStep } from '../runtime/state';

/**
 * Moves the token back to a completed step: every activity downstream of the step in the step's
 * scope (parallel siblings included) is cancelled, and parallel joins downstream are pre-filled
 * for branches that are not redone, so the redone branch does not wait for ever.
 */
export function moveTokenBack(run: Run, step: CompletedStep, reason: TaskCancelReason, assignee?: string): void {
  const scope = run.state.scopes[step.scopeId];
  if (!scope) {
    throw new ProcessError('return.scopeEnded', {
      'zh-CN': `${step.elementId} 所在的子流程已结束，不能退回`,
      en: `the subprocess of ${step.elementId} has ended; the step cannot be returned to`,
    });
  }
  const target = step.elementId;
  const downstream = run.definition.reachable[target]!;
  const redone = (elementId: string) => elementId === target || downstream.has(elementId);
  for (const execution of Object.values(run.state.executions)) {
    if (execution.scopeId === scope.id && redone(execution.elementId) && run.state.executions[execution.id]) {
      run.cancelExecution(execution, reason);
    }
  }
  for (const key of Object.keys(run.state.joins)) {
    const join = run.state.joins[key]!;
    if (join.scopeId !== scope.id || !downstream.has(join.elementId)) continue;
    for (const flowId of Object.keys(join.arrived)) if (redone(run.flow(flowId).source)) delete join.arrived[flowId];
    if (Object.keys(join.arrived).length === 0) delete run.state.joins[key];
  }
  const live = Object.values(run.state.executions).filter((execution) => execution.scopeId === scope.id);
  for (const elementId of downstream) {
    const join = run.definition.elements[elementId]!;
    if (join.kind !== 'parallelGateway' || join.incoming.length < 2) continue;
    for (const flowId of join.incoming) {
      const source = run.flow(flowId).source;
      if (redone(source)) continue;
      const stillComing = live.some(
        (execution) => execution.elementId === source || run.definition.reachable[execution.elementId]?.has(source),
      );
      const key = joinKey(scope.id, join.id);
      if (stillComing || run.state.joins[key]?.arrived[flowId]) continue;
      const record = (run.state.joins[key] ??= { scopeId: scope.id, elementId: join.id, arrived: {} });
      record.arrived[flowId] = 1;
    }
  }
  const execution = run.createExecution(target, scope.id);
  if (assignee) execution.assigneeOverride = assignee;
}
