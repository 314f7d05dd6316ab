import type { ElementDefinition, VariableMapping } from '../definition/types';
import type { Run } from '../runtime/run';
import type { ExecutionState } from '../runtime/state';
import { cloneJson, setVariable } from '../runtime/variables';

function mapVariables(mappings: VariableMapping[], source: Record<string, unknown>, now: string): Record<string, unknown> {
  const mapped: Record<string, unknown> = {};
  for (const mapping of mappings) {
    if (mapping.all) Object.assign(mapped, cloneJson(source));
    const target = mapping.target ?? mapping.source;
    if (!target) continue;
    if (mapping.sourceExpression) mapped[target] = cloneJson(mapping.sourceExpression(source, now) ?? null);
    else if (mapping.source !== undefined) mapped[target] = cloneJson(source[mapping.source] ?? null);
  }
  return mapped;
}

/** Call activity: asks the shell to start the called process with the mapped-in variables, then waits. */
export function requestCallActivity(run: Run, execution: ExecutionState, element: ElementDefinition): void {
  const call = element.call!;
  const variables = run.variablesFor(execution);
  const businessKey = call.businessKey?.(variables, run.now);
  execution.callId = run.newId('call');
  execution.wait = 'call';
  run.emit({
    type: 'callActivity.requested',
    at: run.now,
    callId: execution.callId,
    elementId: element.id,
    calledElement: call.calledElement,
    ...(businessKey !== undefined && businessKey !== null ? { businessKey: String(businessKey) } : {}),
    variables: mapVariables(call.inputs, variables, run.now),
  });
}

/** The child ended: its variables come back through the out mappings. */
export function applyCallActivityOutputs(run: Run, execution: ExecutionState, element: ElementDefinition, childVariables: Record<string, unknown>): void {
  const mapped = mapVariables(element.call!.outputs, childVariables, run.now);
  for (const [name, value] of Object.entries(mapped)) setVariable(run, execution.scopeId, name, value);
}
