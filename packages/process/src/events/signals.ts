import type { Run } from '../runtime/run';
import { deliverToSubscription } from './deliver';

/**
 * A signal thrown inside the instance reaches every subscription of the instance with that name;
 * the `signal.thrown` effect lets the server broadcast it to other instances.
 */
export function broadcastSignal(run: Run, name: string, payload: Record<string, unknown>, sourceId?: string): number {
  if (sourceId) run.emit({ type: 'signal.thrown', at: run.now, name, elementId: sourceId, payload });
  const matching = Object.values(run.state.subscriptions).filter((subscription) => subscription.kind === 'signal' && subscription.name === name);
  let delivered = 0;
  for (const subscription of matching) {
    if (!run.state.subscriptions[subscription.id]) continue;
    deliverToSubscription(run, subscription, payload);
    delivered += 1;
  }
  return delivered;
}
