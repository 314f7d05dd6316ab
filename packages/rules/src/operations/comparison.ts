import { markStandalone, variableOf } from '../compiler/evaluator-registry';
import { asRuleError } from '../rule-error';
import { notConstant, type CompileScope, type Evaluator, type Operation } from './operation';

/*
 * Comparisons with JavaScript's own coercions, as json-logic-js does them. They are the most
 * frequent operations, so their closures are specialised: a comparison of a variable with a
 * literal (`{ ">=": [{ "var": "aum" }, 500000] }`) reads the variable and compares in one closure.
 */

export const enum Comparison {
  LooseEqual,
  StrictEqual,
  LooseNotEqual,
  StrictNotEqual,
  Greater,
  GreaterOrEqual,
  Less,
  LessOrEqual,
  /** Membership in a literal list held as a Set (`in` with a literal array); not a json-logic operator. */
  Member,
}

/*
 * Every comparison in every rule runs through these few operator sites, so V8's type feedback
 * for them would soon cover every type and fall back to its generic comparison. The common cases
 * — operands of one type, two numbers — get sites of their own that only ever see that case:
 * for operands of one type `==` is `===` (the language defines it so), and numbers compare as
 * machine floats. Anything else takes the generic operator, with JavaScript's coercions.
 */
export function compare(kind: Comparison, a: unknown, b: unknown): boolean {
  switch (kind) {
    case Comparison.LooseEqual:
      return typeof a === typeof b ? a === b : a == b;
    case Comparison.StrictEqual:
      return a === b;
    case Comparison.LooseNotEqual:
      return typeof a === typeof b ? a !== b : a != b;
    case Comparison.StrictNotEqual:
      return a !== b;
    case Comparison.Greater:
      return typeof a === 'number' && typeof b === 'number' ? a > b : (a as number) > (b as number);
    case Comparison.GreaterOrEqual:
      return typeof a === 'number' && typeof b === 'number' ? a >= b : (a as number) >= (b as number);
    case Comparison.Less:
      return typeof a === 'number' && typeof b === 'number' ? a < b : (a as number) < (b as number);
    case Comparison.LessOrEqual:
      return typeof a === 'number' && typeof b === 'number' ? a <= b : (a as number) <= (b as number);
    case Comparison.Member:
      return (b as ReadonlySet<unknown>).has(a);
  }
}

/** A comparison of a variable with a literal, which `and`/`or` may run without calling its closure. */
export interface FusedComparison {
  kind: Comparison;
  outer: string;
  /** The second step of a two-step path, or null. */
  inner: string | null;
  notFound: unknown;
  literal: unknown;
}

const fusedComparisons = new WeakMap<Evaluator, FusedComparison>();

export function fusedComparisonOf(evaluator: Evaluator): FusedComparison | undefined {
  return fusedComparisons.get(evaluator);
}

/** Reads a literal one- or two-step variable path inline; undefined when the path is longer. */
export function fusedVariableComparison(kind: Comparison, variable: Evaluator, literal: unknown, path: string): Evaluator | undefined {
  const found = variableOf(variable);
  if (!found || found.segments.length > 2) return undefined;
  const evaluator = markStandalone(fusedClosure(kind, found.segments, found.notFound, literal, path));
  fusedComparisons.set(evaluator, { kind, outer: found.segments[0]!, inner: found.segments[1] ?? null, notFound: found.notFound, literal });
  return evaluator;
}

function fusedClosure(kind: Comparison, segments: readonly string[], notFound: unknown, literal: unknown, path: string): Evaluator {
  if (segments.length === 1) {
    const key = segments[0]!;
    return (data) => {
      let value = notFound;
      try {
        if (data !== null && data !== undefined) {
          const read = (data as Record<string, unknown>)[key];
          if (read !== undefined && typeof read !== 'function') value = read;
        }
        return compare(kind, value, literal);
      } catch (error) {
        throw asRuleError(error, path);
      }
    };
  }
  const [outer, inner] = segments as [string, string];
  return (data) => {
    let value = notFound;
    try {
      if (data !== null && data !== undefined) {
        const holder = (data as Record<string, unknown>)[outer];
        if (holder !== null && holder !== undefined && typeof holder !== 'function') {
          const read = (holder as Record<string, unknown>)[inner];
          if (read !== undefined && typeof read !== 'function') value = read;
        }
      }
      return compare(kind, value, literal);
    } catch (error) {
      throw asRuleError(error, path);
    }
  };
}

/** The variable a fused comparison reads, as its closure reads it. */
export function readFused(fused: FusedComparison, data: unknown): unknown {
  let value = fused.notFound;
  if (data !== null && data !== undefined) {
    const holder = (data as Record<string, unknown>)[fused.outer];
    if (fused.inner === null) {
      if (holder !== undefined && typeof holder !== 'function') value = holder;
    } else if (holder !== null && holder !== undefined && typeof holder !== 'function') {
      const read = (holder as Record<string, unknown>)[fused.inner];
      if (read !== undefined && typeof read !== 'function') value = read;
    }
  }
  return value;
}

/** Runs a fused comparison without its closure (for `and`/`or`, which call it in a loop). */
export function runFusedComparison(fused: FusedComparison, data: unknown): boolean {
  return compare(fused.kind, readFused(fused, data), fused.literal);
}

/** Two operands; further arguments are evaluated (as json-logic-js does) and ignored. */
function compileBinary(kind: Comparison) {
  return (args: readonly unknown[], scope: CompileScope): Evaluator => {
    const operands = args.map((_, index) => scope.compileArgument(index));
    const left = operands[0] ?? (() => undefined);
    const right = operands[1] ?? (() => undefined);
    if (operands.length > 2) {
      const rest = operands.slice(2);
      return (data, runtime) => {
        const result = compare(kind, left(data, runtime), right(data, runtime));
        for (const operand of rest) operand(data, runtime);
        return result;
      };
    }
    const literal = scope.constantValue(right);
    if (literal !== notConstant) {
      return fusedVariableComparison(kind, left, literal, scope.path) ?? ((data, runtime) => compare(kind, left(data, runtime), literal));
    }
    return (data, runtime) => compare(kind, left(data, runtime), right(data, runtime));
  };
}

/** `<` and `<=` also take three operands: `a < b < c`, the "between" test. */
function compileChained(kind: Comparison) {
  return (args: readonly unknown[], scope: CompileScope): Evaluator => {
    if (args.length <= 2) return compileBinary(kind)(args, scope);
    const operands = args.map((_, index) => scope.compileArgument(index));
    const [low, middle, high] = operands as [Evaluator, Evaluator, Evaluator];
    const rest = operands.slice(3);
    const lowLiteral = scope.constantValue(low);
    const highLiteral = scope.constantValue(high);
    const variable = variableOf(middle);
    if (rest.length === 0 && lowLiteral !== notConstant && highLiteral !== undefined && highLiteral !== notConstant && variable && variable.segments.length <= 2) {
      // `{"<=": [18, {"var": "age"}, 65]}`: one read between two literals.
      const read: FusedComparison = { kind, outer: variable.segments[0]!, inner: variable.segments[1] ?? null, notFound: variable.notFound, literal: undefined };
      const path = scope.path;
      return markStandalone((data) => {
        try {
          const value = readFused(read, data);
          return compare(kind, lowLiteral, value) && compare(kind, value, highLiteral);
        } catch (error) {
          throw asRuleError(error, path);
        }
      });
    }
    return (data, runtime) => {
      const a = low(data, runtime);
      const b = middle(data, runtime);
      const c = high(data, runtime);
      for (const operand of rest) operand(data, runtime);
      return c === undefined ? compare(kind, a, b) : compare(kind, a, b) && compare(kind, b, c);
    };
  };
}

const comparable = ['number', 'integer', 'money', 'string', 'date', 'datetime', 'time', 'any'] as const;
const signature = { returns: 'boolean' } as const;
const orderedSignature = { returns: 'boolean', accepts: [comparable] } as const;

export const comparisonOperations: readonly Operation[] = [
  {
    name: '==',
    category: 'comparison',
    summary: 'Loose equality (JavaScript `==`): `1 == "1"` is true.',
    examples: [{ rule: { '==': [1, '1'] }, result: true }],
    compile: compileBinary(Comparison.LooseEqual),
    signature,
  },
  {
    name: '===',
    category: 'comparison',
    summary: 'Strict equality: same type and value.',
    examples: [{ rule: { '===': [1, '1'] }, result: false }],
    compile: compileBinary(Comparison.StrictEqual),
    signature,
  },
  {
    name: '!=',
    category: 'comparison',
    summary: 'Loose inequality (JavaScript `!=`).',
    examples: [{ rule: { '!=': [{ var: 'segment' }, 'VIP'] }, data: { segment: 'PB' }, result: true }],
    compile: compileBinary(Comparison.LooseNotEqual),
    signature,
  },
  {
    name: '!==',
    category: 'comparison',
    summary: 'Strict inequality.',
    examples: [{ rule: { '!==': [1, '1'] }, result: true }],
    compile: compileBinary(Comparison.StrictNotEqual),
    signature,
  },
  {
    name: '>',
    category: 'comparison',
    summary: 'Greater than, with JavaScript coercion (numeric strings compare as numbers against numbers).',
    examples: [{ rule: { '>': [{ var: 'age' }, 18] }, data: { age: 30 }, result: true }],
    compile: compileBinary(Comparison.Greater),
    signature: orderedSignature,
  },
  {
    name: '>=',
    category: 'comparison',
    summary: 'Greater than or equal.',
    examples: [{ rule: { '>=': [{ var: 'score' }, 700] }, data: { score: 700 }, result: true }],
    compile: compileBinary(Comparison.GreaterOrEqual),
    signature: orderedSignature,
  },
  {
    name: '<',
    category: 'comparison',
    summary: 'Less than; with three operands, strictly between: `a < b < c`.',
    examples: [{ rule: { '<': [18, { var: 'age' }, 60] }, data: { age: 35 }, result: true }],
    compile: compileChained(Comparison.Less),
    signature: orderedSignature,
  },
  {
    name: '<=',
    category: 'comparison',
    summary: 'Less than or equal; with three operands, between inclusive: `a <= b <= c`.',
    examples: [{ rule: { '<=': [18, { var: 'age' }, 60] }, data: { age: 60 }, result: true }],
    compile: compileChained(Comparison.LessOrEqual),
    signature: orderedSignature,
  },
];
