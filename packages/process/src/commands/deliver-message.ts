import type { ProcessDefinition } from '../definition/types';
import { deliverToSubscription } from '../events/deliver';
import { broadcastSignal } from '../events/signals';
import { ProcessError } from '../runtime/process-error';
import type { ProcessState } from '../runtime/state';
import { cloneJson } from '../runtime/variables';
import { applyCommand, type CommandResult, type Instant } from './command';

export interface DeliverMessageOptions {
  name: string;
  correlationKey?: string;
  payload?: Record<string, unknown>;
  now: Instant;
}

/** Whether the instance awaits this message (by name, and by correlation key when both sides have one). */
export function awaitsMessage(state: ProcessState, name: string, correlationKey?: string): boolean {
  return Object.values(state.subscriptions).some(
    (subscription) =>
      subscription.kind === 'message' &&
      subscription.name === name &&
      (correlationKey === undefined || subscription.correlationKey === undefined || subscription.correlationKey === correlationKey),
  );
}

/** Correlates a message to the first subscription awaiting it; the payload becomes variables. */
export function deliverMessage(definition: ProcessDefinition, state: ProcessState, options: DeliverMessageOptions): CommandResult {
  return applyCommand(definition, state, options.now, (run) => {
    const subscription = Object.values(run.state.subscriptions).find(
      (candidate) =>
        candidate.kind === 'message' &&
        candidate.name === options.name &&
        (options.correlationKey === undefined || candidate.correlationKey === undefined || candidate.correlationKey === options.correlationKey),
    );
    if (!subscription) {
      throw new ProcessError('message.notCorrelated', {
        'zh-CN': `实例没有等待消息 ${options.name}${options.correlationKey ? `（关联键 ${options.correlationKey}）` : ''}`,
        en: `the instance awaits no message ${options.name}${options.correlationKey ? ` with correlation key ${options.correlationKey}` : ''}`,
      });
    }
    deliverToSubscription(run, subscription, cloneJson(options.payload ?? {}));
  });
}

/** Delivers a signal to every subscription of the instance with that name (none is not an error). */
export function deliverSignal(
  definition: ProcessDefinition,
  state: ProcessState,
  options: { name: string; payload?: Record<string, unknown>; now: Instant },
): CommandResult {
  return applyCommand(definition, state, options.now, (run) => {
    broadcastSignal(run, options.name, cloneJson(options.payload ?? {}));
  });
}
