import { compileDecisionTable } from '../decision-table/compile-decision-table';
import type { DecisionTableDefinition } from '../decision-table/definition';
import { parseUnaryTests, type UnaryTest } from '../decision-table/unary-tests';
import type { Literal } from '../decision-table/literal-comparison';
import { DefinitionError, type Problem } from '../problems';
import { isLogic } from '../rule';
import { conditionsOf } from '../rule-set/explain';
import type { RuleSetDefinition } from '../rule-set/definition';
import { compileRuleSet } from '../rule-set/compile-rule-set';
import { check, inferType } from './check';
import { compatible } from './type-compatibility';
import type { VariableSchema, VariableType } from './variable-schema';

function at(prefix: string, problems: Problem[]): Problem[] {
  return problems.map((problem) => ({ ...problem, path: problem.path ? `${prefix}.${problem.path}` : prefix }));
}

function literalsOf(tests: readonly UnaryTest[], into: Literal[] = []): Literal[] {
  for (const test of tests) {
    if (test.kind === 'compare') into.push(test.literal);
    else if (test.kind === 'range') into.push(test.low, test.high);
    else if (test.kind === 'not') literalsOf(test.tests, into);
  }
  return into;
}

function literalType(literal: Literal): VariableType {
  if (typeof literal === 'number') return 'number';
  if (typeof literal === 'boolean') return 'boolean';
  if (typeof literal === 'string') return /^\d{4}-\d{2}-\d{2}/.test(literal) ? 'date' : 'string';
  return 'any';
}

/**
 * Checks a decision table against the variables it may read: its definition problems (as
 * compileDecisionTable reports them), unknown variables and type mismatches in inputs, rule cells
 * and outputs, cell literals that cannot compare with their input (`>= 18` on a date), and the
 * gaps and unreachable rows found when compiling, as warnings.
 */
export function checkDecisionTable(table: DecisionTableDefinition, schema: VariableSchema): Problem[] {
  const problems: Problem[] = [];
  try {
    problems.push(...compileDecisionTable(table).warnings);
  } catch (error) {
    if (!(error instanceof DefinitionError)) throw error;
    problems.push(...error.problems);
  }
  if (!Array.isArray(table?.inputs) || !Array.isArray(table.rows)) return problems;
  const inputTypes = table.inputs.map((input, index) => {
    const { type, problems: found } = inferType(input.expression, schema);
    problems.push(...at(`inputs[${index}].expression`, found));
    return input.type ?? type;
  });
  table.rows.forEach((row, rowIndex) => {
    (Array.isArray(row?.when) ? row.when : []).forEach((cell, input) => {
      const path = `rows[${rowIndex}].when[${input}]`;
      if (isLogic(cell)) {
        problems.push(...at(path, check(cell, schema)));
        return;
      }
      if (typeof cell !== 'string' || inputTypes[input] === undefined) return;
      let tests: UnaryTest[];
      try {
        tests = parseUnaryTests(cell);
      } catch {
        return;
      }
      const expected = inputTypes[input]!;
      const mismatch = literalsOf(tests).map(literalType).find((type) => !compatible(expected, type));
      if (mismatch) {
        problems.push({
          code: 'type.mismatch',
          path,
          message: {
            'zh-CN': `条件 "${cell}" 是 ${mismatch}，而输入 ${table.inputs[input]!.id} 是 ${expected}`,
            en: `the condition "${cell}" is a ${mismatch} but the input ${table.inputs[input]!.id} is a ${expected}`,
          },
          severity: 'error',
        });
      }
    });
    const then = row?.then;
    const values = Array.isArray(then) ? then.map((value, index) => [String(index), value] as const) : Object.entries(then ?? {});
    for (const [key, value] of values) if (isLogic(value)) problems.push(...at(`rows[${rowIndex}].then[${key}]`, check(value, schema)));
  });
  return problems;
}

/** Checks a rule set: definition problems, then every condition and rule-valued action property. */
export function checkRuleSet(ruleSet: RuleSetDefinition, schema: VariableSchema): Problem[] {
  const problems: Problem[] = [];
  try {
    compileRuleSet(ruleSet);
  } catch (error) {
    if (!(error instanceof DefinitionError)) throw error;
    problems.push(...error.problems);
  }
  if (!Array.isArray(ruleSet?.rules)) return problems;
  ruleSet.rules.forEach((rule, index) => {
    for (const part of conditionsOf(rule?.when ?? true, `rules[${index}].when`).parts) {
      problems.push(...at(part.path, check(part.rule, schema)));
    }
    (Array.isArray(rule?.actions) ? rule.actions : []).forEach((action, actionIndex) => {
      const path = `rules[${index}].actions[${actionIndex}]`;
      for (const [key, value] of Object.entries(action ?? {})) {
        if (key === 'variables' || key === 'data') {
          for (const [name, rule] of Object.entries((value as Record<string, unknown>) ?? {})) problems.push(...at(`${path}.${key}.${name}`, check(rule, schema)));
        } else if (isLogic(value)) problems.push(...at(`${path}.${key}`, check(value, schema)));
      }
    });
  });
  return dedupe(problems);
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.code}|${problem.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
