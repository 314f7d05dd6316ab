import { RuleError } from '../rule-error';
import { clearCompileCache, compile, compileCacheSize, evaluate } from './compile';

function nested(depth: number): unknown {
  let rule: unknown = { var: 'x' };
  for (let level = 0; level < depth; level++) rule = { '!': [rule] };
  return rule;
}

function errorOf(run: () => unknown): RuleError {
  try {
    run();
  } catch (error) {
    if (error instanceof RuleError) return error;
    throw error;
  }
  throw new Error('expected a RuleError');
}

describe('compile', () => {
  it('returns a reusable function giving the same results as evaluate', () => {
    const rule = { if: [{ '>=': [{ var: 'customer.aum' }, 500000] }, 'VIP', 'MASS'] };
    const tier = compile(rule);
    expect(tier({ customer: { aum: 600000 } })).toBe('VIP');
    expect(tier({ customer: { aum: 100 } })).toBe('MASS');
    expect(evaluate(rule, { customer: { aum: 600000 } })).toBe('VIP');
  });

  it('names the unknown operator and where it sits', () => {
    const error = errorOf(() => compile({ and: [true, { frobnicate: [1] }] }));
    expect(error.code).toBe('operator.unknown');
    expect(error.path).toBe('and[1]');
    expect(error.messages['zh-CN']).toContain('frobnicate');
    expect(error.message).toBe('and[1]: unknown operator "frobnicate" [operator.unknown]');
  });

  it('refuses operator names that exist only on prototypes', () => {
    expect(errorOf(() => compile({ constructor: [] })).code).toBe('operator.unknown');
    expect(errorOf(() => compile({ toString: [] })).code).toBe('operator.unknown');
  });

  it('refuses a rule nested 10,000 levels deep quickly, with a path', () => {
    const error = errorOf(() => compile(nested(10_000)));
    expect(error.code).toBe('rule.too_deep');
    expect(error.path.startsWith('![0].![0].![0]')).toBe(true);
    expect(errorOf(() => evaluate(nested(10_000), {})).code).toBe('rule.too_deep');
  });

  it('accepts rules up to the depth limit and refuses one level more', () => {
    expect(compile(nested(62))({ x: true })).toBe(true);
    expect(errorOf(() => compile(nested(62), { limits: { maxDepth: 10 } })).code).toBe('rule.too_deep');
  });

  it('refuses rules with more nodes than the limit', () => {
    const wide = { and: Array.from({ length: 200 }, () => true) };
    expect(errorOf(() => compile(wide, { limits: { maxNodes: 100 } })).code).toBe('rule.too_large');
  });

  it('never lets var reach __proto__, constructor or prototype', () => {
    expect(errorOf(() => compile({ var: '__proto__' })).code).toBe('var.forbidden');
    expect(errorOf(() => compile({ var: 'a.constructor.prototype' })).path).toBe('var');
    expect(errorOf(() => compile({ var: { cat: ['__pro', 'to__'] } })).code).toBe('var.forbidden');
    const dynamic = compile({ var: { var: 'key' } });
    expect(errorOf(() => dynamic({ key: 'a.__proto__' })).code).toBe('var.forbidden');
    expect(errorOf(() => compile({ missing: ['constructor'] })({})).code).toBe('var.forbidden');
  });

  it('reads only own data properties, never inherited members', () => {
    expect(evaluate({ var: 'toString' }, {})).toBeNull();
    expect(evaluate({ var: 'name.length' }, { name: '张三' })).toBe(2);
    expect(evaluate({ var: 'rows.1' }, { rows: ['a', 'b'] })).toBe('b');
  });

  it('stops iterations that would multiply beyond the budget', () => {
    const square = { map: [{ var: 'xs' }, { map: [{ var: '' }, 1] }] };
    const xs = Array.from({ length: 2000 }, () => Array.from({ length: 2000 }, () => 0));
    const error = errorOf(() => evaluate(square, { xs }));
    expect(error.code).toBe('rule.too_many_iterations');
    expect(error.path).toBe('map[1].map');
  });

  it('stops merges that double an accumulator', () => {
    const doubling = { reduce: [{ var: 'xs' }, { merge: [{ var: 'accumulator' }, { var: 'accumulator' }] }, [1]] };
    const error = errorOf(() => evaluate(doubling, { xs: Array.from({ length: 60 }, () => 0) }));
    expect(error.code).toBe('rule.array_too_large');
    expect(error.path).toBe('reduce[1].merge');
  });

  it('stops string concatenation that doubles an accumulator', () => {
    const doubling = { reduce: [{ var: 'xs' }, { cat: [{ var: 'accumulator' }, { var: 'accumulator' }] }, 'ab'] };
    expect(errorOf(() => evaluate(doubling, { xs: Array.from({ length: 60 }, () => 0) })).code).toBe('rule.string_too_long');
  });

  it('turns a failing standard operation into a RuleError with a path', () => {
    const error = errorOf(() => evaluate({ if: [true, { '*': [] }] }));
    expect(error.code).toBe('rule.runtime');
    expect(error.path).toBe('if[1].*');
  });

  it('turns a failing comparison of data into a RuleError at the comparison, also when it is the whole rule', () => {
    const symbol = { score: Symbol('not a number') };
    const alone = errorOf(() => compile({ '>=': [{ var: 'score' }, 600] })(symbol));
    expect([alone.code, alone.path]).toEqual(['rule.runtime', '>=']);
    const between = errorOf(() => compile({ '<=': [18, { var: 'score' }, 65] })(symbol));
    expect([between.code, between.path]).toEqual(['rule.runtime', '<=']);
    const inAnd = errorOf(() => compile({ and: [{ '>': [{ var: 'score' }, 1] }, { '<': [{ var: 'score' }, 9] }] })(symbol));
    expect([inAnd.code, inAnd.path]).toEqual(['rule.runtime', 'and']);
    const tiers = errorOf(() => compile({ if: [{ '>=': [{ var: 'score' }, 90] }, 'A', { '>=': [{ var: 'score' }, 60] }, 'B', 'C'] })(symbol));
    expect([tiers.code, tiers.path]).toEqual(['rule.runtime', 'if']);
  });

  it('counts iterations per evaluation, also when a log callback evaluates the same rule meanwhile', () => {
    const rule = compile({ map: [{ var: 'xs' }, { log: { var: '' } }] }, { limits: { maxIterations: 5 } });
    const nestedResults: unknown[] = [];
    const context = {
      log: (value: unknown) => {
        // Four items inside, four outside: each evaluation stays within its own budget of five.
        if (value === 1) nestedResults.push(rule({ xs: [10, 20, 30, 40] }, {}));
      },
    };
    expect(rule({ xs: [1, 2, 3, 4] }, context)).toEqual([1, 2, 3, 4]);
    expect(nestedResults).toEqual([[10, 20, 30, 40]]);
    expect(errorOf(() => rule({ xs: [1, 2, 3, 4, 5, 6] }, context)).code).toBe('rule.too_many_iterations');
    expect(rule({ xs: [5] })).toEqual([5]);
  });

  it('refuses rules that refer to themselves', () => {
    const rule: Record<string, unknown[]> = { and: [] };
    rule.and!.push(rule);
    expect(errorOf(() => evaluate(rule, {})).code).toBe('rule.not_json');
    expect(errorOf(() => compile(rule)).code).toBe('rule.too_deep');
  });

  it('keeps a bounded cache of compiled rules for evaluate', () => {
    clearCompileCache();
    for (let index = 0; index < 1500; index++) evaluate({ '+': [index, { var: 'x' }] }, { x: 1 });
    expect(compileCacheSize()).toBe(1000);
    expect(evaluate({ '+': [1499, { var: 'x' }] }, { x: 1 })).toBe(1500);
  });

  it('gives log values to the context instead of printing them', () => {
    const seen: unknown[] = [];
    expect(evaluate({ log: { var: 'x' } }, { x: 42 }, { log: (value) => seen.push(value) })).toBe(42);
    expect(seen).toEqual([42]);
  });
});
