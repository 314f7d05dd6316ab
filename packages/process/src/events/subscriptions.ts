import type { EventDefinition } from '../definition/types';
import type { Run } from '../runtime/run';
import type { SubscriptionState } from '../runtime/state';
import { cancelTimer } from './timers';

type SubscriptionFields = Pick<SubscriptionState, 'elementId' | 'purpose' | 'executionId' | 'scopeId'>;

/** Awaits a message (correlated by key, default the business key) or a signal. Returns the subscription id. */
export function subscribe(
  run: Run,
  event: Extract<EventDefinition, { kind: 'message' | 'signal' }>,
  variables: Record<string, unknown>,
  fields: SubscriptionFields,
): string {
  const id = run.newId('sub');
  if (event.kind === 'message') {
    const key = event.correlationKey ? event.correlationKey(variables, run.now) : run.state.businessKey;
    const correlationKey = key === undefined || key === null ? undefined : String(key);
    run.state.subscriptions[id] = { id, kind: 'message', name: event.name, ...(correlationKey !== undefined ? { correlationKey } : {}), ...fields };
    run.emit({
      type: 'message.awaited',
      at: run.now,
      subscriptionId: id,
      name: event.name,
      ...(correlationKey !== undefined ? { correlationKey } : {}),
      elementId: fields.elementId,
    });
  } else {
    run.state.subscriptions[id] = { id, kind: 'signal', name: event.name, ...fields };
    run.emit({ type: 'signal.awaited', at: run.now, subscriptionId: id, name: event.name, elementId: fields.elementId });
  }
  return id;
}

export function unsubscribe(run: Run, id: string): void {
  const subscription = run.state.subscriptions[id];
  if (!subscription) return;
  delete run.state.subscriptions[id];
  run.emit({
    type: subscription.kind === 'message' ? 'message.subscriptionCancelled' : 'signal.subscriptionCancelled',
    at: run.now,
    subscriptionId: id,
  });
}

/** Withdraws armed timers and subscriptions (ids of either kind). */
export function disarm(run: Run, ids: string[]): void {
  for (const id of ids) {
    if (run.state.timers[id]) cancelTimer(run, id);
    else if (run.state.subscriptions[id]) unsubscribe(run, id);
  }
}
