import { truthy } from '@tessera/rules';
import type { ElementDefinition } from '../definition/types';
import type { Run } from '../runtime/run';
import type { ExecutionState } from '../runtime/state';

/** Inclusive gateway split: every flow whose condition holds; the default flow only when none does. */
export function selectInclusiveFlows(run: Run, execution: ExecutionState, element: ElementDefinition): string[] | undefined {
  const variables = run.variablesFor(execution);
  const taken = element.outgoing.filter((flowId) => {
    if (flowId === element.defaultFlow) return false;
    const condition = run.flow(flowId).condition;
    return !condition || truthy(condition(variables, run.now));
  });
  if (taken.length > 0) return taken;
  return element.defaultFlow ? [element.defaultFlow] : undefined;
}
