import { evaluate } from '../compiler/compile';
import { ruleErrorOf } from '../test-support/rule-error-of';

const application = {
  rows: [
    { item: 'salary', amount: '12000.10', months: 12 },
    { item: 'rent', amount: '3000.20', months: 6 },
    { item: 'bonus', amount: null, months: 1 },
  ],
};

describe('array operations', () => {
  it('counts rows, or the rows that satisfy a rule', () => {
    expect(evaluate({ count: { var: 'rows' } }, application)).toBe(3);
    expect(evaluate({ count: [{ var: 'rows' }, { '>': [{ var: 'months' }, 3] }] }, application)).toBe(2);
    expect(evaluate({ count: { var: 'none' } }, application)).toBe(0);
  });

  it('sums and averages amounts exactly, skipping absent values', () => {
    expect(evaluate({ sum: [{ var: 'rows' }, 'amount'] }, application)).toBe('15000.30');
    expect(evaluate({ avg: [{ var: 'rows' }, 'amount'] }, application)).toBe('7500.15');
    expect(evaluate({ sum: [{ var: 'rows' }, 'months'] }, application)).toBe(19);
    expect(evaluate({ avg: [[]] })).toBeNull();
    expect(evaluate({ sum: [[]] })).toBe(0);
  });

  it('plucks one field of every row', () => {
    expect(evaluate({ pluck: [{ var: 'rows' }, 'item'] }, application)).toEqual(['salary', 'rent', 'bonus']);
  });

  it('names the row that is not a number', () => {
    const error = ruleErrorOf(() => evaluate({ sum: [{ var: 'rows' }, 'item'] }, application));
    expect(error.code).toBe('array.not_numeric');
    expect(error.messages.en).toBe('row 1, field item, is not a number');
    expect(error.path).toBe('sum');
  });

  it('refuses a non-array, a non-text field name and a prototype path', () => {
    expect(ruleErrorOf(() => evaluate({ sum: ['12'] })).code).toBe('array.invalid');
    expect(ruleErrorOf(() => evaluate({ pluck: [{ var: 'rows' }, 3] }, application)).code).toBe('array.invalid_field');
    expect(ruleErrorOf(() => evaluate({ pluck: [{ var: 'rows' }, '__proto__'] }, application))).toMatchObject({ code: 'var.forbidden', path: 'pluck' });
  });

  it('refuses arrays longer than the limit', () => {
    const rows = Array.from({ length: 100_001 }, () => 1);
    expect(ruleErrorOf(() => evaluate({ sum: [{ var: 'rows' }] }, { rows })).code).toBe('rule.array_too_large');
  });
});
