import type { CompileScope, Evaluator, Operation } from './operation';

type Compare = (left: unknown, right: unknown) => boolean;

/**
 * Two-operand comparisons with JavaScript's own coercions, as json-logic-js does them.
 * Further arguments are evaluated (as json-logic-js does) and ignored.
 */
function compileBinary(compare: Compare) {
  return (args: readonly unknown[], scope: CompileScope): Evaluator => {
    const operands = args.map((_, index) => scope.compileArgument(index));
    const left = operands[0] ?? (() => undefined);
    const right = operands[1] ?? (() => undefined);
    if (operands.length <= 2) return (data, runtime) => compare(left(data, runtime), right(data, runtime));
    const rest = operands.slice(2);
    return (data, runtime) => {
      const result = compare(left(data, runtime), right(data, runtime));
      for (const operand of rest) operand(data, runtime);
      return result;
    };
  };
}

/** `<` and `<=` also take three operands: `a < b < c`, the "between" test. */
function compileChained(compare: Compare) {
  return (args: readonly unknown[], scope: CompileScope): Evaluator => {
    const operands = args.map((_, index) => scope.compileArgument(index));
    if (operands.length <= 2) return compileBinary(compare)(args, scope);
    const [low, middle, high] = operands as [Evaluator, Evaluator, Evaluator];
    const rest = operands.slice(3);
    return (data, runtime) => {
      const a = low(data, runtime);
      const b = middle(data, runtime);
      const c = high(data, runtime);
      for (const operand of rest) operand(data, runtime);
      return c === undefined ? compare(a, b) : compare(a, b) && compare(b, c);
    };
  };
}

const looseEqual: Compare = (a, b) => a == b;
const looseNotEqual: Compare = (a, b) => a != b;
const lessThan: Compare = (a, b) => (a as number) < (b as number);
const lessOrEqual: Compare = (a, b) => (a as number) <= (b as number);

const comparable = ['number', 'integer', 'money', 'string', 'date', 'datetime', 'time', 'any'] as const;
const signature = { returns: 'boolean' } as const;
const orderedSignature = { returns: 'boolean', accepts: [comparable] } as const;

export const comparisonOperations: readonly Operation[] = [
  {
    name: '==',
    category: 'comparison',
    summary: 'Loose equality (JavaScript `==`): `1 == "1"` is true.',
    examples: [{ rule: { '==': [1, '1'] }, result: true }],
    compile: compileBinary(looseEqual),
    signature,
  },
  {
    name: '===',
    category: 'comparison',
    summary: 'Strict equality: same type and value.',
    examples: [{ rule: { '===': [1, '1'] }, result: false }],
    compile: compileBinary((a, b) => a === b),
    signature,
  },
  {
    name: '!=',
    category: 'comparison',
    summary: 'Loose inequality (JavaScript `!=`).',
    examples: [{ rule: { '!=': [{ var: 'segment' }, 'VIP'] }, data: { segment: 'PB' }, result: true }],
    compile: compileBinary(looseNotEqual),
    signature,
  },
  {
    name: '!==',
    category: 'comparison',
    summary: 'Strict inequality.',
    examples: [{ rule: { '!==': [1, '1'] }, result: true }],
    compile: compileBinary((a, b) => a !== b),
    signature,
  },
  {
    name: '>',
    category: 'comparison',
    summary: 'Greater than, with JavaScript coercion (numeric strings compare as numbers against numbers).',
    examples: [{ rule: { '>': [{ var: 'age' }, 18] }, data: { age: 30 }, result: true }],
    compile: compileBinary((a, b) => (a as number) > (b as number)),
    signature: orderedSignature,
  },
  {
    name: '>=',
    category: 'comparison',
    summary: 'Greater than or equal.',
    examples: [{ rule: { '>=': [{ var: 'score' }, 700] }, data: { score: 700 }, result: true }],
    compile: compileBinary((a, b) => (a as number) >= (b as number)),
    signature: orderedSignature,
  },
  {
    name: '<',
    category: 'comparison',
    summary: 'Less than; with three operands, strictly between: `a < b < c`.',
    examples: [{ rule: { '<': [18, { var: 'age' }, 60] }, data: { age: 35 }, result: true }],
    compile: compileChained(lessThan),
    signature: orderedSignature,
  },
  {
    name: '<=',
    category: 'comparison',
    summary: 'Less than or equal; with three operands, between inclusive: `a <= b <= c`.',
    examples: [{ rule: { '<=': [18, { var: 'age' }, 60] }, data: { age: 60 }, result: true }],
    compile: compileChained(lessOrEqual),
    signature: orderedSignature,
  },
];
