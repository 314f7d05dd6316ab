import type { ElementDefinition } from '../definition/types';
import { subscribe, disarm } from '../events/subscriptions';
import { scheduleTimer } from '../events/timers';
import type { Run } from '../runtime/run';
import type { ExecutionState } from '../runtime/state';

/** Event-based gateway: waits on every event after it; the first that occurs wins, the rest are withdrawn. */
export function armEventGateway(run: Run, execution: ExecutionState, element: ElementDefinition): void {
  execution.wait = 'eventGateway';
  const variables = run.variablesFor(execution);
  for (const flowId of element.outgoing) {
    const target = run.element(run.flow(flowId).target);
    const event = target.event;
    const fields = { elementId: target.id, purpose: 'eventGateway' as const, executionId: execution.id };
    if (event?.kind === 'timer') execution.armed.push(scheduleTimer(run, event.timer, variables, fields));
    else if (event?.kind === 'message' || event?.kind === 'signal') execution.armed.push(subscribe(run, event, variables, fields));
  }
}

/** One of the gateway's events occurred: the token moves onto that event and continues past it. */
export function eventGatewayTriggered(run: Run, execution: ExecutionState, targetId: string, payload?: Record<string, unknown>): void {
  const gateway = run.element(execution.elementId);
  disarm(run, execution.armed);
  execution.armed = [];
  delete execution.wait;
  run.history('activity.completed', { elementId: gateway.id, elementType: gateway.kind, executionId: execution.id });
  const flowId = gateway.outgoing.find((id) => run.flow(id).target === targetId)!;
  execution.elementId = targetId;
  execution.via = flowId;
  const target = run.element(targetId);
  run.history('activity.started', { elementId: target.id, elementType: target.kind, executionId: execution.id });
  run.completeActivity(execution, payload);
}
