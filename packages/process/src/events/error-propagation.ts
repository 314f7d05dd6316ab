import type { Run } from '../runtime/run';
import { rootScopeId, type ExecutionState, type ScopeState } from '../runtime/state';
import { fireBoundaryEvent } from './boundary';
import { findEventSubProcessStart, triggerEventSubProcess } from './event-subprocess';

function findBoundary(run: Run, activityId: string, kind: 'error' | 'escalation', code: string | undefined): string | undefined {
  let catchAll: string | undefined;
  for (const boundaryId of run.element(activityId).boundaryEvents) {
    const event = run.element(boundaryId).event;
    if (event?.kind !== kind) continue;
    if (event.code === undefined) catchAll ??= boundaryId;
    else if (event.code === code) return boundaryId;
  }
  return catchAll;
}

/**
 * Walks outwards from where an error or escalation arises: the failing activity's boundary events,
 * then each enclosing scope's event subprocesses and its owner's boundary events. A specific code
 * wins over a catch-all within the same level. Returns whether something caught it.
 */
function propagate(
  run: Run,
  kind: 'error' | 'escalation',
  code: string | undefined,
  scopeId: string,
  activity: ExecutionState | undefined,
  sourceId: string,
): boolean {
  run.history(`${kind}.thrown`, { elementId: sourceId, detail: { code: code ?? null } });
  let current = activity;
  let currentScopeId: string | undefined = scopeId;
  const payload = kind === 'error' ? { errorCode: code ?? null } : { escalationCode: code ?? null };
  while (currentScopeId) {
    if (current && !current.inner) {
      const boundaryId = findBoundary(run, current.elementId, kind, code);
      if (boundaryId) {
        fireBoundaryEvent(run, run.element(boundaryId), current, payload);
        return true;
      }
    }
    const scope: ScopeState | undefined = run.state.scopes[currentScopeId];
    if (!scope) return false;
    const startId = findEventSubProcessStart(run, scope, kind, code);
    if (startId) {
      triggerEventSubProcess(run, scope.id, startId, payload);
      return true;
    }
    if (scope.id === rootScopeId) return false;
    current = scope.ownerExecutionId ? run.state.executions[scope.ownerExecutionId] : undefined;
    currentScopeId = scope.parentScopeId;
  }
  return false;
}

export function throwBpmnError(run: Run, code: string | undefined, scopeId: string, activity: ExecutionState | undefined, sourceId: string): boolean {
  return propagate(run, 'error', code, scopeId, activity, sourceId);
}

export function throwEscalation(run: Run, code: string | undefined, scopeId: string, activity: ExecutionState | undefined, sourceId: string): boolean {
  return propagate(run, 'escalation', code, scopeId, activity, sourceId);
}
