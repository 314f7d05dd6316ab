import { isStandalone, markStandalone } from '../compiler/evaluator-registry';
import { asRuleError } from '../rule-error';
import { truthy as truthyImport } from '../truthy';
import {
  Comparison,
  compare as compareImport,
  fusedComparisonOf,
  readFused as readFusedImport,
  readHolder as readHolderImport,
  runFusedComparison as runFusedImport,
  runFusedOnHolder as runFusedOnHolderImport,
  sameHolder,
  sameVariable,
  type FusedComparison,
} from './comparison';
import { dataOperandValue as dataOperandValueImport, operandOf, readsOnlyData } from './operand';
import { notConstant, type Evaluator, type Operation } from './operation';

/* Functions that evaluation closures call are bound to module constants once: loaders that turn
 * ES imports into CommonJS getters (tsx, SWC under Jest) would otherwise run a getter per call. */
const truthy = truthyImport;
const compare = compareImport;
const readFused = readFusedImport;
const runFusedComparison = runFusedImport;
const readHolder = readHolderImport;
const runFusedOnHolder = runFusedOnHolderImport;
const dataOperandValue = dataOperandValueImport;

/**
 * A closure that throws nothing of its own and only calls standalone closures (each reads nothing
 * but its data and raises RuleErrors at its own path) is standalone too: a compiled rule whose
 * root it is needs no wrapper. Closures that compare inline catch for themselves first.
 */
function standaloneOver(evaluator: Evaluator, children: readonly Evaluator[]): Evaluator {
  return children.every(isStandalone) ? markStandalone(evaluator) : evaluator;
}

/** Arguments past the first: json-logic-js evaluates them (so their errors surface) and ignores them. */
function restOf(args: readonly unknown[], scope: Parameters<NonNullable<Operation['compile']>>[1]): Evaluator[] {
  return args.slice(1).map((_, index) => scope.compileArgument(index + 1));
}

/** `if` / `?:`: condition, value, [condition, value]…, [else]; null when nothing holds and no else. */
function compileIf(args: readonly unknown[], scope: Parameters<NonNullable<Operation['compile']>>[1]): Evaluator {
  const branches = args.map((_, index) => scope.compileArgument(index));
  const count = branches.length;
  if (count === 0) return () => null;
  if (count === 1) return branches[0]!;
  if (count === 2) {
    const [condition, then] = branches as [Evaluator, Evaluator];
    return standaloneOver((data, runtime) => (truthy(condition(data, runtime)) ? then(data, runtime) : null), [condition, then]);
  }
  const literals = branches.map((branch, index) => (index % 2 === 1 || index === count - 1 ? scope.constantValue(branch) : notConstant));
  if (count === 3) {
    const [condition, then, otherwise] = branches as [Evaluator, Evaluator, Evaluator];
    const [, thenValue, otherwiseValue] = literals;
    const test = fusedComparisonOf(condition);
    if (test && thenValue !== notConstant && otherwiseValue !== notConstant) {
      const path = scope.path;
      return markStandalone((data) => {
        try {
          return runFusedComparison(test, data) ? thenValue : otherwiseValue;
        } catch (error) {
          throw asRuleError(error, path);
        }
      });
    }
    if (test) {
      const path = scope.path;
      const chosen = operandOf(then);
      const other = operandOf(otherwise);
      if (readsOnlyData(chosen) && readsOnlyData(other)) {
        // `{"if": [{"in": [{"var": "channel"}, ["app", "web"]]}, "digital", {"var": "channel"}]}`: all inline.
        return markStandalone((data) => {
          try {
            return runFusedComparison(test, data) ? dataOperandValue(chosen, data) : dataOperandValue(other, data);
          } catch (error) {
            throw asRuleError(error, path);
          }
        });
      }
      return standaloneOver((data, runtime) => {
        let holds: boolean;
        try {
          holds = runFusedComparison(test, data);
        } catch (error) {
          throw asRuleError(error, path);
        }
        return holds ? then(data, runtime) : otherwise(data, runtime);
      }, [then, otherwise]);
    }
    if (thenValue !== notConstant && otherwiseValue !== notConstant) {
      return standaloneOver((data, runtime) => (truthy(condition(data, runtime)) ? thenValue : otherwiseValue), [condition]);
    }
    return standaloneOver((data, runtime) => (truthy(condition(data, runtime)) ? then(data, runtime) : otherwise(data, runtime)), branches);
  }
  // A chain of conditions choosing among literals (the usual tiering rule) returns them directly.
  if (literals.every((literal, index) => (index % 2 === 1 || index === count - 1 ? literal !== notConstant : true))) {
    const conditions = branches.filter((_, index) => index % 2 === 0 && index < count - 1);
    const values = literals.filter((_, index) => index % 2 === 1);
    const otherwise = count % 2 === 1 ? literals[count - 1] : null;
    const conditionCount = conditions.length;
    const fused = conditions.map(fusedComparisonOf);
    const first = fused[0];
    if (first && fused.every((comparison) => comparison !== undefined && comparison.outer === first.outer && comparison.inner === first.inner && Object.is(comparison.notFound, first.notFound))) {
      // Every condition compares the same variable with a literal (tiers by amount): one read.
      const kinds = fused.map((comparison) => comparison!.kind);
      const bounds = fused.map((comparison) => comparison!.literal);
      const path = scope.path;
      const tiers = numericTiers(kinds, bounds, first, values, otherwise, path);
      if (tiers) return tiers;
      const table = textChoices(kinds, bounds);
      if (table) {
        // A choice by text (`category == "fraud"`, `== "card"`, `in ["loan", "mortgage"]`): one lookup.
        return markStandalone((data) => {
          try {
            const value = readFused(first, data);
            if (typeof value === 'string') {
              const index = table.get(value);
              return index === undefined ? otherwise : values[index];
            }
            for (let index = 0; index < conditionCount; index++) if (compare(kinds[index]!, value, bounds[index])) return values[index];
            return otherwise;
          } catch (error) {
            throw asRuleError(error, path);
          }
        });
      }
      return markStandalone((data) => {
        try {
          const value = readFused(first, data);
          for (let index = 0; index < conditionCount; index++) if (compare(kinds[index]!, value, bounds[index])) return values[index];
          return otherwise;
        } catch (error) {
          throw asRuleError(error, path);
        }
      });
    }
    if (fused.some((comparison) => comparison !== undefined)) {
      const path = scope.path;
      return standaloneOver((data, runtime) => {
        try {
          for (let index = 0; index < conditionCount; index++) {
            const comparison = fused[index];
            if (comparison !== undefined ? runFusedComparison(comparison, data) : truthy(conditions[index]!(data, runtime))) return values[index];
          }
          return otherwise;
        } catch (error) {
          throw asRuleError(error, path);
        }
      }, conditions.filter((_, index) => fused[index] === undefined));
    }
    return standaloneOver((data, runtime) => {
      for (let index = 0; index < conditionCount; index++) if (truthy(conditions[index]!(data, runtime))) return values[index];
      return otherwise;
    }, conditions);
  }
  return standaloneOver((data, runtime) => {
    let index = 0;
    for (; index < count - 1; index += 2) {
      if (truthy(branches[index]!(data, runtime))) return branches[index + 1]!(data, runtime);
    }
    return index === count - 1 ? branches[index]!(data, runtime) : null;
  }, branches);
}

/**
 * Tiers: every condition the same ordering comparison of one variable with a number
 * (`aum >= 6000000`, `aum >= 500000`, …). A number read is compared as a machine float at a site
 * of its own per comparison; anything else takes JavaScript's comparison, coercions included.
 */
function numericTiers(
  kinds: readonly Comparison[],
  bounds: readonly unknown[],
  read: FusedComparison,
  values: readonly unknown[],
  otherwise: unknown,
  path: string,
): Evaluator | undefined {
  const kind = kinds[0];
  if (!kinds.every((each) => each === kind) || !bounds.every((bound) => typeof bound === 'number')) return undefined;
  const limits = bounds as readonly number[];
  const count = limits.length;
  const generic = (value: unknown): unknown => {
    for (let index = 0; index < count; index++) if (compare(kind!, value, limits[index])) return values[index];
    return otherwise;
  };
  // Each comparison has a closure of its own (see fusedClosure): the loop compares machine floats.
  switch (kind) {
    case Comparison.GreaterOrEqual:
      return markStandalone((data) => {
        let value: unknown;
        try {
          value = readFused(read, data);
          if (typeof value !== 'number') return generic(value);
        } catch (error) {
          throw asRuleError(error, path);
        }
        for (let index = 0; index < count; index++) if (value >= limits[index]!) return values[index];
        return otherwise;
      });
    case Comparison.Greater:
      return markStandalone((data) => {
        let value: unknown;
        try {
          value = readFused(read, data);
          if (typeof value !== 'number') return generic(value);
        } catch (error) {
          throw asRuleError(error, path);
        }
        for (let index = 0; index < count; index++) if (value > limits[index]!) return values[index];
        return otherwise;
      });
    case Comparison.LessOrEqual:
      return markStandalone((data) => {
        let value: unknown;
        try {
          value = readFused(read, data);
          if (typeof value !== 'number') return generic(value);
        } catch (error) {
          throw asRuleError(error, path);
        }
        for (let index = 0; index < count; index++) if (value <= limits[index]!) return values[index];
        return otherwise;
      });
    case Comparison.Less:
      return markStandalone((data) => {
        let value: unknown;
        try {
          value = readFused(read, data);
          if (typeof value !== 'number') return generic(value);
        } catch (error) {
          throw asRuleError(error, path);
        }
        for (let index = 0; index < count; index++) if (value < limits[index]!) return values[index];
        return otherwise;
      });
    default:
      return undefined;
  }
}

/**
 * For conditions that each test one variable for equality with a text (`==`, `===`) or membership
 * in a literal list: which condition a text value meets first, by the text. For a text, `==` with a
 * text is `===`, and a list's Set holds items by strict equality. Undefined for any other condition.
 */
function textChoices(kinds: readonly Comparison[], bounds: readonly unknown[]): Map<string, number> | undefined {
  const table = new Map<string, number>();
  for (let index = 0; index < kinds.length; index++) {
    const kind = kinds[index];
    const bound = bounds[index];
    if (kind === Comparison.LooseEqual || kind === Comparison.StrictEqual) {
      if (typeof bound !== 'string') return undefined;
      if (!table.has(bound)) table.set(bound, index);
    } else if (kind === Comparison.Member) {
      for (const item of bound as ReadonlySet<unknown>) if (typeof item === 'string' && !table.has(item)) table.set(item, index);
    } else {
      return undefined;
    }
  }
  return table;
}

const ifOperation: Operation = {
  name: 'if',
  category: 'logic',
  summary: 'Condition, value, further condition/value pairs, optional else; only the chosen branch is evaluated.',
  examples: [{ rule: { if: [{ '>=': [{ var: 'score' }, 90] }, 'A', { '>=': [{ var: 'score' }, 60] }, 'B', 'C'] }, data: { score: 75 }, result: 'B' }],
  compile: compileIf,
  signature: {
    returns: (types) => {
      const values = types.filter((_, index) => index % 2 === 1 || index === types.length - 1);
      return values.every((type) => type === values[0]) && values.length > 0 ? values[0]! : 'any';
    },
  },
};

export const logicOperations: readonly Operation[] = [
  ifOperation,
  { ...ifOperation, name: '?:', summary: 'The same as `if`, written as a ternary.', examples: [{ rule: { '?:': [true, 'yes', 'no'] }, result: 'yes' }] },
  {
    name: 'and',
    category: 'logic',
    summary: 'The first falsy argument, or the last one; stops at the first falsy.',
    examples: [{ rule: { and: [true, { var: 'vip' }] }, data: { vip: false }, result: false }],
    compile(args, scope) {
      const parts = args.map((_, index) => scope.compileArgument(index));
      const count = parts.length;
      if (count === 0) return () => undefined;
      if (count === 1) return parts[0]!;
      if (count === 2 && !parts.some((part) => fusedComparisonOf(part))) {
        const [first, second] = parts as [Evaluator, Evaluator];
        return standaloneOver((data, runtime) => {
          const value = first(data, runtime);
          return truthy(value) ? second(data, runtime) : value;
        }, parts);
      }
      const fused = parts.map(fusedComparisonOf);
      if (fused.every((comparison) => comparison !== undefined) && count <= 3) {
        // Only comparisons with literals, which give booleans: and of two or three of them inline.
        const [a, b, c] = fused as FusedComparison[];
        const path = scope.path;
        if (sameVariable(a!, b!)) {
          // The same variable first twice (a range: `aum >= x`, `aum < y`): read once.
          if (count === 2) {
            return markStandalone((data) => {
              try {
                const value = readFused(a!, data);
                return compare(a!.kind, value, a!.literal) && compare(b!.kind, value, b!.literal);
              } catch (error) {
                throw asRuleError(error, path);
              }
            });
          }
          return markStandalone((data) => {
            try {
              const value = readFused(a!, data);
              return compare(a!.kind, value, a!.literal) && compare(b!.kind, value, b!.literal) && runFusedComparison(c!, data);
            } catch (error) {
              throw asRuleError(error, path);
            }
          });
        }
        if (count === 2 && sameHolder(a!, b!)) {
          // Two fields of one record (`complaint.category`, `complaint.amount`): the record is read once.
          return markStandalone((data) => {
            try {
              const holder = readHolder(data, a!.outer);
              return runFusedOnHolder(a!, holder) && runFusedOnHolder(b!, holder);
            } catch (error) {
              throw asRuleError(error, path);
            }
          });
        }
        if (count === 2) {
          return markStandalone((data) => {
            try {
              return runFusedComparison(a!, data) && runFusedComparison(b!, data);
            } catch (error) {
              throw asRuleError(error, path);
            }
          });
        }
        return markStandalone((data) => {
          try {
            return runFusedComparison(a!, data) && runFusedComparison(b!, data) && runFusedComparison(c!, data);
          } catch (error) {
            throw asRuleError(error, path);
          }
        });
      }
      if (count === 2) {
        // One comparison with a literal beside another rule: the comparison inline, no loop.
        const [a, b] = fused;
        const [first, second] = parts as [Evaluator, Evaluator];
        const path = scope.path;
        return standaloneOver((data, runtime) => {
          try {
            const value = a !== undefined ? runFusedComparison(a, data) : first(data, runtime);
            if (!truthy(value)) return value;
            return b !== undefined ? runFusedComparison(b, data) : second(data, runtime);
          } catch (error) {
            throw asRuleError(error, path);
          }
        }, a !== undefined ? [second] : [first]);
      }
      if (fused.some((comparison) => comparison !== undefined)) {
        // Comparisons of a variable with a literal run inline, saving a call per condition.
        const path = scope.path;
        return standaloneOver((data, runtime) => {
          let value: unknown;
          try {
            for (let index = 0; index < count; index++) {
              const comparison = fused[index];
              value = comparison !== undefined ? runFusedComparison(comparison, data) : parts[index]!(data, runtime);
              if (!truthy(value)) return value;
            }
          } catch (error) {
            throw asRuleError(error, path);
          }
          return value;
        }, parts.filter((_, index) => fused[index] === undefined));
      }
      return standaloneOver((data, runtime) => {
        let value: unknown;
        for (let index = 0; index < count; index++) {
          value = parts[index]!(data, runtime);
          if (!truthy(value)) return value;
        }
        return value;
      }, parts);
    },
    signature: { returns: (types) => (types.every((type) => type === 'boolean') ? 'boolean' : 'any') },
  },
  {
    name: 'or',
    category: 'logic',
    summary: 'The first truthy argument, or the last one; stops at the first truthy.',
    examples: [{ rule: { or: [{ var: 'vip' }, 'standard'] }, data: { vip: '' }, result: 'standard' }],
    compile(args, scope) {
      const parts = args.map((_, index) => scope.compileArgument(index));
      const count = parts.length;
      if (count === 0) return () => undefined;
      if (count === 1) return parts[0]!;
      if (count === 2 && !parts.some((part) => fusedComparisonOf(part))) {
        const [first, second] = parts as [Evaluator, Evaluator];
        return standaloneOver((data, runtime) => {
          const value = first(data, runtime);
          return truthy(value) ? value : second(data, runtime);
        }, parts);
      }
      const fused = parts.map(fusedComparisonOf);
      if (fused.every((comparison) => comparison !== undefined) && count <= 3) {
        // Only comparisons with literals, which give booleans: or of two or three of them inline.
        const [a, b, c] = fused as FusedComparison[];
        const path = scope.path;
        if (sameVariable(a!, b!)) {
          // The same variable first twice (a range: `aum >= x`, `aum < y`): read once.
          if (count === 2) {
            return markStandalone((data) => {
              try {
                const value = readFused(a!, data);
                return compare(a!.kind, value, a!.literal) || compare(b!.kind, value, b!.literal);
              } catch (error) {
                throw asRuleError(error, path);
              }
            });
          }
          return markStandalone((data) => {
            try {
              const value = readFused(a!, data);
              return compare(a!.kind, value, a!.literal) || compare(b!.kind, value, b!.literal) || runFusedComparison(c!, data);
            } catch (error) {
              throw asRuleError(error, path);
            }
          });
        }
        if (count === 2 && sameHolder(a!, b!)) {
          // Two fields of one record (`complaint.category`, `complaint.amount`): the record is read once.
          return markStandalone((data) => {
            try {
              const holder = readHolder(data, a!.outer);
              return runFusedOnHolder(a!, holder) || runFusedOnHolder(b!, holder);
            } catch (error) {
              throw asRuleError(error, path);
            }
          });
        }
        if (count === 2) {
          return markStandalone((data) => {
            try {
              return runFusedComparison(a!, data) || runFusedComparison(b!, data);
            } catch (error) {
              throw asRuleError(error, path);
            }
          });
        }
        return markStandalone((data) => {
          try {
            return runFusedComparison(a!, data) || runFusedComparison(b!, data) || runFusedComparison(c!, data);
          } catch (error) {
            throw asRuleError(error, path);
          }
        });
      }
      if (count === 2) {
        // One comparison with a literal beside another rule: the comparison inline, no loop.
        const [a, b] = fused;
        const [first, second] = parts as [Evaluator, Evaluator];
        const path = scope.path;
        return standaloneOver((data, runtime) => {
          try {
            const value = a !== undefined ? runFusedComparison(a, data) : first(data, runtime);
            if (truthy(value)) return value;
            return b !== undefined ? runFusedComparison(b, data) : second(data, runtime);
          } catch (error) {
            throw asRuleError(error, path);
          }
        }, a !== undefined ? [second] : [first]);
      }
      if (fused.some((comparison) => comparison !== undefined)) {
        const path = scope.path;
        return standaloneOver((data, runtime) => {
          let value: unknown;
          try {
            for (let index = 0; index < count; index++) {
              const comparison = fused[index];
              value = comparison !== undefined ? runFusedComparison(comparison, data) : parts[index]!(data, runtime);
              if (truthy(value)) return value;
            }
          } catch (error) {
            throw asRuleError(error, path);
          }
          return value;
        }, parts.filter((_, index) => fused[index] === undefined));
      }
      return standaloneOver((data, runtime) => {
        let value: unknown;
        for (let index = 0; index < count; index++) {
          value = parts[index]!(data, runtime);
          if (truthy(value)) return value;
        }
        return value;
      }, parts);
    },
    signature: { returns: (types) => (types.every((type) => type === 'boolean') ? 'boolean' : 'any') },
  },
  {
    name: '!',
    category: 'logic',
    summary: 'Negation of the truthiness of the first argument.',
    examples: [{ rule: { '!': [[]] }, result: true }],
    pure: true,
    compile(args, scope) {
      const operand = scope.compileArgument(0);
      const rest = restOf(args, scope);
      const test = fusedComparisonOf(operand);
      if (rest.length === 0 && test) {
        const path = scope.path;
        return markStandalone((data) => {
          try {
            return !runFusedComparison(test, data);
          } catch (error) {
            throw asRuleError(error, path);
          }
        });
      }
      if (rest.length === 0) return standaloneOver((data, runtime) => !truthy(operand(data, runtime)), [operand]);
      return (data, runtime) => {
        const value = operand(data, runtime);
        for (const evaluator of rest) evaluator(data, runtime);
        return !truthy(value);
      };
    },
    signature: { returns: 'boolean' },
  },
  {
    name: '!!',
    category: 'logic',
    summary: 'Truthiness of the first argument, as a boolean (an empty array is false).',
    examples: [{ rule: { '!!': [{ var: 'tags' }] }, data: { tags: [] }, result: false }],
    compile(args, scope) {
      const operand = scope.compileArgument(0);
      const rest = restOf(args, scope);
      const read = operandOf(operand);
      if (rest.length === 0 && readsOnlyData(read)) {
        const path = scope.path;
        return markStandalone((data) => {
          try {
            return truthy(dataOperandValue(read, data));
          } catch (error) {
            throw asRuleError(error, path);
          }
        });
      }
      if (rest.length === 0) return standaloneOver((data, runtime) => truthy(operand(data, runtime)), [operand]);
      return (data, runtime) => {
        const value = operand(data, runtime);
        for (const evaluator of rest) evaluator(data, runtime);
        return truthy(value);
      };
    },
    signature: { returns: 'boolean' },
  },
];
