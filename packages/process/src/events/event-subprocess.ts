import type { ContainerDefinition } from '../definition/types';
import type { Run } from '../runtime/run';
import { rootScopeId, type ScopeState } from '../runtime/state';
import { visibleVariables } from '../runtime/variables';
import { disarm, subscribe } from './subscriptions';
import { scheduleTimer } from './timers';

export function containerOfScope(run: Run, scope: ScopeState): ContainerDefinition | undefined {
  if (scope.id === rootScopeId) return run.definition.process;
  if (scope.kind === 'subProcess' || scope.kind === 'eventSubProcess') return run.definition.elements[scope.elementId]?.subProcess;
  return undefined;
}

/** Arms the timer, message and signal start events of the event subprocesses a scope contains. */
export function armEventSubProcesses(run: Run, scope: ScopeState): void {
  const container = containerOfScope(run, scope);
  if (!container || container.eventSubProcesses.length === 0) return;
  const variables = visibleVariables(run.state, scope.id);
  for (const subProcessId of container.eventSubProcesses) armStart(run, scope, run.element(subProcessId).subProcess!.startEvents[0]!, variables);
}

function armStart(run: Run, scope: ScopeState, startId: string, variables: Record<string, unknown>): void {
  const event = run.element(startId).event;
  const fields = { elementId: startId, purpose: 'eventSubprocess' as const, scopeId: scope.id };
  if (event?.kind === 'timer') scope.armed.push(scheduleTimer(run, event.timer, variables, fields));
  else if (event?.kind === 'message' || event?.kind === 'signal') scope.armed.push(subscribe(run, event, variables, fields));
}

/**
 * Starts an event subprocess in `scope`. An interrupting one first cancels everything else the
 * scope is doing; a non-interrupting message or signal start keeps listening for the next one.
 */
export function triggerEventSubProcess(run: Run, scopeId: string, startId: string, payload?: Record<string, unknown>): void {
  const scope = run.state.scopes[scopeId];
  if (!scope) return;
  const start = run.element(startId);
  const subProcess = run.element(start.container);
  if (start.interrupting) {
    for (const execution of Object.values(run.state.executions)) {
      if (execution.scopeId === scopeId && run.state.executions[execution.id]) run.cancelExecution(execution, 'interrupted');
    }
    for (const key of Object.keys(run.state.joins)) if (run.state.joins[key]!.scopeId === scopeId) delete run.state.joins[key];
    disarm(run, scope.armed);
    scope.armed = [];
  } else if (start.event?.kind === 'message' || start.event?.kind === 'signal') {
    armStart(run, scope, startId, visibleVariables(run.state, scopeId));
  }
  const owner = run.createExecution(subProcess.id, scopeId);
  run.dequeue(owner);
  run.history('activity.started', { elementId: subProcess.id, elementType: 'subProcess', executionId: owner.id });
  owner.wait = 'scope';
  const inner = run.createScope({ kind: 'eventSubProcess', elementId: subProcess.id, parentScopeId: scopeId, ownerExecutionId: owner.id });
  owner.childScopeId = inner.id;
  armEventSubProcesses(run, inner);
  const execution = run.createExecution(startId, inner.id);
  run.dequeue(execution);
  run.history('activity.started', { elementId: startId, elementType: 'startEvent', executionId: execution.id });
  run.completeActivity(execution, payload);
}

/** Finds an event subprocess of the scope whose start catches this error or escalation code. */
export function findEventSubProcessStart(run: Run, scope: ScopeState, kind: 'error' | 'escalation', code: string | undefined): string | undefined {
  const container = containerOfScope(run, scope);
  if (!container) return undefined;
  let catchAll: string | undefined;
  for (const subProcessId of container.eventSubProcesses) {
    const startId = run.element(subProcessId).subProcess!.startEvents[0]!;
    const event = run.element(startId).event;
    if (event?.kind !== kind) continue;
    if (event.code === undefined) catchAll ??= startId;
    else if (event.code === code) return startId;
  }
  return catchAll;
}
