import { asRuleError } from '../rule-error';
import { markStandalone } from '../compiler/evaluator-registry';
import { dataOperandValue as dataOperandValueImport, operandOf, operandValue as operandValueImport, readsOnlyData, standaloneOverOperands, type Operand } from './operand';
import { notConstant, type CompileScope, type Evaluator, type Operation } from './operation';

/* Bound to a module constant once: loaders that turn ES imports into CommonJS getters would
 * otherwise run a getter per call. */
const operandValue = operandValueImport;
const dataOperandValue = dataOperandValueImport;

/* The standard arithmetic keeps json-logic-js's JavaScript numbers, coercions included (`+` parses
 * strings with parseFloat). Amounts of money use the `money…` operations instead. */

/** parseFloat, without its detour through text for what is already a number (-0 still reads as 0). */
const toFloat = (value: unknown): number => (typeof value === 'number' ? (value === 0 ? 0 : value) : parseFloat(value as string));

/** A literal that reads the same on every evaluation (no object whose conversion could run code). */
const isPrimitive = (value: unknown): boolean => value === null || (typeof value !== 'object' && typeof value !== 'function');

/**
 * `*` of two factors, the usual form (`amount × rate`): no argument array, and a literal factor
 * converted once. Conversions can still throw on exotic data (a Symbol), hence the guard.
 */
function compileProduct(factors: readonly Evaluator[], scope: CompileScope): Evaluator {
  if (factors.length !== 2) return scope.compileCall(factors);
  const [left, right] = factors as [Evaluator, Evaluator];
  const leftLiteral = scope.constantValue(left);
  const rightLiteral = scope.constantValue(right);
  if (leftLiteral !== notConstant && rightLiteral !== notConstant) return scope.compileCall(factors);
  const path = scope.path;
  if (rightLiteral !== notConstant && isPrimitive(rightLiteral)) {
    const factor = toFloat(rightLiteral);
    const operand = operandOf(left);
    if (readsOnlyData(operand)) {
      // `{"*": [{"var": "amount"}, 0.1]}` reads nothing but its data: a rule of its own, without a wrapper.
      return markStandalone((data) => {
        try {
          return toFloat(dataOperandValue(operand, data)) * factor;
        } catch (error) {
          throw asRuleError(error, path);
        }
      });
    }
    return standaloneOverOperands((data, runtime) => {
      try {
        return toFloat(operandValue(operand, data, runtime)) * factor;
      } catch (error) {
        throw asRuleError(error, path);
      }
    }, [operand]);
  }
  if (leftLiteral !== notConstant && isPrimitive(leftLiteral)) {
    const factor = toFloat(leftLiteral);
    const operand = operandOf(right);
    return standaloneOverOperands((data, runtime) => {
      try {
        return factor * toFloat(operandValue(operand, data, runtime));
      } catch (error) {
        throw asRuleError(error, path);
      }
    }, [operand]);
  }
  const a = operandOf(left);
  const b = operandOf(right);
  return standaloneOverOperands((data, runtime) => {
    try {
      return toFloat(operandValue(a, data, runtime)) * toFloat(operandValue(b, data, runtime));
    } catch (error) {
      throw asRuleError(error, path);
    }
  }, [a, b]);
}

/** `min` / `max` of two values (a cap such as `min(income × 60, 1000000)`) without spreading an array. */
function compileExtreme(pick: (a: unknown, b: unknown) => number) {
  return (args: readonly unknown[], scope: CompileScope): Evaluator => {
    const values = args.map((_, index) => scope.compileArgument(index));
    if (values.length !== 2) return scope.compileCall(values);
    const [first, second] = values as [Evaluator, Evaluator];
    const firstLiteral = scope.constantValue(first);
    const secondLiteral = scope.constantValue(second);
    if (firstLiteral !== notConstant && secondLiteral !== notConstant) return scope.compileCall(values);
    const path = scope.path;
    const a = operandOf(first);
    if (secondLiteral !== notConstant) {
      return standaloneOverOperands((data, runtime) => {
        try {
          return pick(operandValue(a, data, runtime), secondLiteral);
        } catch (error) {
          throw asRuleError(error, path);
        }
      }, [a]);
    }
    const b = operandOf(second);
    return standaloneOverOperands((data, runtime) => {
      try {
        return pick(operandValue(a, data, runtime), operandValue(b, data, runtime));
      } catch (error) {
        throw asRuleError(error, path);
      }
    }, [a, b]);
  };
}

const smaller = (a: unknown, b: unknown): number => Math.min(a as number, b as number);
const larger = (a: unknown, b: unknown): number => Math.max(a as number, b as number);

const numeric = ['number', 'integer', 'string', 'any'] as const;
const numberSignature = { accepts: [numeric], returns: 'number' } as const;

export const arithmeticOperations: readonly Operation[] = [
  {
    name: '+',
    category: 'arithmetic',
    summary: 'Sum of the arguments, each read with parseFloat; with one argument, converts it to a number.',
    examples: [
      { rule: { '+': [1, '2.5', { var: 'bonus' }] }, data: { bonus: 3 }, result: 6.5 },
      { rule: { '+': '42' }, result: 42 },
    ],
    pure: true,
    compile(args, scope) {
      const terms = args.map((_, index) => scope.compileArgument(index));
      const count = terms.length;
      if (count === 0) return () => 0;
      const operands = terms.map(operandOf);
      if (count === 1) {
        const only = operands[0]!;
        return (data, runtime) => 0 + toFloat(operandValue(only, data, runtime));
      }
      if (count === 2) {
        const [a, b] = operands as [Operand, Operand];
        const path = scope.path;
        return standaloneOverOperands((data, runtime) => {
          try {
            return 0 + toFloat(operandValue(a, data, runtime)) + toFloat(operandValue(b, data, runtime));
          } catch (error) {
            throw asRuleError(error, path);
          }
        }, operands);
      }
      if (count === 3) {
        const [a, b, c] = operands as [Operand, Operand, Operand];
        const path = scope.path;
        return standaloneOverOperands((data, runtime) => {
          try {
            return 0 + toFloat(operandValue(a, data, runtime)) + toFloat(operandValue(b, data, runtime)) + toFloat(operandValue(c, data, runtime));
          } catch (error) {
            throw asRuleError(error, path);
          }
        }, operands);
      }
      return (data, runtime) => {
        let sum = 0;
        for (let index = 0; index < count; index++) sum = toFloat(sum) + toFloat(terms[index]!(data, runtime));
        return sum;
      };
    },
    signature: numberSignature,
  },
  {
    name: '-',
    category: 'arithmetic',
    summary: 'Difference of two arguments, or the negation of one.',
    examples: [
      { rule: { '-': [10, 4] }, result: 6 },
      { rule: { '-': 3 }, result: -3 },
    ],
    pure: true,
    compile(args, scope) {
      const left = scope.compileArgument(0);
      const right = scope.compileArgument(1);
      const rest = args.slice(2).map((_, index) => scope.compileArgument(index + 2));
      if (rest.length === 0) {
        const l = operandOf(left);
        const r = operandOf(right);
        const path = scope.path;
        return standaloneOverOperands((data, runtime) => {
          try {
            const a = operandValue(l, data, runtime) as number;
            const b = operandValue(r, data, runtime) as number;
            return b === undefined ? -a : a - b;
          } catch (error) {
            throw asRuleError(error, path);
          }
        }, [l, r]);
      }
      return (data, runtime) => {
        const a = left(data, runtime) as number;
        const b = right(data, runtime) as number;
        for (const term of rest) term(data, runtime);
        return b === undefined ? -a : a - b;
      };
    },
    signature: numberSignature,
  },
  {
    name: '*',
    category: 'arithmetic',
    summary: 'Product of the arguments, each read with parseFloat (a single argument is returned as is).',
    examples: [{ rule: { '*': [2, '3', 4] }, result: 24 }],
    pure: true,
    call(values) {
      if (values.length === 0) throw new TypeError('"*" needs at least one argument');
      let product = values[0];
      for (let index = 1; index < values.length; index++) product = toFloat(product) * toFloat(values[index]);
      return product;
    },
    compile: (args, scope) =>
      compileProduct(
        args.map((_, index) => scope.compileArgument(index)),
        scope,
      ),
    signature: numberSignature,
  },
  {
    name: '/',
    category: 'arithmetic',
    summary: 'Quotient of two arguments (JavaScript division: dividing by zero gives Infinity).',
    examples: [{ rule: { '/': [{ var: 'debt' }, { var: 'income' }] }, data: { debt: 30, income: 120 }, result: 0.25 }],
    pure: true,
    compile(args, scope) {
      const left = scope.compileArgument(0);
      const right = scope.compileArgument(1);
      const rest = args.slice(2).map((_, index) => scope.compileArgument(index + 2));
      if (rest.length === 0) {
        const l = operandOf(left);
        const r = operandOf(right);
        const path = scope.path;
        return standaloneOverOperands((data, runtime) => {
          try {
            return (operandValue(l, data, runtime) as number) / (operandValue(r, data, runtime) as number);
          } catch (error) {
            throw asRuleError(error, path);
          }
        }, [l, r]);
      }
      return (data, runtime) => {
        const a = left(data, runtime) as number;
        const b = right(data, runtime) as number;
        for (const term of rest) term(data, runtime);
        return a / b;
      };
    },
    signature: numberSignature,
  },
  {
    name: '%',
    category: 'arithmetic',
    summary: 'Remainder of two arguments.',
    examples: [{ rule: { '%': [10, 3] }, result: 1 }],
    pure: true,
    call: (values) => (values[0] as number) % (values[1] as number),
    signature: numberSignature,
  },
  {
    name: 'min',
    category: 'arithmetic',
    summary: 'Smallest argument (Math.min; no arguments gives Infinity).',
    examples: [{ rule: { min: [3, 1, 2] }, result: 1 }],
    pure: true,
    call: (values) => Math.min(...(values as number[])),
    compile: compileExtreme(smaller),
    signature: numberSignature,
  },
  {
    name: 'max',
    category: 'arithmetic',
    summary: 'Largest argument (Math.max; no arguments gives -Infinity).',
    examples: [{ rule: { max: [3, 1, 2] }, result: 3 }],
    pure: true,
    call: (values) => Math.max(...(values as number[])),
    compile: compileExtreme(larger),
    signature: numberSignature,
  },
];
