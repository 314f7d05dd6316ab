import { isForbiddenSegment, readDataPath as readDataPathImport } from '../property-path';
import { argumentsOf, isLogic, operatorOf } from '../rule';
import { asRuleError } from '../rule-error';
import { truthy as truthyImport } from '../truthy';
import { fusedComparisonOf, readFused as readFusedImport, runFusedComparison as runFusedImport, variableReadOf, type FusedComparison } from './comparison';
import { spendIterations as spendIterationsImport } from './iteration-budget';
import { notConstant, type CompileScope, type Evaluator, type Operation } from './operation';

/* Functions that evaluation closures call are bound to module constants once: loaders that turn
 * ES imports into CommonJS getters (tsx, SWC under Jest) would otherwise run a getter per call. */
const truthy = truthyImport;
const runFusedComparison = runFusedImport;
const readFused = readFusedImport;
const readDataPath = readDataPathImport;
const spendIterations = spendIterationsImport;

/* Operations whose second argument is a rule applied to each item of the first: inside it, `var`
 * reads the item (and, in `reduce`, `current` and `accumulator`). A per-item rule that compares a
 * field with a literal (`{">": [{"var": "overdueDays"}, 30]}`) runs inline, without a call per item. */

/** The array, its literal variable read inline when it is one (no call per evaluation), and the per-item rule. */
function scoped(scope: CompileScope): [Evaluator, FusedComparison | undefined, Evaluator] {
  const source = scope.compileArgument(0);
  const perItem = scope.compileArgument(1);
  return [source, variableReadOf(source), perItem];
}

/** The closures an iterating closure calls (for standaloneWhenUncounted); `false` for one it reads inline. */
const calls = (...evaluators: (Evaluator | false)[]): Evaluator[] => evaluators.filter((evaluator): evaluator is Evaluator => evaluator !== false);

const scopedSignature = (returns: 'array' | 'boolean' | 'any') => ({ returns, scoped: { array: 0, rule: 1 } }) as const;

export const iterationOperations: readonly Operation[] = [
  {
    name: 'map',
    needsRuntime: true,
    iterates: true,
    category: 'array',
    summary: 'Applies a rule to each item; `var` inside reads the item. Not an array gives [].',
    examples: [{ rule: { map: [{ var: 'rows' }, { '*': [{ var: 'qty' }, 2] }] }, data: { rows: [{ qty: 1 }, { qty: 3 }] }, result: [2, 6] }],
    compile(args, scope) {
      const [source, sourceRead, perItem] = scoped(scope);
      const path = scope.path;
      const budget = scope.budget;
      const maxArrayLength = scope.limits.maxArrayLength;
      return scope.standaloneWhenUncounted((data, runtime) => {
        try {
          const items = sourceRead !== undefined ? readFused(sourceRead, data) : source(data, runtime);
          if (!Array.isArray(items)) return [];
          spendIterations(budget, runtime, items.length, maxArrayLength, path);
          const result = new Array<unknown>(items.length);
          for (let index = 0; index < items.length; index++) result[index] = perItem(items[index], runtime);
          return result;
        } catch (error) {
          throw asRuleError(error, path);
        }
      }, calls(sourceRead === undefined && source, perItem));
    },
    signature: scopedSignature('array'),
  },
  {
    name: 'filter',
    needsRuntime: true,
    iterates: true,
    category: 'array',
    summary: 'The items for which a rule is truthy.',
    examples: [{ rule: { filter: [{ var: 'accounts' }, { '>': [{ var: 'balance' }, 0] }] }, data: { accounts: [{ balance: 5 }, { balance: 0 }] }, result: [{ balance: 5 }] }],
    compile(args, scope) {
      const [source, sourceRead, perItem] = scoped(scope);
      const fused = fusedComparisonOf(perItem);
      const path = scope.path;
      const budget = scope.budget;
      const maxArrayLength = scope.limits.maxArrayLength;
      return scope.standaloneWhenUncounted((data, runtime) => {
        try {
          const items = sourceRead !== undefined ? readFused(sourceRead, data) : source(data, runtime);
          if (!Array.isArray(items)) return [];
          spendIterations(budget, runtime, items.length, maxArrayLength, path);
          const result: unknown[] = [];
          for (let index = 0; index < items.length; index++) {
            if (fused !== undefined ? runFusedComparison(fused, items[index]) : truthy(perItem(items[index], runtime))) result.push(items[index]);
          }
          return result;
        } catch (error) {
          throw asRuleError(error, path);
        }
      }, calls(sourceRead === undefined && source, fused === undefined && perItem));
    },
    signature: scopedSignature('array'),
  },
  {
    name: 'reduce',
    needsRuntime: true,
    iterates: true,
    category: 'array',
    summary: 'Folds the items with a rule reading `current` and `accumulator`, from an initial value (null when absent).',
    examples: [{ rule: { reduce: [{ var: 'loans' }, { '+': [{ var: 'accumulator' }, { var: 'current' }] }, 0] }, data: { loans: [1, 2, 3] }, result: 6 }],
    compile(args, scope) {
      const [source, sourceRead, perItem] = scoped(scope);
      const initial = args[2] !== undefined ? scope.compileArgument(2) : () => null;
      const initialLiteral = scope.constantValue(initial);
      const hasInitialLiteral = initialLiteral !== notConstant;
      const path = scope.path;
      const budget = scope.budget;
      const maxArrayLength = scope.limits.maxArrayLength;
      const counted = addedLiteral(args[1]);
      if (counted !== undefined) {
        // `{ "+": [{ "var": "accumulator" }, 1] }`, counting the items (or adding a fixed amount per item).
        const term = toFloat(counted);
        return scope.standaloneWhenUncounted((data, runtime) => {
          try {
            const items = sourceRead !== undefined ? readFused(sourceRead, data) : source(data, runtime);
            let accumulator = hasInitialLiteral ? initialLiteral : initial(data, runtime);
            if (!Array.isArray(items)) return accumulator;
            spendIterations(budget, runtime, items.length, maxArrayLength, path);
            for (let index = 0; index < items.length; index++) accumulator = 0 + toFloat(accumulator) + term;
            return accumulator;
          } catch (error) {
            throw asRuleError(error, path);
          }
        }, calls(sourceRead === undefined && source, !hasInitialLiteral && initial));
      }
      const summed = summedField(args[1]);
      if (summed) {
        const summedKey = summed.length === 1 ? summed[0]! : null;
        // The commonest reduce, a sum of one field of each row: added in one loop, no scope objects.
        return scope.standaloneWhenUncounted((data, runtime) => {
          try {
            const items = sourceRead !== undefined ? readFused(sourceRead, data) : source(data, runtime);
            let accumulator = hasInitialLiteral ? initialLiteral : initial(data, runtime);
            if (!Array.isArray(items)) return accumulator;
            spendIterations(budget, runtime, items.length, maxArrayLength, path);
            for (let index = 0; index < items.length; index++) {
              let value: unknown;
              if (summedKey !== null) {
                // One field, read as readDataPath does.
                const item = items[index];
                value = item === null || item === undefined ? undefined : (item as Record<string, unknown>)[summedKey];
                if (typeof value === 'function') value = undefined;
              } else {
                value = summed.length === 0 ? items[index] : readDataPath(items[index], summed);
              }
              if (value === undefined) value = null;
              accumulator = 0 + toFloat(accumulator) + toFloat(value);
            }
            return accumulator;
          } catch (error) {
            throw asRuleError(error, path);
          }
        }, calls(sourceRead === undefined && source, !hasInitialLiteral && initial));
      }
      // One scope object per reduce rather than per item, unless the rule could hand the scope out.
      const sharesScope = !exposesData(args[1]);
      return (data, runtime) => {
        const items = sourceRead !== undefined ? readFused(sourceRead, data) : source(data, runtime);
        let accumulator = hasInitialLiteral ? initialLiteral : initial(data, runtime);
        if (!Array.isArray(items)) return accumulator;
        spendIterations(budget, runtime, items.length, maxArrayLength, path);
        const scope: { current: unknown; accumulator: unknown } = { current: undefined, accumulator };
        for (let index = 0; index < items.length; index++) {
          if (sharesScope) {
            scope.current = items[index];
            scope.accumulator = accumulator;
            accumulator = perItem(scope, runtime);
          } else {
            accumulator = perItem({ current: items[index], accumulator }, runtime);
          }
        }
        return accumulator;
      };
    },
    signature: { returns: 'any', scoped: { array: 0, rule: 1 } },
  },
  {
    name: 'all',
    needsRuntime: true,
    iterates: true,
    category: 'array',
    summary: 'True when a rule is truthy for every item; false for an empty array.',
    examples: [{ rule: { all: [{ var: 'scores' }, { '>=': [{ var: '' }, 60] }] }, data: { scores: [70, 80] }, result: true }],
    compile(args, scope) {
      const [source, sourceRead, perItem] = scoped(scope);
      const fused = fusedComparisonOf(perItem);
      const path = scope.path;
      const budget = scope.budget;
      const maxArrayLength = scope.limits.maxArrayLength;
      return scope.standaloneWhenUncounted((data, runtime) => {
        try {
          const items = sourceRead !== undefined ? readFused(sourceRead, data) : source(data, runtime);
          if (!Array.isArray(items) || items.length === 0) return false;
          spendIterations(budget, runtime, items.length, maxArrayLength, path);
          for (let index = 0; index < items.length; index++) if (!(fused !== undefined ? runFusedComparison(fused, items[index]) : truthy(perItem(items[index], runtime)))) return false;
          return true;
        } catch (error) {
          throw asRuleError(error, path);
        }
      }, calls(sourceRead === undefined && source, fused === undefined && perItem));
    },
    signature: scopedSignature('boolean'),
  },
  {
    name: 'some',
    needsRuntime: true,
    iterates: true,
    category: 'array',
    summary: 'True when a rule is truthy for at least one item.',
    examples: [{ rule: { some: [{ var: 'cards' }, { '==': [{ var: 'status' }, 'overdue'] }] }, data: { cards: [{ status: 'ok' }, { status: 'overdue' }] }, result: true }],
    compile(args, scope) {
      const [source, sourceRead, perItem] = scoped(scope);
      const fused = fusedComparisonOf(perItem);
      const path = scope.path;
      const budget = scope.budget;
      const maxArrayLength = scope.limits.maxArrayLength;
      return scope.standaloneWhenUncounted((data, runtime) => {
        try {
          const items = sourceRead !== undefined ? readFused(sourceRead, data) : source(data, runtime);
          if (!Array.isArray(items) || items.length === 0) return false;
          spendIterations(budget, runtime, items.length, maxArrayLength, path);
          for (let index = 0; index < items.length; index++) if (fused !== undefined ? runFusedComparison(fused, items[index]) : truthy(perItem(items[index], runtime))) return true;
          return false;
        } catch (error) {
          throw asRuleError(error, path);
        }
      }, calls(sourceRead === undefined && source, fused === undefined && perItem));
    },
    signature: scopedSignature('boolean'),
  },
  {
    name: 'none',
    needsRuntime: true,
    iterates: true,
    category: 'array',
    summary: 'True when a rule is truthy for no item (true for an empty array).',
    examples: [{ rule: { none: [{ var: 'flags' }, { var: '' }] }, data: { flags: [false, 0] }, result: true }],
    compile(args, scope) {
      const [source, sourceRead, perItem] = scoped(scope);
      const fused = fusedComparisonOf(perItem);
      const path = scope.path;
      const budget = scope.budget;
      const maxArrayLength = scope.limits.maxArrayLength;
      return scope.standaloneWhenUncounted((data, runtime) => {
        try {
          const items = sourceRead !== undefined ? readFused(sourceRead, data) : source(data, runtime);
          if (!Array.isArray(items) || items.length === 0) return true;
          spendIterations(budget, runtime, items.length, maxArrayLength, path);
          for (let index = 0; index < items.length; index++) if (fused !== undefined ? runFusedComparison(fused, items[index]) : truthy(perItem(items[index], runtime))) return false;
          return true;
        } catch (error) {
          throw asRuleError(error, path);
        }
      }, calls(sourceRead === undefined && source, fused === undefined && perItem));
    },
    signature: scopedSignature('boolean'),
  },
];

/** Whether a rule may return or keep its whole data object: a `var` without a literal path does. */
function exposesData(rule: unknown, depth = 0): boolean {
  if (depth > 64) return true;
  if (Array.isArray(rule)) return rule.some((item) => exposesData(item, depth + 1));
  if (!isLogic(rule)) return false;
  const operator = operatorOf(rule);
  const args = argumentsOf(rule, operator);
  if (operator === 'var') {
    const name = args[0];
    if (typeof name !== 'string' && typeof name !== 'number') return true;
    if (name === '') return true;
  }
  return args.some((arg) => exposesData(arg, depth + 1));
}

/** parseFloat, as `+` reads its operands (numbers as they are, -0 as 0). */
function toFloat(value: unknown): number {
  return typeof value === 'number' ? (value === 0 ? 0 : value) : parseFloat(value as string);
}

function literalVariable(rule: unknown): string | undefined {
  if (!isLogic(rule) || operatorOf(rule) !== 'var') return undefined;
  const args = argumentsOf(rule, 'var');
  return args.length === 1 && typeof args[0] === 'string' ? args[0] : undefined;
}

/** For `{ "+": [{ "var": "accumulator" }, 1] }` (either order): the literal number; undefined for any other rule. */
function addedLiteral(rule: unknown): number | undefined {
  if (!isLogic(rule) || operatorOf(rule) !== '+') return undefined;
  const args = argumentsOf(rule, '+');
  if (args.length !== 2) return undefined;
  const accumulatorAt = args.findIndex((arg) => literalVariable(arg) === 'accumulator');
  if (accumulatorAt < 0) return undefined;
  const other = args[1 - accumulatorAt];
  return typeof other === 'number' ? other : undefined;
}

/**
 * For `{ "+": [{ "var": "accumulator" }, { "var": "current.field" }] }` (either order): the field's
 * path segments ([] for the row itself); undefined for any other rule.
 */
function summedField(rule: unknown): string[] | undefined {
  if (!isLogic(rule) || operatorOf(rule) !== '+') return undefined;
  const args = argumentsOf(rule, '+');
  if (args.length !== 2) return undefined;
  const names = args.map(literalVariable);
  const accumulatorAt = names.indexOf('accumulator');
  if (accumulatorAt < 0) return undefined;
  const other = names[1 - accumulatorAt];
  if (other === 'current') return [];
  if (!other?.startsWith('current.')) return undefined;
  const segments = other.slice('current.'.length).split('.');
  return segments.some((segment) => segment === '' || isForbiddenSegment(segment)) ? undefined : segments;
}
