export * from './problems';
export { RuleError } from './rule-error';
export { truthy } from './truthy';
export type { Rule } from './rule';
export type { RuleContext } from './context';
export { defaultLimits, type RuleLimits } from './limits';
export { compile, evaluate, clearCompileCache, compileCacheSize, type CompiledRule, type CompileOptions } from './compiler/compile';
export { operations } from './operations/table';
export type { Operation, OperationExample, OperationCategory } from './operations/operation';
export type { VariableType, VariableDescriptor, VariableSchema } from './check/variable-schema';
export { check } from './check/check';
export { checkDecisionTable, checkRuleSet } from './check/check-definitions';
export { compileDecisionTable } from './decision-table/compile-decision-table';
export type {
  CollectAggregation,
  CompiledDecisionTable,
  ConditionCell,
  DecisionTableDefinition,
  DecisionTableInput,
  DecisionTableOutput,
  DecisionTableResult,
  DecisionTableRow,
  HitPolicy,
} from './decision-table/definition';
export { parseUnaryTests, type UnaryTest } from './decision-table/unary-tests';
export { compileRuleSet, runRuleSet } from './rule-set/compile-rule-set';
export type {
  ActionDefinition,
  CompiledRuleSet,
  ConditionTrace,
  RuleAction,
  RuleDefinition,
  RuleSetDefinition,
  RuleSetResult,
  RuleTrace,
} from './rule-set/definition';
export { CronError, nextTick, parseCron, type CronSchedule } from './schedule/cron';
