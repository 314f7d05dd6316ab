import { runRuleSet } from '../definition/rule-references';
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
  const { actions } = runRuleSet(script.ruleSet!, variables, { now: run.now });
  for (const action of actions) {
    const set = setActionTarget(action);
    if (set) setVariable(run, execution.scopeId, set.name, set.value);
    else run.emit({ type: 'rule.action', at: run.now, elementId: element.id, action });
  }
  if (script.resultVariable) setVariable(run, execution.scopeId, script.resultVariable, actions);
}

/** Business-rule task: evaluates the decision table and stores its result. */
export function runBusinessRuleTask(run: Run, execution: ExecutionState, element: ElementDefinition): void {
  const { table, resultVariable } = element.decision!;
  const outcome = table.evaluate(run.variablesFor(execution), { now: run.now });
  setVariable(run, execution.scopeId, resultVariable, outcome.result);
  run.history('decision.evaluated', { elementId: element.id, executionId: execution.id, detail: { matchedRows: outcome.matchedRows } });
}
