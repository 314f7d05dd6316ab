import { runRuleSet } from '@tessera/rules';
import type { ElementDefinition } from '../definition/types';
import type { Run } from '../runtime/run';
import type { ExecutionState } from '../runtime/state';
import { setVariable } from '../runtime/variables';
import { setActionTarget } from './rule-actions';

/** Script task: a JSON-logic script or a rule set, evaluated in place (scripts are rules, never code). */
export function runScriptTask(run: Run, execution: ExecutionState, element: ElementDefinition): void {
  const script = element.script!;
  const variables = run.variablesFor(execution);
  if (script.rule) {
    const value = script.rule(variables, run.now);
    if (script.resultVariable) setVariable(run, execution.scopeId, script.resultVariable, value);
    return;
  }
  const { actions, facts } = runRuleSet(script.ruleSet!, variables, { now: run.now });
  let tagsChanged = false;
  for (const action of actions) {
    const set = setActionTarget(action);
    if (set) setVariable(run, execution.scopeId, set.name, set.value);
    else if (isTagAction(action)) tagsChanged = true;
    else run.emit({ type: 'rule.action', at: run.now, elementId: element.id, action });
  }
  // Tags live in the facts; the rule set hands back the updated list.
  if (tagsChanged && facts && typeof facts === 'object') {
    const tagsField = (script.ruleSet as { definition?: { tagsField?: string } }).definition?.tagsField ?? 'tags';
    setVariable(run, execution.scopeId, tagsField, (facts as Record<string, unknown>)[tagsField] ?? []);
  }
  if (script.resultVariable) setVariable(run, execution.scopeId, script.resultVariable, actions);
}

function isTagAction(action: unknown): boolean {
  const type = (action as { type?: unknown } | null)?.type;
  return type === 'addTag' || type === 'removeTag';
}

/** Business-rule task: evaluates the decision table and stores its result. */
export function runBusinessRuleTask(run: Run, execution: ExecutionState, element: ElementDefinition): void {
  const { table, resultVariable } = element.decision!;
  const outcome = table.evaluate(run.variablesFor(execution), { now: run.now });
  setVariable(run, execution.scopeId, resultVariable, outcome.result);
  run.history('decision.evaluated', { elementId: element.id, executionId: execution.id, detail: { matchedRows: outcome.matchedRows } });
}
