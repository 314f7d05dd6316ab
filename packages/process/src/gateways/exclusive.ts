import { truthy } from '@tessera/rules';
import type { ElementDefinition } from '../definition/types';
import type { Run } from '../runtime/run';
import type { ExecutionState } from '../runtime/state';

/**
 * Exclusive gateway: the first outgoing flow (in document order) whose condition holds, else the
 * default flow. Undefined when nothing can be taken: the caller raises an incident, never a silent stop.
 */
export function selectExclusiveFlow(run: Run, execution: ExecutionState, element: ElementDefinition): string[] | undefined {
  if (element.outgoing.length === 1 && !run.flow(element.outgoing[0]!).condition) return element.outgoing;
  const variables = run.variablesFor(execution);
  for (const flowId of element.outgoing) {
    if (flowId === element.defaultFlow) continue;
    const condition = run.flow(flowId).condition;
    if (!condition || truthy(condition(variables, run.now))) return [flowId];
  }
  return element.defaultFlow ? [element.defaultFlow] : undefined;
}
