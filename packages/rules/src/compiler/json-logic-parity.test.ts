import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { compile, evaluate } from './compile';

/* json-logic-js 2.x is the reference for every standard operation: generated rules over generated
 * data must give the same value, or both must fail. */

const keys = ['a', 'b', 'c', 'n', 'list', 'a.b', 'list.0', 'missing', ''];

const scalar = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.double({ min: -100, max: 100, noNaN: true }),
  fc.constantFrom('', '0', '1', '2.5', 'abc', 'a', 'b', 'ab', '-1', ' 3 '),
  fc.boolean(),
  fc.constant(null),
);

const dataArbitrary = fc.record(
  {
    a: fc.oneof(scalar, fc.record({ b: scalar })),
    b: scalar,
    c: scalar,
    n: fc.integer({ min: -3, max: 10 }),
    list: fc.array(scalar, { maxLength: 5 }),
    rows: fc.array(fc.record({ qty: fc.integer({ min: 0, max: 5 }), name: fc.constantFrom('x', 'y', '') }), { maxLength: 4 }),
  },
  { requiredKeys: [] },
);

const binary = ['==', '===', '!=', '!==', '>', '>=', '<', '<=', '+', '-', '*', '/', '%', 'in', 'cat', 'min', 'max', 'merge', 'substr'];
const variadic = ['and', 'or', 'if', '?:', '+', '*', 'cat', 'min', 'max', 'merge', 'missing', '<', '<='];
const unary = ['!', '!!', '-', '+', 'var', 'missing'];
const scopedOps = ['map', 'filter', 'all', 'some', 'none'];

const { rule: ruleArbitrary } = fc.letrec<{ rule: unknown; itemRule: unknown }>((tie) => ({
  rule: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.record({ var: fc.constantFrom(...keys) }),
    fc.record({ var: fc.tuple(fc.constantFrom(...keys), scalar) }),
    fc.constantFrom(...unary).chain((op) => tie('rule').map((arg) => ({ [op]: arg }))),
    fc.constantFrom(...binary).chain((op) => fc.tuple(tie('rule'), tie('rule')).map((args) => ({ [op]: args }))),
    fc.constantFrom(...variadic).chain((op) => fc.array(tie('rule'), { maxLength: 4 }).map((args) => ({ [op]: args }))),
    fc.constantFrom(...scopedOps).chain((op) =>
      fc.tuple(fc.constantFrom({ var: 'list' }, { var: 'rows' }, { var: 'b' }), tie('itemRule')).map((args) => ({ [op]: args })),
    ),
    fc.tuple(fc.constantFrom({ var: 'list' }, { var: 'rows' }), tie('itemRule'), scalar).map((args) => ({ reduce: args })),
    fc.tuple(fc.integer({ min: 0, max: 3 }), fc.array(fc.constantFrom(...keys), { maxLength: 3 })).map((args) => ({ missing_some: args })),
    fc.tuple(tie('rule'), fc.integer({ min: -4, max: 4 }), fc.integer({ min: -4, max: 4 })).map((args) => ({ substr: args })),
    fc.array(tie('rule'), { maxLength: 3 }),
  ),
  itemRule: fc.oneof(
    fc.record({ var: fc.constantFrom('', 'qty', 'name', 'current', 'accumulator', 'current.qty') }),
    fc.constantFrom('==', '>', '+', '*', 'cat', 'and', 'or').chain((op) =>
      fc.tuple(tie('itemRule'), fc.oneof(scalar, tie('itemRule'))).map((args) => ({ [op]: args })),
    ),
    scalar,
  ),
}));

function outcome(run: () => unknown): { value: unknown } | { failed: true } {
  try {
    return { value: run() };
  } catch {
    return { failed: true };
  }
}

describe('parity with json-logic-js', () => {
  it('gives the same result as json-logic-js for thousands of generated rules and data', () => {
    fc.assert(
      fc.property(ruleArbitrary, dataArbitrary, (rule, data) => {
        const expected = outcome(() => jsonLogic.apply(rule as never, data));
        expect(outcome(() => evaluate(rule, data))).toEqual(expected);
        expect(outcome(() => compile(rule)(data))).toEqual(expected);
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees on the json-logic reference examples', () => {
    const cases: [unknown, unknown][] = [
      [{ '==': [1, 1] }, undefined],
      [{ and: [true, 0] }, undefined],
      [{ if: [false, 1] }, undefined],
      [{ if: [] }, undefined],
      [{ '*': ['3'] }, undefined],
      [{ '+': [] }, undefined],
      [{ min: [] }, undefined],
      [{ var: 'a.b.c' }, { a: { b: { c: 0 } } }],
      [{ var: ['x', 'fallback'] }, { x: null }],
      [{ var: 1 }, ['zero', 'one']],
      [{ var: '' }, 7],
      [{ missing: [['a', 'b'], 'c'] }, { a: 1 }],
      [{ missing_some: [2, ['a', 'b', 'c']] }, { a: 1, c: '' }],
      [{ substr: ['jsonlogic', 1, -2] }, undefined],
      [{ cat: [null, 'a', [1, 2], true] }, undefined],
      [{ in: [null, 'null'] }, undefined],
      [{ reduce: [{ var: 'x' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }] }, { x: [1, 2] }],
      [{ map: [{ var: 'x' }] }, { x: [1, 2] }],
      [{ all: [[], true] }, undefined],
      [{ none: [[], true] }, undefined],
      [{ '<': [1, 2, null] }, undefined],
      [{ '-': [5, null] }, undefined],
      [{ a: 1, b: 2 }, undefined],
      [{}, undefined],
    ];
    // The shapes the compiler specialises, on data that is present, absent, null or of another type.
    const specialised: unknown[] = [
      { reduce: [{ var: 'x' }, { '+': [{ var: 'accumulator' }, 1] }, 0] },
      { reduce: [{ var: 'x' }, { '+': [2.5, { var: 'accumulator' }] }] },
      { reduce: [{ var: 'x' }, { '+': [{ var: 'accumulator' }, 1] }, 'abc'] },
      { '*': [{ var: 'x' }, 0.1] },
      { '*': ['3', { var: 'x' }] },
      { min: [{ var: 'x' }, 10] },
      { max: [{ var: 'x' }, { var: 'y' }] },
      { substr: [{ var: 'x' }, 1, -1] },
      { substr: [{ var: 'x' }, -2] },
      { in: ['b', { var: 'x' }] },
      { in: [{ var: 'x.0' }, ['a', 1, true]] },
      { '<=': [1, { var: 'x' }, 3] },
      { '<': [1, { var: 'y.z' }, 3] },
      { if: [{ '==': [{ var: 'x' }, 1] }, 'one', { in: [{ var: 'x' }, [2, 3]] }, 'few', { '>': [{ var: 'x' }, 3] }, 'many', 'none'] },
      { if: [{ '>=': [{ var: 'x' }, 2] }, 'big', 'small'] },
      { '!': { '>': [{ var: 'x' }, 1] } },
      { cat: [{ var: 'x' }, '-', { var: 'y' }, null] },
      { and: [{ '>': [{ var: 'x' }, 0] }, { '!=': [{ var: 'y.z' }, 'q'] }] },
      { or: [{ '==': [{ var: 'x' }, 'a'] }, { '===': [{ var: 'y' }, null] }, { '<': [{ var: 'x' }, 2] }] },
    ];
    const samples: unknown[] = [undefined, null, {}, { x: 2, y: { z: 'q' } }, { x: '2', y: 5 }, { x: 'abc', y: null }, { x: [1, 2, 3], y: [] }, { x: true }, { x: 4.5, y: { z: 0 } }];
    for (const rule of specialised) for (const data of samples) cases.push([rule, data]);
    for (const [rule, data] of cases) {
      expect(evaluate(rule, data)).toEqual(jsonLogic.apply(rule as never, data));
    }
  });
});
