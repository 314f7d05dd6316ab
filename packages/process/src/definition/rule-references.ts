/** The decision-table and rule-set types of `@tessera/rules` the process engine builds on. */
export type {
  CompiledDecisionTable as DecisionTableLike,
  CompiledRuleSet as RuleSetLike,
  DecisionTableDefinition,
  RuleSetDefinition,
} from '@tessera/rules';
