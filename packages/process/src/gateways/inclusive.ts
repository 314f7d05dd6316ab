import type { ElementDefinition } from '../definition/types';
import type { Run } from '../runtime/run';
import type { ExecutionState, JoinState } from '../runtime/state';
import { joinKey, recordArrival } from './parallel';

/** Inclusive join: a token arrives and waits; `drain` fires the join once no other token can still come. */
export function arriveAtInclusiveJoin(run: Run, execution: ExecutionState, element: ElementDefinition): void {
  recordArrival(run, execution, element);
}

/**
 * The join may fire when no live token in its scope, and no token waiting at another join of the
 * scope, can still reach it.
 */
export function inclusiveJoinReady(run: Run, join: JoinState): boolean {
  const { reachable } = run.definition;
  for (const id in run.state.executions) {
    const execution = run.state.executions[id]!;
    if (execution.scopeId === join.scopeId && reachable[execution.elementId]?.has(join.elementId)) return false;
  }
  for (const key in run.state.joins) {
    const other = run.state.joins[key]!;
    if (other !== join && other.scopeId === join.scopeId && reachable[other.elementId]?.has(join.elementId)) return false;
  }
  return true;
}

export function fireInclusiveJoin(run: Run, join: JoinState): void {
  delete run.state.joins[joinKey(join.scopeId, join.elementId)];
  const element = run.element(join.elementId);
  const merged = run.createExecution(element.id, join.scopeId, undefined);
  run.history('activity.started', { elementId: element.id, elementType: element.kind, executionId: merged.id });
  run.dequeue(merged);
  run.leave(merged);
}
