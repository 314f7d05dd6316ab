import { evaluate } from '@tessera/rules';
import { ExpressionSyntaxError, translateJuel } from './juel';

describe('the JUEL subset translated to JSON-logic', () => {
  it('turns comparisons joined by && into an and of rules', () => {
    expect(translateJuel('${amount > 500000 && grade == "A"}')).toEqual({
      and: [{ '>': [{ var: 'amount' }, 500000] }, { '==': [{ var: 'grade' }, 'A'] }],
    });
  });

  it('keeps arithmetic precedence: division before comparison', () => {
    const rule = translateJuel('${nrOfCompletedInstances/nrOfInstances >= 0.6}');
    expect(rule).toEqual({ '>=': [{ '/': [{ var: 'nrOfCompletedInstances' }, { var: 'nrOfInstances' }] }, 0.6] });
    expect(evaluate(rule, { nrOfCompletedInstances: 3, nrOfInstances: 5 })).toBe(true);
    expect(evaluate(rule, { nrOfCompletedInstances: 2, nrOfInstances: 5 })).toBe(false);
  });

  it('computes constant arithmetic such as 5-2', () => {
    expect(evaluate(translateJuel('${5-2}'))).toBe(3);
    expect(evaluate(translateJuel('${2 + 3 * 4}'))).toBe(14);
    expect(evaluate(translateJuel('${(2 + 3) * 4}'))).toBe(20);
  });

  it('concatenates text around an expression', () => {
    const rule = translateJuel('kermit_${loopCounter}');
    expect(rule).toEqual({ cat: ['kermit_', { var: 'loopCounter' }] });
    expect(evaluate(rule, { loopCounter: 2 })).toBe('kermit_2');
  });

  it('reads word operators, negation, empty and the conditional operator', () => {
    expect(evaluate(translateJuel('${a gt 1 and not b}'), { a: 2, b: false })).toBe(true);
    expect(evaluate(translateJuel('${a eq 1 or a ne 1}'), { a: 5 })).toBe(true);
    expect(evaluate(translateJuel('${empty comment}'), { comment: '' })).toBe(true);
    expect(evaluate(translateJuel('${amount > 100 ? "big" : "small"}'), { amount: 50 })).toBe('small');
    expect(evaluate(translateJuel('${10 mod 4}'))).toBe(2);
  });

  it('resolves property paths, literal indexes and execution.getVariable', () => {
    expect(translateJuel('${applicant.address["city"]}')).toEqual({ var: 'applicant.address.city' });
    expect(translateJuel('${approvers[0]}')).toEqual({ var: 'approvers.0' });
    expect(translateJuel('${execution.getVariable("amount")}')).toEqual({ var: 'amount' });
  });

  it('keeps the type of a whole-expression value', () => {
    expect(translateJuel('${approved}')).toEqual({ var: 'approved' });
    expect(translateJuel('${true}')).toBe(true);
  });

  it('refuses method calls, functions and dynamic indexes instead of running them', () => {
    expect(() => translateJuel('${bean.call()}')).toThrow(ExpressionSyntaxError);
    expect(() => translateJuel('${System.exit(0)}')).toThrow(/not supported/);
    expect(() => translateJuel('${list[i]}')).toThrow(/literal indexes/);
    expect(() => translateJuel('${a >}')).toThrow(ExpressionSyntaxError);
    expect(() => translateJuel('${a')).toThrow(/missing "}"/);
  });
});
