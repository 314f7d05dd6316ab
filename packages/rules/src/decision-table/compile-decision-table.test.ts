import { DefinitionError } from '../problems';
import { RuleError } from '../rule-error';
import { ruleErrorOf } from '../test-support/rule-error-of';
import { compileDecisionTable } from './compile-decision-table';
import type { DecisionTableDefinition } from './definition';

const tiering: DecisionTableDefinition = {
  id: 'customerTier',
  hitPolicy: 'UNIQUE',
  inputs: [
    { id: 'aum', expression: { var: 'customer.aum' } },
    { id: 'segment', expression: { var: 'customer.segment' }, values: ['RETAIL', 'PRIVATE'] },
  ],
  outputs: [{ id: 'tier' }, { id: 'manager' }],
  rows: [
    { when: ['< 50000', '-'], then: ['MASS', false] },
    { when: ['[50000..500000)', '-'], then: ['AFFLUENT', true] },
    { when: ['>= 500000', 'RETAIL'], then: ['VIP', true] },
    { when: ['>= 500000', '"PRIVATE"'], then: { tier: 'PB', manager: true } },
  ],
};

function definitionError(run: () => unknown): DefinitionError {
  try {
    run();
  } catch (error) {
    if (error instanceof DefinitionError) return error;
    throw error;
  }
  throw new Error('expected a DefinitionError');
}

describe('decision tables', () => {
  it('UNIQUE: returns the outputs of the one matching row, as an object for several outputs', () => {
    const table = compileDecisionTable(tiering);
    expect(table.evaluate({ customer: { aum: '800000.00', segment: 'PRIVATE' } })).toEqual({ result: { tier: 'PB', manager: true }, matchedRows: [3] });
    expect(table.evaluate({ customer: { aum: 60000, segment: 'RETAIL' } }).result).toEqual({ tier: 'AFFLUENT', manager: true });
    expect(table.warnings).toEqual([]);
  });

  it('UNIQUE: gives the defaults, or null, when no row matches', () => {
    const table = compileDecisionTable({ ...tiering, outputs: [{ id: 'tier', default: 'UNKNOWN' }, { id: 'manager' }] });
    expect(table.evaluate({ customer: {} })).toEqual({ result: { tier: 'UNKNOWN', manager: null }, matchedRows: [] });
  });

  it('UNIQUE: refuses overlapping rows when compiling, naming both rows and an example', () => {
    const error = definitionError(() =>
      compileDecisionTable({ ...tiering, rows: [...tiering.rows, { when: ['> 1000000', '-'], then: ['TOP', true] }] }),
    );
    expect(error.problems).toHaveLength(2);
    expect(error.problems[0]).toMatchObject({ code: 'table.overlap', path: 'rows[4]' });
    expect(error.problems[0]!.message.en).toBe('the table is UNIQUE but rows 3 and 5 overlap (e.g. aum > 1000000, segment = "RETAIL")');
  });

  it('UNIQUE: fails at evaluation when rows with rule conditions both match', () => {
    const table = compileDecisionTable({
      hitPolicy: 'UNIQUE',
      inputs: [{ id: 'age', expression: { var: 'age' } }],
      outputs: [{ id: 'flag' }],
      rows: [
        { when: [{ '>': [{ var: 'age' }, 10] }], then: ['a'] },
        { when: [{ '>': [{ var: 'age' }, 20] }], then: ['b'] },
      ],
    });
    const error = ruleErrorOf(() => table.evaluate({ age: 30 }));
    expect(error.code).toBe('table.unique_violation');
    expect(error.messages.en).toContain('rows 1, 2');
  });

  it('FIRST: returns the first matching row and warns about rows earlier ones hide', () => {
    const table = compileDecisionTable({
      hitPolicy: 'FIRST',
      inputs: [{ id: 'score', expression: { var: 'score' } }],
      outputs: [{ id: 'grade' }],
      rows: [
        { when: ['>= 90'], then: ['A'] },
        { when: ['>= 60'], then: ['B'] },
        { when: ['[70..80]'], then: ['never'] },
        { when: ['-'], then: ['C'] },
      ],
    });
    expect(table.evaluate({ score: 75 })).toEqual({ result: 'B', matchedRows: [1] });
    expect(table.evaluate({ score: 10 }).result).toBe('C');
    expect(table.warnings).toEqual([expect.objectContaining({ code: 'table.unreachable_row', path: 'rows[2]', severity: 'warning' })]);
  });

  it('FIRST: warns about a row whose conditions can never hold', () => {
    const table = compileDecisionTable({
      hitPolicy: 'FIRST',
      inputs: [{ id: 'n', expression: { var: 'n' } }],
      outputs: [{ id: 'x' }],
      rows: [{ when: ['[10..1]'], then: [1] }, { when: ['-'], then: [2] }],
    });
    expect(table.warnings.map((warning) => warning.code)).toEqual(['table.row_never_matches']);
  });

  it('warns about gaps no row covers, describing them', () => {
    const table = compileDecisionTable({
      hitPolicy: 'UNIQUE',
      inputs: [
        { id: 'age', expression: { var: 'age' } },
        { id: 'channel', expression: { var: 'channel' }, values: ['branch', 'mobile'] },
      ],
      outputs: [{ id: 'allowed' }],
      rows: [
        { when: ['[18..60]', '-'], then: [true] },
        { when: ['> 60', '"branch"'], then: [true] },
      ],
    });
    expect(table.warnings.map((warning) => warning.message.en)).toEqual([
      'no row covers: age < 18, channel = "branch"',
      'no row covers: age < 18, channel = "mobile"',
      'no row covers: age > 60, channel = "mobile"',
    ]);
  });

  it('PRIORITY: returns the matching output listed first among the output values', () => {
    const table = compileDecisionTable({
      hitPolicy: 'PRIORITY',
      inputs: [
        { id: 'overdueDays', expression: { var: 'overdueDays' } },
        { id: 'amount', expression: { var: 'amount' } },
      ],
      outputs: [{ id: 'risk', values: ['HIGH', 'MEDIUM', 'LOW'] }],
      rows: [
        { when: ['-', '-'], then: ['LOW'] },
        { when: ['> 30', '-'], then: ['MEDIUM'] },
        { when: ['> 90', '-'], then: ['HIGH'] },
        { when: ['-', '>= 1000000'], then: ['MEDIUM'] },
      ],
    });
    expect(table.evaluate({ overdueDays: 120, amount: 10 })).toEqual({ result: 'HIGH', matchedRows: [0, 1, 2] });
    expect(table.evaluate({ overdueDays: 0, amount: '2000000.00' }).result).toBe('MEDIUM');
  });

  it('PRIORITY: refuses outputs that are not among the listed values, and tables without any list', () => {
    const base: DecisionTableDefinition = {
      hitPolicy: 'PRIORITY',
      inputs: [{ id: 'x', expression: { var: 'x' } }],
      outputs: [{ id: 'risk', values: ['HIGH', 'LOW'] }],
      rows: [{ when: ['-'], then: ['MID'] }],
    };
    expect(definitionError(() => compileDecisionTable(base)).problems[0]).toMatchObject({ code: 'table.unlisted_output', path: 'rows[0].then[0]' });
    expect(definitionError(() => compileDecisionTable({ ...base, outputs: [{ id: 'risk' }] })).code).toBe('table.priority_without_values');
  });

  it('ANY: accepts overlapping rows that agree and refuses those that conflict', () => {
    const base: DecisionTableDefinition = {
      hitPolicy: 'ANY',
      inputs: [{ id: 'age', expression: { var: 'age' } }],
      outputs: [{ id: 'eligible' }],
      rows: [
        { when: ['>= 18'], then: [true] },
        { when: ['[18..65]'], then: [true] },
        { when: ['< 18'], then: [false] },
      ],
    };
    expect(compileDecisionTable(base).evaluate({ age: 30 })).toEqual({ result: true, matchedRows: [0, 1] });
    const conflicting = { ...base, rows: [...base.rows, { when: ['[60..70]'], then: [false] }] };
    expect(definitionError(() => compileDecisionTable(conflicting)).problems).toEqual([
      expect.objectContaining({ code: 'table.any_conflict', path: 'rows[3]' }),
      expect.objectContaining({ code: 'table.any_conflict', path: 'rows[3]' }),
    ]);
  });

  it('ANY: fails at evaluation when rule-valued outputs disagree', () => {
    const table = compileDecisionTable({
      hitPolicy: 'ANY',
      inputs: [{ id: 'x', expression: { var: 'x' } }],
      outputs: [{ id: 'y' }],
      rows: [
        { when: ['> 0'], then: [{ var: 'x' }] },
        { when: ['> 1'], then: [1] },
      ],
    });
    expect(table.evaluate({ x: 1 }).result).toBe(1);
    expect(ruleErrorOf(() => table.evaluate({ x: 5 })).code).toBe('table.any_conflict');
  });

  const fees: DecisionTableDefinition = {
    hitPolicy: 'COLLECT',
    inputs: [
      { id: 'product', expression: { var: 'product' } },
      { id: 'amount', expression: { var: 'amount' } },
    ],
    outputs: [{ id: 'fee' }],
    rows: [
      { when: ['"loan"', '-'], then: ['100.10'] },
      { when: ['-', '> 100000'], then: ['0.20'] },
      { when: ['"card"', '-'], then: ['50.00'] },
    ],
  };

  it('COLLECT: lists the outputs of every matching row', () => {
    expect(compileDecisionTable(fees).evaluate({ product: 'loan', amount: 200000 })).toEqual({ result: ['100.10', '0.20'], matchedRows: [0, 1] });
  });

  it('COLLECT: sums exactly, takes the minimum or maximum, or counts', () => {
    const data = { product: 'loan', amount: 200000 };
    expect(compileDecisionTable({ ...fees, aggregation: 'SUM' }).evaluate(data).result).toBe('100.30');
    expect(compileDecisionTable({ ...fees, aggregation: 'MIN' }).evaluate(data).result).toBe('0.20');
    expect(compileDecisionTable({ ...fees, aggregation: 'MAX' }).evaluate(data).result).toBe('100.10');
    expect(compileDecisionTable({ ...fees, aggregation: 'COUNT' }).evaluate(data).result).toBe(2);
    expect(compileDecisionTable({ ...fees, aggregation: 'SUM' }).evaluate({ product: 'x', amount: 1 }).result).toBeNull();
    expect(compileDecisionTable({ ...fees, aggregation: 'COUNT' }).evaluate({ product: 'x', amount: 1 }).result).toBe(0);
  });

  it('COLLECT: refuses to sum outputs that are not numbers, at evaluation', () => {
    const table = compileDecisionTable({ ...fees, aggregation: 'SUM', rows: [{ when: ['-', '-'], then: ['free'] }] });
    expect(ruleErrorOf(() => table.evaluate({})).code).toBe('table.aggregation_not_numeric');
  });

  it('RULE ORDER: lists the outputs of the matching rows in row order', () => {
    const table = compileDecisionTable({ ...fees, hitPolicy: 'RULE ORDER', outputs: [{ id: 'fee' }] });
    expect(table.evaluate({ product: 'card', amount: 200001 })).toEqual({ result: ['0.20', '50.00'], matchedRows: [1, 2] });
  });

  it('evaluates rule conditions and rule outputs against the whole data', () => {
    const table = compileDecisionTable({
      hitPolicy: 'FIRST',
      inputs: [{ id: 'age', expression: { age: { var: 'birthDate' } } }],
      outputs: [{ id: 'message' }],
      rows: [
        { when: [{ '==': [{ var: 'vip' }, true] }], then: [{ cat: ['VIP ', { var: 'name' }] }] },
        { when: ['< 18'], then: ['minor'] },
        { when: ['-'], then: ['adult'] },
      ],
    });
    const now = { now: '2026-11-23' };
    expect(table.evaluate({ vip: true, name: '周', birthDate: '1990-01-01' }, now).result).toBe('VIP 周');
    expect(table.evaluate({ birthDate: '2010-01-01' }, now).result).toBe('minor');
  });

  it('reports a failing input with the input path', () => {
    const table = compileDecisionTable({
      hitPolicy: 'FIRST',
      inputs: [{ id: 'age', expression: { age: { var: 'birthDate' } } }],
      outputs: [{ id: 'x' }],
      rows: [{ when: ['-'], then: [1] }],
    });
    const error = ruleErrorOf(() => table.evaluate({ birthDate: '1990-01-01' }));
    expect(error).toBeInstanceOf(RuleError);
    expect(error.code).toBe('context.now_missing');
    expect(error.path).toBe('inputs[0].expression.age');
  });

  it('lists every problem of a broken definition with its path', () => {
    const error = definitionError(() =>
      compileDecisionTable({
        hitPolicy: 'UNIQUE',
        aggregation: 'SUM',
        inputs: [
          { id: 'a', expression: { nope: 1 } },
          { id: 'a', expression: { var: 'b' } },
        ],
        outputs: [{ id: 'out' }],
        rows: [{ when: ['>= ', '-'], then: [1, 2] }, { when: ['1'], then: { other: 1 } }],
      }),
    );
    expect(error.problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['table.invalid_aggregation', 'aggregation'],
      ['table.duplicate_id', 'inputs[1].id'],
      ['operator.unknown', 'inputs[0].expression'],
      ['table.invalid_condition', 'rows[0].when[0]'],
      ['table.cell_count', 'rows[0].then'],
      ['table.cell_count', 'rows[1].when'],
      ['table.unknown_output', 'rows[1].then'],
    ]);
    expect(error.problems[3]!.message['zh-CN']).toContain('>= ');
  });

  it('refuses an unknown hit policy and missing lists', () => {
    const error = definitionError(() => compileDecisionTable({ hitPolicy: 'SOME' } as unknown as DecisionTableDefinition));
    expect(error.problems.map((problem) => problem.code)).toEqual(['table.invalid_hit_policy', 'table.invalid']);
  });
});

describe('decision table definition errors and analysis limits', () => {
  function codesOf(definition: unknown): string[] {
    try {
      compileDecisionTable(definition as DecisionTableDefinition);
    } catch (error) {
      return (error as DefinitionError).problems.map((problem) => `${problem.code} ${problem.path}`);
    }
    return [];
  }

  it('names missing ids, missing outputs and malformed rows', () => {
    expect(codesOf({ hitPolicy: 'FIRST', inputs: [{ expression: { var: 'x' } }], outputs: [], rows: [{ then: [] }, { when: [{ a: 1, b: 2 }], then: 5 }] })).toEqual([
      'table.no_outputs outputs',
      'table.missing_id inputs[0].id',
      'table.invalid_row rows[0].when',
      'table.invalid_condition rows[1].when[0]',
      'table.invalid_row rows[1].then',
    ]);
  });

  it('reports gaps with their code and severity', () => {
    const table = compileDecisionTable({
      hitPolicy: 'FIRST',
      inputs: [{ id: 'n', expression: { var: 'n' } }],
      outputs: [{ id: 'x' }],
      rows: [{ when: ['> 0'], then: [1] }],
    });
    expect(table.warnings[0]).toMatchObject({ code: 'table.gap', severity: 'warning', path: 'rows' });
  });

  it('skips the gap analysis of tables with too many combinations, saying so', () => {
    const inputs = Array.from({ length: 6 }, (_, index) => ({ id: `i${index}`, expression: { var: `i${index}` } }));
    const rows = Array.from({ length: 6 }, (_, row) => ({ when: inputs.map((_, index) => `[${row * 10 + index}..${row * 10 + index + 5}]`), then: [row] }));
    const table = compileDecisionTable({ hitPolicy: 'FIRST', inputs, outputs: [{ id: 'x' }], rows });
    expect(table.warnings.map((warning) => warning.code)).toContain('table.not_analysed');
  });
});
