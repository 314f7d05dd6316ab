import { compileRoot } from '../compiler/compile-node';
import type { RuleContext } from '../context';
import { defaultLimits } from '../limits';
import type { Evaluator, Runtime } from '../operations/operation';
import { DefinitionError, type Problem } from '../problems';
import { isLogic } from '../rule';
import { asRuleError, RuleError } from '../rule-error';
import { analyseCoverage, describeCombination, representativesOf, type AnalysedRow } from './coverage';
import type { CompiledDecisionTable, DecisionTableDefinition, DecisionTableResult, HitPolicy } from './definition';
import { applyHitPolicy, type MatchedRow } from './hit-policies';
import { parseUnaryTests, passes as passesTests, UnaryTestSyntaxError, type UnaryTest } from './unary-tests';

const hitPolicies: readonly HitPolicy[] = ['UNIQUE', 'FIRST', 'PRIORITY', 'ANY', 'COLLECT', 'RULE ORDER'];
const aggregations = ['SUM', 'MIN', 'MAX', 'COUNT'];
const singleHit = new Set<HitPolicy>(['UNIQUE', 'FIRST', 'PRIORITY', 'ANY']);

interface CompiledRow {
  cells: UnaryTest[][];
  outputs: Evaluator[];
  constantOutputs: unknown[] | undefined;
}

function problem(code: string, path: string, zh: string, en: string, severity: 'error' | 'warning' = 'error'): Problem {
  return { code, path, message: { 'zh-CN': zh, en }, severity };
}

/** Compiles a rule inside the table, turning its RuleError into a problem at the cell's path. */
function compileCellRule(rule: unknown, path: string, problems: Problem[]): Evaluator | undefined {
  try {
    return compileRoot(rule, defaultLimits);
  } catch (error) {
    const ruleError = asRuleError(error, '');
    problems.push({ ...ruleError.toProblem(), path: ruleError.path ? `${path}.${ruleError.path}` : path });
    return undefined;
  }
}

function parseCell(cell: unknown, path: string, problems: Problem[]): UnaryTest[] | undefined {
  if (typeof cell === 'string') {
    try {
      return parseUnaryTests(cell);
    } catch (error) {
      if (!(error instanceof UnaryTestSyntaxError)) throw error;
      problems.push(
        problem(
          'table.invalid_condition',
          path,
          `条件 "${cell}" 无法解析：第 ${error.position + 1} 个字符处${error.expected['zh-CN']}`,
          `condition "${cell}" cannot be read: ${error.expected.en} at character ${error.position + 1}`,
        ),
      );
      return undefined;
    }
  }
  if (cell === null || typeof cell === 'number' || typeof cell === 'boolean') return [{ kind: 'compare', operator: '=', literal: cell }];
  if (isLogic(cell)) {
    const evaluator = compileCellRule(cell, path, problems);
    return evaluator ? [{ kind: 'rule', evaluator }] : undefined;
  }
  problems.push(
    problem('table.invalid_condition', path, '条件必须是文本条件、数值、布尔值或规则', 'a condition must be a test as text, a number, a boolean or a rule'),
  );
  return undefined;
}

function nameOf(definition: DecisionTableDefinition): string {
  const name = definition.name;
  return definition.id ?? (typeof name === 'string' ? name : (name?.en ?? '(unnamed)'));
}

function validateShape(definition: DecisionTableDefinition, problems: Problem[]): boolean {
  if (typeof definition !== 'object' || definition === null) {
    problems.push(problem('table.invalid', '', '决策表必须是对象', 'a decision table must be an object'));
    return false;
  }
  if (!hitPolicies.includes(definition.hitPolicy)) {
    problems.push(
      problem('table.invalid_hit_policy', 'hitPolicy', `未知的命中策略 "${String(definition.hitPolicy)}"`, `unknown hit policy "${String(definition.hitPolicy)}" (use ${hitPolicies.join(', ')})`),
    );
  }
  if (definition.aggregation !== undefined) {
    if (definition.hitPolicy !== 'COLLECT') {
      problems.push(problem('table.invalid_aggregation', 'aggregation', '只有 COLLECT 可以汇总', 'only COLLECT tables aggregate'));
    } else if (!aggregations.includes(definition.aggregation)) {
      problems.push(problem('table.invalid_aggregation', 'aggregation', `未知的汇总方式 "${String(definition.aggregation)}"`, `unknown aggregation "${String(definition.aggregation)}" (use SUM, MIN, MAX or COUNT)`));
    } else if (definition.aggregation !== 'COUNT' && definition.outputs?.length !== 1) {
      problems.push(problem('table.invalid_aggregation', 'aggregation', `${definition.aggregation} 汇总要求恰好一个输出`, `${definition.aggregation} needs exactly one output`));
    }
  }
  for (const list of ['inputs', 'outputs', 'rows'] as const) {
    if (!Array.isArray(definition[list])) {
      problems.push(problem('table.invalid', list, `${list} 必须是数组`, `${list} must be a list`));
      return false;
    }
  }
  if (definition.outputs.length === 0) problems.push(problem('table.no_outputs', 'outputs', '决策表至少需要一个输出', 'a decision table needs at least one output'));
  for (const list of ['inputs', 'outputs'] as const) {
    const seen = new Set<string>();
    definition[list].forEach((column, index) => {
      if (typeof column?.id !== 'string' || column.id === '') {
        problems.push(problem('table.missing_id', `${list}[${index}].id`, '缺少 id', 'the id is missing'));
      } else if (seen.has(column.id)) {
        problems.push(problem('table.duplicate_id', `${list}[${index}].id`, `id "${column.id}" 重复`, `the id "${column.id}" is used twice`));
      } else seen.add(column.id);
    });
  }
  if (definition.hitPolicy === 'PRIORITY' && !definition.outputs.some((output) => Array.isArray(output?.values))) {
    problems.push(problem('table.priority_without_values', 'outputs', 'PRIORITY 需要至少一个输出列出按优先级排序的取值', 'PRIORITY needs at least one output listing its values, highest priority first'));
  }
  return true;
}

/**
 * Compiles a decision table: every condition and output is parsed and compiled once, UNIQUE
 * overlaps and ANY conflicts are errors, gaps and unreachable rows are warnings. Throws a
 * DefinitionError listing all problems.
 */
export function compileDecisionTable(definition: DecisionTableDefinition): CompiledDecisionTable {
  const problems: Problem[] = [];
  if (!validateShape(definition, problems)) throw new DefinitionError(problems);

  const inputs = definition.inputs.map((input, index) => compileCellRule(input?.expression, `inputs[${index}].expression`, problems));
  const rows: CompiledRow[] = [];
  definition.rows.forEach((row, rowIndex) => {
    const path = `rows[${rowIndex}]`;
    if (!row || !Array.isArray(row.when)) {
      problems.push(problem('table.invalid_row', `${path}.when`, '每行需要 when 条件列表', 'every row needs a list of conditions in `when`'));
      return;
    }
    if (row.when.length !== definition.inputs.length) {
      problems.push(
        problem(
          'table.cell_count',
          `${path}.when`,
          `该行有 ${row.when.length} 个条件，但表有 ${definition.inputs.length} 个输入`,
          `the row has ${row.when.length} conditions but the table has ${definition.inputs.length} inputs`,
        ),
      );
    }
    const cells = definition.inputs.map((_, input) => parseCell(row.when[input] ?? '-', `${path}.when[${input}]`, problems) ?? [{ kind: 'any' as const }]);
    const thenValues = outputValues(definition, row.then, `${path}.then`, problems);
    const outputs = thenValues.map((value, index) => (isLogic(value) ? compileCellRule(value, `${path}.then[${index}]`, problems) : undefined) ?? (() => value));
    const constant = thenValues.every((value) => !isLogic(value));
    if (definition.hitPolicy === 'PRIORITY') {
      definition.outputs.forEach((output, index) => {
        if (output.values && constant && !output.values.some((value) => JSON.stringify(value) === JSON.stringify(thenValues[index]))) {
          problems.push(problem('table.unlisted_output', `${path}.then[${index}]`, `输出值 ${JSON.stringify(thenValues[index])} 不在 ${output.id} 的取值列表中`, `the output ${JSON.stringify(thenValues[index])} is not among the values of ${output.id}`));
        }
      });
    }
    rows.push({ cells, outputs, constantOutputs: constant ? thenValues : undefined });
  });
  if (problems.length > 0) throw new DefinitionError(problems);

  const warnings = analyse(definition, rows, problems);
  if (problems.length > 0) throw new DefinitionError(problems);
  return buildEvaluator(definition, inputs as Evaluator[], rows, warnings);
}

function outputValues(definition: DecisionTableDefinition, then: unknown, path: string, problems: Problem[]): unknown[] {
  const outputs = definition.outputs;
  if (Array.isArray(then)) {
    if (then.length !== outputs.length) {
      problems.push(problem('table.cell_count', path, `该行有 ${then.length} 个输出值，但表有 ${outputs.length} 个输出`, `the row has ${then.length} output values but the table has ${outputs.length} outputs`));
    }
    return outputs.map((_, index) => then[index] ?? null);
  }
  if (typeof then === 'object' && then !== null) {
    const record = then as Record<string, unknown>;
    const unknownKey = Object.keys(record).find((key) => !outputs.some((output) => output.id === key));
    if (unknownKey) problems.push(problem('table.unknown_output', path, `未知的输出 "${unknownKey}"`, `unknown output "${unknownKey}"`));
    return outputs.map((output) => (Object.prototype.hasOwnProperty.call(record, output.id) ? record[output.id] : null));
  }
  if (outputs.length === 1) return [then];
  problems.push(problem('table.invalid_row', path, '输出值必须是列表或按输出 id 的对象', 'outputs must be a list or an object by output id'));
  return outputs.map(() => null);
}

function analyse(definition: DecisionTableDefinition, rows: CompiledRow[], problems: Problem[]): Problem[] {
  const policy = definition.hitPolicy;
  const analysed: AnalysedRow[] = rows.map((row) => ({ cells: row.cells.map((cell) => (cell.some((test) => test.kind === 'rule') ? null : cell)) }));
  const pieces = definition.inputs.map((input, index) =>
    representativesOf(
      analysed.map((row) => row.cells[index]!),
      input.values,
    ),
  );
  const report = analyseCoverage(analysed, pieces, {
    overlaps: policy === 'UNIQUE' || policy === 'ANY',
    gaps: singleHit.has(policy),
    shadowing: policy === 'FIRST',
  });
  for (const overlap of report.overlaps) {
    const where = describeCombination(definition.inputs, overlap.witness);
    if (policy === 'UNIQUE') {
      problems.push(
        problem(
          'table.overlap',
          `rows[${overlap.second}]`,
          `命中策略为 UNIQUE，但第 ${overlap.first + 1} 行与第 ${overlap.second + 1} 行重叠（例如 ${where['zh-CN']}）`,
          `the table is UNIQUE but rows ${overlap.first + 1} and ${overlap.second + 1} overlap (e.g. ${where.en})`,
        ),
      );
    } else {
      const first = rows[overlap.first]!.constantOutputs;
      const second = rows[overlap.second]!.constantOutputs;
      if (first && second && JSON.stringify(first) !== JSON.stringify(second)) {
        problems.push(
          problem(
            'table.any_conflict',
            `rows[${overlap.second}]`,
            `命中策略为 ANY，但第 ${overlap.first + 1} 行与第 ${overlap.second + 1} 行重叠且输出不同（例如 ${where['zh-CN']}）`,
            `the table is ANY but rows ${overlap.first + 1} and ${overlap.second + 1} overlap with different outputs (e.g. ${where.en})`,
          ),
        );
      }
    }
  }
  const warnings: Problem[] = [];
  for (const gap of report.gaps) {
    const where = describeCombination(definition.inputs, gap);
    warnings.push(problem('table.gap', 'rows', `没有任何行覆盖：${where['zh-CN']}`, `no row covers: ${where.en}`, 'warning'));
  }
  for (const { row, neverMatches } of report.unreachable) {
    warnings.push(
      neverMatches
        ? problem('table.row_never_matches', `rows[${row}]`, `第 ${row + 1} 行的条件永远不会成立`, `the conditions of row ${row + 1} can never hold`, 'warning')
        : problem('table.unreachable_row', `rows[${row}]`, `第 ${row + 1} 行不可达：前面的行已覆盖它的所有情况`, `row ${row + 1} is unreachable: earlier rows cover every case it covers`, 'warning'),
    );
  }
  if (report.tooComplex) {
    warnings.push(problem('table.not_analysed', 'rows', '条件组合过多，未检查空缺与不可达行', 'too many combinations of conditions: gaps and unreachable rows were not checked', 'warning'));
  }
  return warnings;
}

function buildEvaluator(definition: DecisionTableDefinition, inputs: Evaluator[], rows: CompiledRow[], warnings: Problem[]): CompiledDecisionTable {
  const policy = definition.hitPolicy;
  const tableName = nameOf(definition);
  const hitContext = { outputs: definition.outputs, aggregation: definition.aggregation, tableName };
  const inputCount = inputs.length;
  return {
    definition,
    warnings,
    evaluate(data: unknown, context?: RuleContext): DecisionTableResult {
      const runtime: Runtime = { context, limits: defaultLimits, steps: 0 };
      let stage = 'inputs';
      try {
        const values = new Array<unknown>(inputCount);
        for (let input = 0; input < inputCount; input++) {
          stage = `inputs[${input}].expression`;
          values[input] = inputs[input]!(data, runtime);
        }
        const matched: MatchedRow[] = [];
        for (let index = 0; index < rows.length; index++) {
          const row = rows[index]!;
          stage = `rows[${index}]`;
          let holds = true;
          for (let input = 0; input < inputCount && holds; input++) holds = passesCell(row.cells[input]!, values[input], data, runtime);
          if (!holds) continue;
          matched.push({ index, outputs: row.constantOutputs ?? row.outputs.map((output) => output(data, runtime)) });
          if (policy === 'FIRST') break;
        }
        stage = '';
        return { result: applyHitPolicy(policy, matched, hitContext), matchedRows: matched.map((row) => row.index) };
      } catch (error) {
        const ruleError = asRuleError(error, '');
        throw new RuleError(ruleError.code, [stage, ruleError.path].filter(Boolean).join('.'), ruleError.messages);
      }
    },
  };
}

function passesCell(cell: UnaryTest[], value: unknown, data: unknown, runtime: Runtime): boolean {
  if (cell.length === 1 && cell[0]!.kind === 'any') return true;
  return passesTests(cell, value, data, runtime);
}
