import { compileDecisionTable, type DecisionTableDefinition } from '@tessera/rules';
import { applyDecisionTableAction, conditionText, outputText, parseOutputText, type DecisionTableAction } from './decision-table-model';

const rate: DecisionTableDefinition = {
  hitPolicy: 'FIRST',
  inputs: [{ id: 'tier', label: '客户等级', expression: { var: 'tier' } }],
  outputs: [{ id: 'rate', label: '利率' }],
  rows: [
    { when: ['"vip"'], then: [3.6] },
    { when: ['-'], then: [4.35] },
  ],
};

const apply = (table: DecisionTableDefinition, ...actions: DecisionTableAction[]) => actions.reduce(applyDecisionTableAction, table);

describe('the decision-table editor’s model', () => {
  it('reads typed output cells as numbers, booleans or text', () => {
    expect(parseOutputText(' 4.35 ')).toBe(4.35);
    expect(parseOutputText('true')).toBe(true);
    expect(parseOutputText('"42"')).toBe('42');
    expect(parseOutputText('gold')).toBe('gold');
    expect(parseOutputText('')).toBeNull();
    expect(outputText(4.35)).toBe('4.35');
    expect(conditionText({ '>': [{ var: 'a' }, 1] })).toBe('{">":[{"var":"a"},1]}');
  });

  it('adds an input column with a "-" cell in every row, and an output with an empty one', () => {
    const table = apply(rate, { type: 'addInput' }, { type: 'updateInput', index: 1, label: '金额', variable: 'amount' }, { type: 'addOutput' });
    expect(table.inputs[1]).toEqual({ id: 'input1', label: '金额', expression: { var: 'amount' } });
    expect(table.rows.map((row) => row.when)).toEqual([['"vip"', '-'], ['-', '-']]);
    expect(table.rows.map((row) => row.then)).toEqual([[3.6, null], [4.35, null]]);
  });

  it('edits cells so the rules engine evaluates the table as shown', () => {
    const table = apply(
      rate,
      { type: 'addInput' },
      { type: 'updateInput', index: 1, variable: 'amount' },
      { type: 'addRow' },
      { type: 'moveRow', index: 2, to: 0 },
      { type: 'setCondition', row: 0, input: 1, text: '>= 1000000' },
      { type: 'setOutput', row: 0, output: 0, text: '3.2' },
    );
    const compiled = compileDecisionTable(table);
    expect(compiled.evaluate({ tier: 'normal', amount: 2000000 })).toEqual({ result: 3.2, matchedRows: [0] });
    expect(compiled.evaluate({ tier: 'vip', amount: 10 })).toEqual({ result: 3.6, matchedRows: [1] });
  });

  it('keeps at least one input and one output, and ignores moves past the ends', () => {
    expect(apply(rate, { type: 'removeInput', index: 0 })).toBe(rate);
    expect(apply(rate, { type: 'removeOutput', index: 0 })).toBe(rate);
    expect(apply(rate, { type: 'moveRow', index: 0, to: 5 })).toBe(rate);
  });

  it('drops the aggregation when the hit policy is no longer COLLECT', () => {
    const collected = apply(rate, { type: 'setHitPolicy', hitPolicy: 'COLLECT' }, { type: 'setAggregation', aggregation: 'SUM' });
    expect(collected.aggregation).toBe('SUM');
    expect(apply(collected, { type: 'setHitPolicy', hitPolicy: 'UNIQUE' }).aggregation).toBeUndefined();
  });
});
