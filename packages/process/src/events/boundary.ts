import type { ElementDefinition } from '../definition/types';
import type { Run } from '../runtime/run';
import type { ExecutionState } from '../runtime/state';
import { subscribe } from './subscriptions';
import { scheduleTimer } from './timers';

/** Arms the timer, message and signal boundary events of an activity that has just started. */
export function armBoundaryEvents(run: Run, execution: ExecutionState, element: ElementDefinition): void {
  if (element.boundaryEvents.length === 0) return;
  for (const boundaryId of element.boundaryEvents) armBoundaryEvent(run, execution, run.element(boundaryId));
}

export function armBoundaryEvent(run: Run, execution: ExecutionState, boundary: ElementDefinition): void {
  const event = boundary.event;
  const fields = { elementId: boundary.id, purpose: 'boundary' as const, executionId: execution.id };
  if (event?.kind === 'timer') execution.armed.push(scheduleTimer(run, event.timer, run.variablesFor(execution), fields));
  else if (event?.kind === 'message' || event?.kind === 'signal') {
    execution.armed.push(subscribe(run, event, run.variablesFor(execution), fields));
  }
}

/**
 * A boundary event occurred on `host`: interrupting ones cancel the activity (and everything inside
 * it) first; either way a new token leaves from the boundary event.
 */
export function fireBoundaryEvent(
  run: Run,
  boundary: ElementDefinition,
  host: ExecutionState,
  payload?: Record<string, unknown>,
): void {
  const scopeId = host.scopeId;
  if (boundary.interrupting) run.cancelExecution(host, 'boundary');
  const execution = run.createExecution(boundary.id, scopeId);
  run.dequeue(execution);
  run.history('activity.started', { elementId: boundary.id, elementType: boundary.kind, executionId: execution.id });
  run.completeActivity(execution, payload);
}
