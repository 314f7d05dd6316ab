import { markStandalone, variableOf } from '../compiler/evaluator-registry';
import { asRuleError } from '../rule-error';
import { operandOf, operandValue as operandValueImport, standaloneOverOperands } from './operand';
import { notConstant, type CompileScope, type Evaluator, type Operation } from './operation';

/* Bound to a module constant once: loaders that turn ES imports into CommonJS getters would
 * otherwise run a getter per call. */
const operandValue = operandValueImport;

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

/*
 * The fused closures are written out per comparison: closures made by one function share their
 * machine code and its type feedback, so one closure for every kind of comparison would branch on
 * the kind at every evaluation and see every type of operand. A closure per kind keeps each site
 * to the comparison and the operand types it actually meets.
 */
/** Reads `data[key]` as compiled `var` does: absent, undefined or inherited (a function) give `notFound`. */
function readOne(data: unknown, key: string, notFound: unknown): unknown {
  if (data === null || data === undefined) return notFound;
  const value = (data as Record<string, unknown>)[key];
  return value === undefined || typeof value === 'function' ? notFound : value;
}

/** Reads `data[outer][inner]` as compiled `var` does. */
function readTwo(data: unknown, outer: string, inner: string, notFound: unknown): unknown {
  if (data === null || data === undefined) return notFound;
  const holder = (data as Record<string, unknown>)[outer];
  if (holder === null || holder === undefined || typeof holder === 'function') return notFound;
  const value = (holder as Record<string, unknown>)[inner];
  return value === undefined || typeof value === 'function' ? notFound : value;
}

function fusedClosure(kind: Comparison, segments: readonly string[], notFound: unknown, literal: unknown, path: string): Evaluator {
  const one = segments.length === 1;
  const key = segments[0]!;
  const inner = segments[1]!;
  const numeric = typeof literal === 'number';
  switch (kind) {
    case Comparison.LooseEqual:
      if (one)
        return (data) => {
          try {
            const value = readOne(data, key, notFound);
            return typeof value === typeof literal ? value === literal : value == literal;
          } catch (error) {
            throw asRuleError(error, path);
          }
        };
      return (data) => {
        try {
          const value = readTwo(data, key, inner, notFound);
          return typeof value === typeof literal ? value === literal : value == literal;
        } catch (error) {
          throw asRuleError(error, path);
        }
      };
    case Comparison.StrictEqual:
      if (one)
        return (data) => {
          try {
            return readOne(data, key, notFound) === literal;
          } catch (error) {
            throw asRuleError(error, path);
          }
        };
      return (data) => {
        try {
          return readTwo(data, key, inner, notFound) === literal;
        } catch (error) {
          throw asRuleError(error, path);
        }
      };
    case Comparison.LooseNotEqual:
      if (one)
        return (data) => {
          try {
            const value = readOne(data, key, notFound);
            return typeof value === typeof literal ? value !== literal : value != literal;
          } catch (error) {
            throw asRuleError(error, path);
          }
        };
      return (data) => {
        try {
          const value = readTwo(data, key, inner, notFound);
          return typeof value === typeof literal ? value !== literal : value != literal;
        } catch (error) {
          throw asRuleError(error, path);
        }
      };
    case Comparison.StrictNotEqual:
      if (one)
        return (data) => {
          try {
            return readOne(data, key, notFound) !== literal;
          } catch (error) {
            throw asRuleError(error, path);
          }
        };
      return (data) => {
        try {
          return readTwo(data, key, inner, notFound) !== literal;
        } catch (error) {
          throw asRuleError(error, path);
        }
      };
    case Comparison.Greater:
      if (numeric) {
        const bound = literal as number;
        if (one)
          return (data) => {
            try {
              const value = readOne(data, key, notFound);
              return typeof value === 'number' ? value > bound : (value as number) > bound;
            } catch (error) {
              throw asRuleError(error, path);
            }
          };
        return (data) => {
          try {
            const value = readTwo(data, key, inner, notFound);
            return typeof value === 'number' ? value > bound : (value as number) > bound;
          } catch (error) {
            throw asRuleError(error, path);
          }
        };
      }
      break;
    case Comparison.GreaterOrEqual:
      if (numeric) {
        const bound = literal as number;
        if (one)
          return (data) => {
            try {
              const value = readOne(data, key, notFound);
              return typeof value === 'number' ? value >= bound : (value as number) >= bound;
            } catch (error) {
              throw asRuleError(error, path);
            }
          };
        return (data) => {
          try {
            const value = readTwo(data, key, inner, notFound);
            return typeof value === 'number' ? value >= bound : (value as number) >= bound;
          } catch (error) {
            throw asRuleError(error, path);
          }
        };
      }
      break;
    case Comparison.Less:
      if (numeric) {
        const bound = literal as number;
        if (one)
          return (data) => {
            try {
              const value = readOne(data, key, notFound);
              return typeof value === 'number' ? value < bound : (value as number) < bound;
            } catch (error) {
              throw asRuleError(error, path);
            }
          };
        return (data) => {
          try {
            const value = readTwo(data, key, inner, notFound);
            return typeof value === 'number' ? value < bound : (value as number) < bound;
          } catch (error) {
            throw asRuleError(error, path);
          }
        };
      }
      break;
    case Comparison.LessOrEqual:
      if (numeric) {
        const bound = literal as number;
        if (one)
          return (data) => {
            try {
              const value = readOne(data, key, notFound);
              return typeof value === 'number' ? value <= bound : (value as number) <= bound;
            } catch (error) {
              throw asRuleError(error, path);
            }
          };
        return (data) => {
          try {
            const value = readTwo(data, key, inner, notFound);
            return typeof value === 'number' ? value <= bound : (value as number) <= bound;
          } catch (error) {
            throw asRuleError(error, path);
          }
        };
      }
      break;
    case Comparison.Member: {
      const members = literal as ReadonlySet<unknown>;
      if (one)
        return (data) => {
          try {
            return members.has(readOne(data, key, notFound));
          } catch (error) {
            throw asRuleError(error, path);
          }
        };
      return (data) => {
        try {
          return members.has(readTwo(data, key, inner, notFound));
        } catch (error) {
          throw asRuleError(error, path);
        }
      };
    }
  }
  if (one)
    return (data) => {
      try {
        return compare(kind, readOne(data, key, notFound), literal);
      } catch (error) {
        throw asRuleError(error, path);
      }
    };
  return (data) => {
    try {
      return compare(kind, readTwo(data, key, inner, notFound), literal);
    } catch (error) {
      throw asRuleError(error, path);
    }
  };
}

/**
 * A variable with a literal path of one or two steps, read inline by the operation that uses it
 * (no call to its closure). Shaped like a FusedComparison so that readFused sees one kind of object.
 */
export function variableReadOf(evaluator: Evaluator): FusedComparison | undefined {
  const found = variableOf(evaluator);
  if (!found || found.segments.length > 2) return undefined;
  return {
    kind: Comparison.StrictEqual,
    outer: found.segments[0]!,
    inner: found.segments[1] ?? null,
    notFound: found.notFound,
    literal: undefined,
  };
}

/** A read of a literal path of one or two steps with readFused (undefined for a longer path). */
export function pathRead(segments: readonly string[], notFound: unknown): FusedComparison | undefined {
  if (segments.length === 0 || segments.length > 2) return undefined;
  return { kind: Comparison.StrictEqual, outer: segments[0]!, inner: segments[1] ?? null, notFound, literal: undefined };
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

/** Whether two fused comparisons read the same variable (its value can be read once for both). */
export function sameVariable(a: FusedComparison, b: FusedComparison): boolean {
  return a.outer === b.outer && a.inner === b.inner && Object.is(a.notFound, b.notFound);
}

/** Whether two fused comparisons read two steps through the same holder (`complaint.category`, `complaint.amount`). */
export function sameHolder(a: FusedComparison, b: FusedComparison): boolean {
  return a.inner !== null && b.inner !== null && a.outer === b.outer;
}

/** The holder of a two-step read (`complaint` of `complaint.category`); undefined where readFused gives the default. */
export function readHolder(data: unknown, outer: string): unknown {
  if (data === null || data === undefined) return undefined;
  const holder = (data as Record<string, unknown>)[outer];
  return holder === null || holder === undefined || typeof holder === 'function' ? undefined : holder;
}

/** Runs a two-step fused comparison on the holder readHolder gave, as runFusedComparison does on the data. */
export function runFusedOnHolder(fused: FusedComparison, holder: unknown): boolean {
  let value = fused.notFound;
  if (holder !== undefined) {
    const read = (holder as Record<string, unknown>)[fused.inner!];
    if (read !== undefined && typeof read !== 'function') value = read;
  }
  return compare(fused.kind, value, fused.literal);
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
      const fused = fusedVariableComparison(kind, left, literal, scope.path);
      if (fused) return fused;
      const a = operandOf(left);
      const path = scope.path;
      return standaloneOverOperands((data, runtime) => {
        try {
          return compare(kind, operandValue(a, data, runtime), literal);
        } catch (error) {
          throw asRuleError(error, path);
        }
      }, [a]);
    }
    // Variables and literals on either side are read inline.
    const a = operandOf(left);
    const b = operandOf(right);
    const path = scope.path;
    return standaloneOverOperands((data, runtime) => {
      try {
        return compare(kind, operandValue(a, data, runtime), operandValue(b, data, runtime));
      } catch (error) {
        throw asRuleError(error, path);
      }
    }, [a, b]);
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
      const read = variableReadOf(middle)!;
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
