import * as rules from '@tessera/rules';
import type { RuleContext } from '@tessera/rules';

/** What the process engine needs of a compiled decision table (see `@tessera/rules`). */
export interface DecisionTableLike {
  evaluate(data: unknown, context?: RuleContext): { result: unknown; matchedRows: number[] };
}

/** A rule set, compiled or as a definition; `runRuleSet` accepts both. */
export type RuleSetLike = object;

interface DecisionEngine {
  compileDecisionTable(table: unknown): DecisionTableLike;
  compileRuleSet(ruleSet: unknown): RuleSetLike;
  runRuleSet(ruleSet: RuleSetLike, facts: unknown, context: RuleContext): { actions: unknown[]; trace: unknown[] };
}

// Decision tables and rule sets are read through this one seam so the engine names exactly the
// `@tessera/rules` functions it calls.
const engine = rules as unknown as Partial<DecisionEngine>;

export function decisionEngine(): Partial<DecisionEngine> {
  return engine;
}

export function runRuleSet(ruleSet: RuleSetLike, facts: unknown, context: RuleContext): { actions: unknown[]; trace: unknown[] } {
  if (!engine.runRuleSet) throw new Error('@tessera/rules does not provide runRuleSet');
  return engine.runRuleSet(ruleSet, facts, context);
}
