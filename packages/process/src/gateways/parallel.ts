import type { ElementDefinition } from '../definition/types';
import type { Run } from '../runtime/run';
import type { ExecutionState, JoinState } from '../runtime/state';

export function joinKey(scopeId: string, elementId: string): string {
  return `${scopeId}|${elementId}`;
}

/** Records a token arriving at a join; the token itself is consumed. */
export function recordArrival(run: Run, execution: ExecutionState, element: ElementDefinition): JoinState {
  const key = joinKey(execution.scopeId, element.id);
  const join = (run.state.joins[key] ??= { scopeId: execution.scopeId, elementId: element.id, arrived: {} });
  const via = execution.via ?? element.incoming[0]!;
  join.arrived[via] = (join.arrived[via] ?? 0) + 1;
  delete run.state.executions[execution.id];
  return join;
}

/** Parallel join: fires once a token has arrived on every incoming flow, consuming one per flow. */
export function arriveAtParallelJoin(run: Run, execution: ExecutionState, element: ElementDefinition): void {
  const join = recordArrival(run, execution, element);
  if (!element.incoming.every((flowId) => (join.arrived[flowId] ?? 0) > 0)) return;
  for (const flowId of element.incoming) {
    join.arrived[flowId]! -= 1;
    if (join.arrived[flowId] === 0) delete join.arrived[flowId];
  }
  if (Object.keys(join.arrived).length === 0) delete run.state.joins[joinKey(join.scopeId, join.elementId)];
  const merged = run.createExecution(element.id, join.scopeId, undefined);
  // Already counted as arrived: start it past the join logic.
  run.history('activity.started', { elementId: element.id, elementType: element.kind, executionId: merged.id });
  run.dequeue(merged);
  run.leave(merged);
}
