import { truthy } from '@tessera/rules';
import type { ElementDefinition } from '../definition/types';
import type { Run } from '../runtime/run';
import type { ExecutionState, ScopeState } from '../runtime/state';
import { visibleVariables } from '../runtime/variables';

/**
 * Multi-instance body: a bookkeeping scope holding nrOfInstances / nrOfCompletedInstances /
 * nrOfActiveInstances, and one instance scope per item holding loopCounter and the element variable.
 * Countersign 会签 is "all complete", any-one-signs 或签 and ratios are completion conditions.
 */
export function startMultiInstance(run: Run, body: ExecutionState, element: ElementDefinition): void {
  const loop = element.multiInstance!;
  const variables = run.variablesFor(body);
  let items: { value?: unknown }[];
  if (loop.collection) {
    const collection = loop.collection(variables, run.now);
    if (!Array.isArray(collection)) {
      run.raiseIncident(body, 'error', `the collection of ${element.id} is not a list`);
      return;
    }
    items = collection.map((value) => ({ value }));
  } else {
    const count = Number(loop.cardinality!(variables, run.now));
    if (!Number.isInteger(count) || count < 0) {
      run.raiseIncident(body, 'error', `the loop cardinality of ${element.id} is not a whole number`);
      return;
    }
    items = Array.from({ length: count }, () => ({}));
  }
  if (items.length === 0) return run.completeActivity(body);
  const scope = run.createScope({
    kind: 'multiInstance',
    elementId: element.id,
    parentScopeId: body.scopeId,
    ownerExecutionId: body.id,
    variables: { nrOfInstances: items.length, nrOfCompletedInstances: 0, nrOfActiveInstances: 0 },
    multiInstance: { sequential: loop.sequential, items, nextIndex: 0, running: [] },
  });
  body.wait = 'multiInstance';
  body.childScopeId = scope.id;
  if (loop.sequential) startInnerInstance(run, scope, element);
  else while (scope.multiInstance!.nextIndex < items.length) startInnerInstance(run, scope, element);
}

export function startInnerInstance(run: Run, scope: ScopeState, element: ElementDefinition): void {
  const state = scope.multiInstance!;
  const index = state.nextIndex;
  const item = state.items[index]!;
  state.nextIndex += 1;
  const loop = element.multiInstance!;
  const instance = run.createScope({
    kind: 'instance',
    elementId: element.id,
    parentScopeId: scope.id,
    variables: { loopCounter: index, ...(loop.elementVariable ? { [loop.elementVariable]: item.value ?? null } : {}) },
    ...(item.assignee ? { assignee: item.assignee } : {}),
  });
  state.running.push(instance.id);
  scope.variables.nrOfActiveInstances = Number(scope.variables.nrOfActiveInstances) + 1;
  run.createExecution(element.id, instance.id, undefined, true);
}

export function innerInstanceCompleted(run: Run, scope: ScopeState, instance: ScopeState): void {
  const state = scope.multiInstance!;
  state.running = state.running.filter((id) => id !== instance.id);
  scope.variables.nrOfCompletedInstances = Number(scope.variables.nrOfCompletedInstances) + 1;
  scope.variables.nrOfActiveInstances = Number(scope.variables.nrOfActiveInstances) - 1;
  const element = run.element(scope.elementId);
  const condition = element.multiInstance!.completionCondition;
  const satisfied = condition ? truthy(condition(visibleVariables(run.state, scope.id), run.now)) : false;
  const exhausted = state.running.length === 0 && state.nextIndex >= state.items.length;
  if (satisfied || exhausted) return finishMultiInstance(run, scope);
  if (state.sequential && state.running.length === 0) startInnerInstance(run, scope, element);
}

function finishMultiInstance(run: Run, scope: ScopeState): void {
  for (const instanceId of scope.multiInstance!.running) run.cancelScope(instanceId, 'completionCondition');
  delete run.state.scopes[scope.id];
  const body = run.state.executions[scope.ownerExecutionId!]!;
  delete body.childScopeId;
  run.completeActivity(body);
}
