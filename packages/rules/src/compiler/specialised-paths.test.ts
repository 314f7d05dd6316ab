import jsonLogic from 'json-logic-js';
import { RuleError } from '../rule-error';
import { compile, evaluate } from './compile';
import { compileRule } from './compile-node';
import { constantValueOf } from './evaluator-registry';
import { defaultLimits } from '../limits';
import { notConstant } from '../operations/operation';

/* The compiler gives common rule shapes closures of their own (a comparison per kind, tiers of
 * one variable, arguments read inline, literal subtrees computed once, iterations that need no
 * counting). Each must give exactly what json-logic-js gives, for every kind of value. */

const values: unknown[] = [undefined, null, 0, -0, 1, 2.5, -3, 600, 6000000, '', '0', '2.5', '600', 'abc', 'high', true, false, [], [1], ['high'], {}, { x: 1 }];

/** Data holding `value` at `a`, at `a.b`, and a list of rows, for rules reading one or two steps. */
function samples(): Record<string, unknown>[] {
  const data: Record<string, unknown>[] = [{}, { a: null }, { a: 'text' }, { a: { b: undefined } }];
  for (const value of values) {
    data.push({ a: value, c: value, rows: [{ n: value }, { n: 1 }] });
    data.push({ a: { b: value }, c: 2, rows: [{ n: value }] });
  }
  return data;
}

function outcome(run: () => unknown): { value: unknown } | { failed: true } {
  try {
    return { value: run() };
  } catch {
    return { failed: true };
  }
}

function expectParity(rules: unknown[]): void {
  for (const rule of rules) {
    const compiled = compile(rule);
    for (const data of samples()) {
      const expected = outcome(() => jsonLogic.apply(rule as never, data));
      const actual = outcome(() => compiled(data));
      const same = (actual as { value: unknown }).value;
      const reference = (expected as { value: unknown }).value;
      if (JSON.stringify(actual) !== JSON.stringify(expected) || (typeof reference === 'number' && !Object.is(same, reference))) {
        throw new Error(`${JSON.stringify(rule)} on ${JSON.stringify(data)}: ${JSON.stringify(actual)}, json-logic-js ${JSON.stringify(expected)}`);
      }
      expect(outcome(() => evaluate(rule, data))).toEqual(expected);
    }
  }
}

const comparisons = ['==', '===', '!=', '!==', '>', '>=', '<', '<='];
const literals: unknown[] = [600, 0, 2.5, '600', 'high', '', null, true, false];

describe('specialised closures', () => {
  it('compares a variable of one or two steps with a literal, per kind of comparison, as json-logic-js does', () => {
    const rules: unknown[] = [];
    for (const operator of comparisons) {
      for (const literal of literals) {
        rules.push({ [operator]: [{ var: 'a' }, literal] });
        rules.push({ [operator]: [{ var: 'a.b' }, literal] });
        rules.push({ [operator]: [{ var: ['a', 7] }, literal] });
        rules.push({ [operator]: [{ var: ['a.b', 'high'] }, literal] });
      }
    }
    expectParity(rules);
  });

  it('chooses among tiers of one variable as json-logic-js does, for numbers and for anything else', () => {
    const rules: unknown[] = [];
    for (const operator of ['>=', '>', '<', '<=']) {
      rules.push({ if: [{ [operator]: [{ var: 'a' }, 6000000] }, 'P', { [operator]: [{ var: 'a' }, 600] }, 'V', { [operator]: [{ var: 'a' }, 0] }, 'A', 'M'] });
      rules.push({ if: [{ [operator]: [{ var: 'a.b' }, 2.5] }, 30, { [operator]: [{ var: 'a.b' }, 1] }, 20] });
    }
    // A choice by text: equality with texts and membership in literal lists, first match wins.
    rules.push({ if: [{ '==': [{ var: 'a' }, 'high'] }, 'h', { '===': [{ var: 'a' }, 'abc'] }, 'x', { in: [{ var: 'a' }, ['high', '600', 600, '']] }, 'in', 'none'] });
    rules.push({ if: [{ in: [{ var: 'a.b' }, ['2.5', 'abc']] }, 1, { '==': [{ var: 'a.b' }, '0'] }, 2] });
    rules.push({ if: [{ '==': [{ var: 'a' }, 'high'] }, 'h', { '==': [{ var: 'a' }, 600] }, 'n', 'other'] });
    // Mixed kinds or a text bound take the general path.
    rules.push({ if: [{ '>=': [{ var: 'a' }, 600] }, 'x', { '>': [{ var: 'a' }, 0] }, 'y', 'z'] });
    rules.push({ if: [{ '>=': [{ var: 'a' }, '600'] }, 'x', { '>=': [{ var: 'a' }, 0] }, 'y', 'z'] });
    expectParity(rules);
  });

  it('reads literal and variable arguments inline in arithmetic, comparisons of two values, in, cat, substr, merge and missing', () => {
    expectParity([
      { '+': [{ var: 'a' }, { var: 'c' }, 1] },
      { '+': [{ var: 'a.b' }, '2'] },
      { '+': [{ var: 'a' }] },
      { '-': [{ var: 'a' }, { var: 'c' }] },
      { '-': [{ var: 'a.b' }] },
      { '/': [{ var: 'a' }, { var: 'c' }] },
      { '/': [{ var: 'a' }, 850] },
      { '*': [{ var: 'a' }, 0.1] },
      { '*': [3, { var: 'a.b' }] },
      { '*': [{ var: 'a' }, { var: 'c' }] },
      { min: [{ var: 'a' }, 30] },
      { max: [{ var: 'a' }, { var: 'c' }] },
      { '<=': [{ var: 'a' }, { min: [{ '*': [{ var: 'c' }, 60] }, 1000000] }] },
      { '>': [{ var: 'a' }, { var: 'c' }] },
      { '==': [{ '+': [{ var: 'a' }, 1] }, 2] },
      { in: ['a', { var: 'a' }] },
      { in: [1, { var: 'a' }] },
      { in: [{ var: 'c' }, { var: 'a' }] },
      { in: [{ '+': [{ var: 'c' }, 0] }, [1, 2, 600]] },
      { cat: [{ var: 'a' }, '-', { var: 'c' }] },
      { cat: [{ var: 'a.b' }, '-', { if: [{ var: 'c' }, 'x', 'y'] }] },
      { substr: [{ var: 'a' }, 0, 2] },
      { substr: [{ var: 'a.b' }, -2] },
      { merge: [{ var: 'a' }, { var: 'c' }] },
      { missing: ['a', 'a.b', 'rows.0.n', 'c'] },
      { missing_some: [1, ['a', 'a.b']] },
      { missing_some: [2, ['a.b', 'c', 'rows.0.n']] },
      { merge: [{ var: 'a' }, { if: [{ in: [{ var: 'c' }, [1, 2]] }, ['vip'], []] }] },
    ]);
  });

  it('turns a failure while reading or converting data into a RuleError at the operation, also without a wrapper', () => {
    const hostile = { a: { toString: 'not a function', valueOf: 'neither' } };
    for (const rule of [{ cat: [{ var: 'a' }, '-', { var: 'c' }] }, { '*': [{ var: 'a' }, 2] }, { substr: [{ var: 'a' }, 0, 2] }]) {
      let thrown: unknown;
      try {
        compile(rule)(hostile);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(RuleError);
      expect((thrown as RuleError).code).toBe('rule.runtime');
      expect((thrown as RuleError).path).toBe(Object.keys(rule)[0]);
    }
  });

  it('reads a variable compared twice, or a record two of whose fields are compared, once, as json-logic-js reads them', () => {
    const rules: unknown[] = [];
    for (const operator of ['and', 'or']) {
      rules.push({ [operator]: [{ '>=': [{ var: 'a' }, 0] }, { '<': [{ var: 'a' }, 600] }] });
      rules.push({ [operator]: [{ '>=': [{ var: 'a' }, 0] }, { '<': [{ var: 'a' }, 600] }, { '==': [{ var: 'c' }, 2] }] });
      rules.push({ [operator]: [{ '==': [{ var: 'a.b' }, 'high'] }, { '>': [{ var: 'a.b' }, 2] }] });
      rules.push({ [operator]: [{ '==': [{ var: 'a.b' }, 'high'] }, { '>': [{ var: 'a.c' }, 2] }] });
      rules.push({ [operator]: [{ '!=': [{ var: ['a.b', 7] }, 7] }, { in: [{ var: 'a.x' }, [1, 'high']] }] });
      rules.push({ [operator]: [{ '>': [{ var: ['a', 1] }, 0] }, { '>': [{ var: 'a' }, 0] }] });
    }
    expectParity(rules);
  });

  it('runs rules made only of such closures without a wrapper, still raising RuleErrors and returning fresh lists', () => {
    const symbol = { a: Symbol('not comparable'), c: 1 };
    const rules = [
      { or: [{ '==': [{ var: 'c' }, 2] }, { '>': [{ var: 'a' }, { var: 'c' }] }] },
      { and: [{ '!!': { var: 'c' } }, { '<': [{ '-': [{ var: 'a' }, 1] }, 3] }] },
      { if: [{ in: [{ var: 'c' }, [1, 2]] }, { '*': [{ var: 'a' }, 2] }, 0] },
      { '!': { '>=': [{ '+': [{ var: 'a' }, { var: 'c' }] }, 3] } },
    ];
    for (const rule of rules) {
      expect(() => compile(rule)(symbol)).toThrow(RuleError);
      expect(outcome(() => compile(rule)({ a: 2, c: 1 }))).toEqual(outcome(() => jsonLogic.apply(rule as never, { a: 2, c: 1 })));
    }
    const contact = compile({ missing_some: [1, ['mobile', 'email']] });
    const first = contact({ mobile: '138' });
    const second = contact({ mobile: '138' });
    expect(first).toEqual([]);
    expect(first).not.toBe(second);
    expect(contact({ email: '' })).toEqual(['mobile', 'email']);
    expect(compile({ missing_some: [2, ['mobile', 'email']] })({ email: 'a@b.cn' })).toEqual(['mobile']);
  });

  it('sums, counts and tests the rows of a variable read inline, with a literal initial value', () => {
    expectParity([
      { reduce: [{ var: 'rows' }, { '+': [{ var: 'accumulator' }, { var: 'current.n' }] }, 0] },
      { reduce: [{ var: 'rows' }, { '+': [{ var: 'accumulator' }, { var: 'current.n' }] }, '1'] },
      { reduce: [{ var: 'rows' }, { '+': [{ var: 'accumulator' }, 1] }, 0] },
      { reduce: [{ var: 'a' }, { '+': [{ var: 'accumulator' }, { var: 'current' }] }, 0] },
      { some: [{ var: 'rows' }, { '>': [{ var: 'n' }, 1] }] },
      { none: [{ var: 'rows' }, { '==': [{ var: 'n' }, 'high'] }] },
      { all: [{ var: 'rows' }, { '>=': [{ var: 'n' }, 0] }] },
      { filter: [{ var: 'rows' }, { '!=': [{ var: 'n' }, null] }] },
      { map: [{ var: 'a' }, { '*': [{ var: '' }, 2] }] },
    ]);
  });
});

describe('constant folding', () => {
  const folded = (rule: unknown) => constantValueOf(compileRule(rule as never, defaultLimits).evaluate);

  it('computes pure operations on literals once, when compiling', () => {
    expect(folded({ '*': [12, 30] })).toBe(360);
    expect(folded({ '+': [1, '2.5', { '-': [10, 4] }] })).toBe(9.5);
    expect(folded({ '!': [[]] })).toBe(true);
    expect(folded({ substr: ['110101199003077777', 6, 8] })).toBe('19900307');
    expect(folded({ '/': [1, 0] })).toBe(Infinity);
    expect(compile({ '>': [{ '*': [2, 3] }, 5] })()).toBe(true);
  });

  it('never folds what reads the data or the context, nor results that are arrays', () => {
    expect(folded({ '*': [{ var: 'a' }, 30] })).toBe(notConstant);
    expect(folded({ '+': [1, { '-': [{ var: 'a' }, 4] }] })).toBe(notConstant);
    expect(folded({ daysBetween: ['2026-01-01', { today: [] }] })).toBe(notConstant);
    expect(folded({ merge: [[1], [2]] })).toBe(notConstant);
    const days = compile({ daysBetween: ['2026-01-01', { today: [] }] });
    expect(days({}, { now: '2026-01-11T09:00:00+08:00' })).toBe(10);
    expect(days({}, { now: '2026-01-21T09:00:00+08:00' })).toBe(20);
  });

  it('leaves failures for evaluation time, where they are raised with a path', () => {
    const rule = compile({ if: [{ var: 'go' }, { '*': [] }, 1] });
    expect(rule({ go: false })).toBe(1);
    expect(() => rule({ go: true })).toThrow(RuleError);
  });
});

describe('iteration budget', () => {
  const rows = (count: number) => ({ xs: Array.from({ length: count }, (_, index) => index), ys: Array.from({ length: count }, (_, index) => index) });

  it('needs no counting for one iteration outside any per-item rule, which can never pass the budget', () => {
    const rule = compile({ map: [{ var: 'xs' }, { '+': [{ var: '' }, 1] }] }, { limits: { maxArrayLength: 10, maxIterations: 10 } });
    expect(rule(rows(10))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(rule(rows(10))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const error = (() => {
      try {
        rule(rows(11));
      } catch (thrown) {
        return thrown as RuleError;
      }
      throw new Error('expected a RuleError');
    })();
    expect([error.code, error.path]).toEqual(['rule.array_too_large', 'map']);
  });

  it('runs an uncounted iteration as the rule itself, raising RuleErrors at the iteration and ignoring the context', () => {
    const total = compile({ reduce: [{ var: 'rows' }, { '+': [{ var: 'accumulator' }, { var: 'current.n' }] }, 0] });
    const overdue = compile({ some: [{ var: 'rows' }, { '>': [{ var: 'n' }, 30] }] });
    const context = { now: '2026-11-23T09:00:00+08:00' };
    expect(total({ rows: [{ n: 1 }, { n: '2.5' }] }, context)).toBe(3.5);
    expect(overdue({ rows: [{ n: 1 }, { n: 31 }] }, context)).toBe(true);
    for (const [rule, path] of [
      [total, 'reduce'],
      [overdue, 'some'],
    ] as const) {
      let thrown: unknown;
      try {
        rule({ rows: [{ n: Symbol('n') }] }, context);
      } catch (error) {
        thrown = error;
      }
      expect([(thrown as RuleError).code, (thrown as RuleError).path]).toEqual(['rule.runtime', path]);
    }
  });

  it('still counts iterations that together could pass the budget: several, or nested', () => {
    const limits = { maxArrayLength: 10, maxIterations: 15 };
    const two = compile({ and: [{ all: [{ var: 'xs' }, { '>=': [{ var: '' }, 0] }] }, { all: [{ var: 'ys' }, { '>=': [{ var: '' }, 0] }] }] }, { limits });
    expect(two(rows(7))).toBe(true);
    expect(() => two(rows(8))).toThrow(expect.objectContaining({ code: 'rule.too_many_iterations' }));
    const nested = compile({ map: [{ var: 'xs' }, { map: [{ var: 'ys' }, 1] }] }, { limits: { maxArrayLength: 10, maxIterations: 20 } });
    expect(() => nested({ xs: [{ ys: [1, 2, 3] }, { ys: [1, 2, 3] }] })).not.toThrow();
    expect(() => nested({ xs: Array.from({ length: 6 }, () => ({ ys: [1, 2, 3] })) })).toThrow(expect.objectContaining({ code: 'rule.too_many_iterations' }));
  });
});
