import { eventGatewayTriggered } from '../gateways/event-based';
import type { Run } from '../runtime/run';
import type { SubscriptionState } from '../runtime/state';
import { armBoundaryEvent, fireBoundaryEvent } from './boundary';
import { triggerEventSubProcess } from './event-subprocess';

/** A message or signal arrived for a subscription: the waiting element continues. */
export function deliverToSubscription(run: Run, subscription: SubscriptionState, payload: Record<string, unknown>): void {
  delete run.state.subscriptions[subscription.id];
  run.history(`${subscription.kind}.received`, { elementId: subscription.elementId, name: subscription.name });
  if (subscription.purpose === 'eventSubprocess') {
    const scope = run.state.scopes[subscription.scopeId!];
    if (scope) scope.armed = scope.armed.filter((id) => id !== subscription.id);
    return triggerEventSubProcess(run, subscription.scopeId!, subscription.elementId, payload);
  }
  const execution = run.state.executions[subscription.executionId!];
  if (!execution) return;
  execution.armed = execution.armed.filter((id) => id !== subscription.id);
  if (subscription.purpose === 'boundary') {
    const boundary = run.element(subscription.elementId);
    // A non-interrupting boundary keeps listening while its activity runs.
    if (!boundary.interrupting && (boundary.event?.kind === 'message' || boundary.event?.kind === 'signal')) {
      armBoundaryEvent(run, execution, boundary);
    }
    return fireBoundaryEvent(run, boundary, execution, payload);
  }
  if (subscription.purpose === 'eventGateway') return eventGatewayTriggered(run, execution, subscription.elementId, payload);
  run.completeActivity(execution, payload);
}
