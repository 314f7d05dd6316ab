import type { VariableType } from '../check/variable-schema';
import type { LocalizedText, Problem } from '../problems';
import type { Rule } from '../rule';
import type { RuleContext } from '../context';

/** DMN hit policies: how many rows may match and what the table returns then. */
export type HitPolicy = 'UNIQUE' | 'FIRST' | 'PRIORITY' | 'ANY' | 'COLLECT' | 'RULE ORDER';
export type CollectAggregation = 'SUM' | 'MIN' | 'MAX' | 'COUNT';

export interface DecisionTableInput {
  id: string;
  label?: LocalizedText | string;
  /** A rule giving the input's value, usually `{ "var": "customer.aum" }`. */
  expression: Rule;
  type?: VariableType;
  /** The values the input can take (an enumeration): gaps are then looked for among these only. */
  values?: unknown[];
}

export interface DecisionTableOutput {
  id: string;
  label?: LocalizedText | string;
  type?: VariableType;
  /** The output's possible values, highest priority first (required by PRIORITY). */
  values?: unknown[];
  /** The value when no row matches (single-hit policies). */
  default?: unknown;
}

/**
 * One condition cell: a DMN-like unary test as text (`-`, `>= 500000`, `[18..60]`, `"VIP","PB"`,
 * `not("closed")`), a literal to compare for equality, or a rule on the whole data (truthy = match).
 */
export type ConditionCell = string | number | boolean | null | { [operator: string]: unknown };

export interface DecisionTableRow {
  id?: string;
  /** One cell per input, in the inputs' order. */
  when: ConditionCell[];
  /** One value per output, as a list in the outputs' order or by output id; a value may be a rule. */
  then: unknown[] | Record<string, unknown>;
  annotation?: string;
}

export interface DecisionTableDefinition {
  id?: string;
  name?: LocalizedText | string;
  hitPolicy: HitPolicy;
  /** COLLECT only: reduce the matched outputs to one number. */
  aggregation?: CollectAggregation;
  inputs: DecisionTableInput[];
  outputs: DecisionTableOutput[];
  rows: DecisionTableRow[];
}

export interface DecisionTableResult {
  /** One output: its value; several: an object by output id; COLLECT and RULE ORDER: a list of those. */
  result: unknown;
  /** Indexes (from 0) of the rows whose conditions held; FIRST stops at the first. */
  matchedRows: number[];
}

export interface CompiledDecisionTable {
  readonly definition: DecisionTableDefinition;
  /** Gaps (input combinations no row covers) and unreachable rows, found when compiling. */
  readonly warnings: Problem[];
  evaluate(data: unknown, context?: RuleContext): DecisionTableResult;
}
