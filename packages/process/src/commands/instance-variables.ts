import type { ProcessDefinition } from '../definition/types';
import type { ProcessState } from '../runtime/state';
import { rootScopeId } from '../runtime/state';
import { cloneJson, setVariables as writeVariables } from '../runtime/variables';
import { applyCommand, type CommandResult, type Instant } from './command';

/** Sets process variables from outside (an administrator fixing data before retrying an incident). */
export function setVariables(
  definition: ProcessDefinition,
  state: ProcessState,
  options: { variables: Record<string, unknown>; by?: string; now: Instant },
): CommandResult {
  return applyCommand(definition, state, options.now, (run) => writeVariables(run, rootScopeId, cloneJson(options.variables), options.by));
}

/** Cancels a running instance: every task, timer, job and subscription is withdrawn. */
export function cancelInstance(
  definition: ProcessDefinition,
  state: ProcessState,
  options: { by?: string; reason?: string; now: Instant },
): CommandResult {
  return applyCommand(definition, state, options.now, (run) => {
    run.history('instance.cancelled', { ...(options.by ? { by: options.by } : {}), detail: { reason: options.reason ?? null } });
    run.endInstance('cancelled');
  });
}
