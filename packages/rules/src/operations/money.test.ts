import { evaluate } from '../compiler/compile';
import { ruleErrorOf } from '../test-support/rule-error-of';

describe('money operations', () => {
  it('adds amounts exactly where binary floats would not', () => {
    expect(evaluate({ 'money+': ['0.1', '0.2'] })).toBe('0.30');
    expect(evaluate({ 'money+': [{ var: 'a' }, { var: 'b' }] }, { a: '99999999999999999.99', b: '0.01' })).toBe('100000000000000000.00');
  });

  it('subtracts, multiplies and divides exactly', () => {
    expect(evaluate({ 'money-': ['1000.00', '0.01'] })).toBe('999.99');
    expect(evaluate({ 'money-': ['5'] })).toBe('-5.00');
    expect(evaluate({ 'money*': ['1234.56', '0.035'] })).toBe('43.2096');
    expect(evaluate({ 'money/': ['1', '8'] })).toBe('0.125');
  });

  it('rounds to the fen half-up by default and with other modes on request', () => {
    expect(evaluate({ moneyRound: { 'money*': ['1234.56', '0.035'] } })).toBe('43.21');
    expect(evaluate({ moneyRound: ['-2.345'] })).toBe('-2.35');
    expect(evaluate({ moneyRound: ['2.349', 2, 'DOWN'] })).toBe('2.34');
    expect(evaluate({ moneyRound: ['2.341', 2, 'CEILING'] })).toBe('2.35');
    expect(evaluate({ moneyRound: ['-0.001'] })).toBe('0.00');
  });

  it('compares by value, not by text or float', () => {
    expect(evaluate({ 'money>=': [{ var: 'aum' }, '500000'] }, { aum: '500000.00' })).toBe(true);
    expect(evaluate({ 'money<': ['9.9', '10'] })).toBe(true);
    expect(evaluate({ 'money==': [{ 'money+': ['0.1', '0.2'] }, '0.3'] })).toBe(true);
    expect(evaluate({ 'money>': ['100000000000000000.01', '100000000000000000.00'] })).toBe(true);
  });

  it('treats an absent amount as unknown: null for arithmetic, false for comparisons', () => {
    expect(evaluate({ 'money+': [{ var: 'bonus' }, '1'] }, {})).toBeNull();
    expect(evaluate({ 'money>': ['', '1'] })).toBe(false);
  });

  it('names invalid amounts, division by zero, overflow and bad rounding', () => {
    const invalid = ruleErrorOf(() => evaluate({ 'money+': [{ var: 'x' }, '1'] }, { x: '1,000' }));
    expect(invalid.code).toBe('money.invalid');
    expect(invalid.path).toBe('money+');
    expect(ruleErrorOf(() => evaluate({ 'money+': [true, '1'] })).code).toBe('money.invalid');
    expect(ruleErrorOf(() => evaluate({ 'money/': ['1', '0.00'] })).code).toBe('money.division_by_zero');
    expect(ruleErrorOf(() => evaluate({ 'money*': ['1e5', '1'] })).code).toBe('money.invalid');
    expect(ruleErrorOf(() => evaluate({ 'money*': ['999999999999999999999999', '10'] })).code).toBe('money.overflow');
    expect(ruleErrorOf(() => evaluate({ moneyRound: ['1', 2, 'BANKERS'] })).code).toBe('money.invalid_rounding');
    expect(ruleErrorOf(() => evaluate({ moneyRound: ['1', -1] })).code).toBe('money.invalid_places');
  });
});
