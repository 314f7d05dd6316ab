import type { ProcessDefinition } from '../definition/types';
import { applyCallActivityOutputs } from '../activities/call-activity';
import { ProcessError } from '../runtime/process-error';
import type { ProcessState } from '../runtime/state';
import { applyCommand, type CommandResult, type Instant } from './command';

/** The child instance of a call activity ended: map its variables out and continue, or propagate its error. */
export function completeCallActivity(
  definition: ProcessDefinition,
  state: ProcessState,
  callId: string,
  options: { now: Instant; variables?: Record<string, unknown>; error?: { code?: string; message?: string } },
): CommandResult {
  return applyCommand(definition, state, options.now, (run) => {
    const execution = Object.values(run.state.executions).find((candidate) => candidate.callId === callId);
    if (!execution) {
      throw new ProcessError('call.unknown', { 'zh-CN': `调用 ${callId} 不存在或已结束`, en: `call ${callId} does not exist or has ended` });
    }
    delete execution.callId;
    if (options.error) {
      const caught = run.throwErrorFromActivity(execution, options.error.code);
      if (!caught) run.raiseIncident(execution, 'error', options.error.message ?? options.error.code ?? 'the called process failed');
      return;
    }
    const element = run.element(execution.elementId);
    applyCallActivityOutputs(run, execution, element, options.variables ?? {});
    run.completeActivity(execution);
  });
}
