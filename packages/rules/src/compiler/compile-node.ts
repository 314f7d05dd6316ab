import type { RuleLimits } from '../limits';
import { notConstant, type CompileScope, type Evaluator, type Operation, type Runtime } from '../operations/operation';
import type { IterationBudget } from '../operations/iteration-budget';
import { constantEvaluator, constantValueOf, isStandalone, markStandalone } from './evaluator-registry';
export { constantEvaluator, constantValueOf, registerVariable, variableOf, type ConstantVariable } from './evaluator-registry';
import { operationTable } from '../operations/table';
import type { LocalizedText } from '../problems';
import { argumentsOf, isLogic, operatorOf, type Rule } from '../rule';
import { asRuleError, RuleError } from '../rule-error';

interface CompileState {
  readonly limits: Readonly<RuleLimits>;
  nodes: number;
  /** An operation reads the caller's context (see Operation.needsRuntime) other than by iterating. */
  needsContext: boolean;
  /** Iterating operations in the rule, and how deep the one being compiled sits in per-item rules. */
  iterationSites: number;
  iterationDepth: number;
  nestedIteration: boolean;
  readonly budget: IterationBudget;
  /** Iterating closures that are standalone when the budget is not counted, with what they call. */
  readonly uncountedStandalone: Map<Evaluator, readonly Evaluator[]>;
}

export function childPath(parent: string, segment: string): string {
  return parent ? `${parent}.${segment}` : segment;
}

/**
 * Compiles a whole rule into one closure, for callers that evaluate several rules with one runtime
 * (decision tables, rule sets): their iterations are always counted, since the budget is shared.
 */
export function compileRoot(rule: Rule, limits: Readonly<RuleLimits>): Evaluator {
  return compileRule(rule, limits, true).evaluate;
}

export interface CompiledRoot {
  evaluate: Evaluator;
  /** Each evaluation needs a runtime of its own: the rule reads the context, or its iterations must be counted. */
  needsRuntime: boolean;
  /** The rule iterates, within bounds that need no counting: the runtime it gets must accept `steps` being added. */
  iterates: boolean;
}

/**
 * Compiles a rule and tells what runtime its evaluations need. Iterations need counting only when
 * they could together pass `maxIterations`: an iterating operation outside every per-item rule
 * runs at most once per evaluation over at most `maxArrayLength` items, so a rule with few of
 * them and none nested can never exceed the budget — unless the runtime, and so the budget, is
 * shared with other rules (`sharedBudget`).
 */
export function compileRule(rule: Rule, limits: Readonly<RuleLimits>, sharedBudget = false): CompiledRoot {
  const state: CompileState = {
    limits,
    nodes: 0,
    needsContext: false,
    iterationSites: 0,
    iterationDepth: 0,
    nestedIteration: false,
    budget: { counted: true },
    uncountedStandalone: new Map(),
  };
  const evaluate = compileNode(rule, '', 1, state);
  const bounded = !sharedBudget && !state.nestedIteration && state.iterationSites * limits.maxArrayLength <= limits.maxIterations;
  state.budget.counted = !bounded;
  const children = state.uncountedStandalone.get(evaluate);
  if (bounded && !state.needsContext && children && children.every(isStandalone)) markStandalone(evaluate);
  return { evaluate, needsRuntime: state.needsContext || !bounded, iterates: state.iterationSites > 0 };
}

function compileNode(rule: Rule, path: string, depth: number, state: CompileState): Evaluator {
  if (++state.nodes > state.limits.maxNodes) {
    throw new RuleError('rule.too_large', path, {
      'zh-CN': `规则过大：超过 ${state.limits.maxNodes} 个节点`,
      en: `the rule is too large: more than ${state.limits.maxNodes} nodes`,
    });
  }
  if (depth > state.limits.maxDepth) {
    throw new RuleError('rule.too_deep', path, {
      'zh-CN': `规则嵌套过深：超过 ${state.limits.maxDepth} 层`,
      en: `the rule is nested too deeply: more than ${state.limits.maxDepth} levels`,
    });
  }
  if (Array.isArray(rule)) return compileArrayLiteral(rule, path, depth, state);
  if (!isLogic(rule)) return constantEvaluator(rule);

  const operator = operatorOf(rule);
  const operation = operationTable.get(operator);
  if (!operation) {
    throw new RuleError('operator.unknown', path, {
      'zh-CN': `未知的运算符 "${operator}"`,
      en: `unknown operator "${operator}"`,
    });
  }
  if (operation.iterates) {
    state.iterationSites++;
    if (state.iterationDepth > 0) state.nestedIteration = true;
  } else if (operation.needsRuntime) {
    state.needsContext = true;
  }
  const args = argumentsOf(rule, operator);
  const shorthand = !Array.isArray(rule[operator]);
  const operationPath = childPath(path, operator);
  const scope = makeScope(operation, args, shorthand, operationPath, depth, state);
  if (operation.arity) checkArity(operation, args.length, scope);
  if (operation.compile) {
    const evaluator = operation.compile(args, scope);
    return operation.pure ? foldLiteral(evaluator, args) : evaluator;
  }
  return compileEager(
    operation,
    args.map((_, index) => scope.compileArgument(index)),
    operationPath,
  );
}

function makeScope(
  operation: Operation,
  args: readonly Rule[],
  shorthand: boolean,
  path: string,
  depth: number,
  state: CompileState,
): CompileScope {
  const argumentPath = (index: number) => (shorthand && index === 0 ? path : `${path}[${index}]`);
  return {
    operator: operation.name,
    path,
    limits: state.limits,
    argumentPath,
    compileArgument(index) {
      const perItem = operation.iterates === true && operation.signature?.scoped?.rule === index;
      if (perItem) state.iterationDepth++;
      try {
        return compileNode(args[index], argumentPath(index), depth + 1, state);
      } finally {
        if (perItem) state.iterationDepth--;
      }
    },
    compileCall: (evaluators) => compileEager(operation, evaluators, path),
    constantValue: constantValueOf,
    budget: state.budget,
    standaloneWhenUncounted(evaluator, children) {
      state.uncountedStandalone.set(evaluator, children);
      return evaluator;
    },
    fail(code: string, message: LocalizedText, at?: string): never {
      throw new RuleError(code, at ?? path, message);
    },
  };
}

function checkArity(operation: Operation, count: number, scope: CompileScope): void {
  const [min, max] = operation.arity!;
  if (count >= min && count <= max) return;
  const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
  const expectedZh = min === max ? `${min}` : max === Infinity ? `至少 ${min}` : `${min} 到 ${max}`;
  scope.fail('operator.arity', {
    'zh-CN': `运算符 "${operation.name}" 需要 ${expectedZh} 个参数，实际为 ${count} 个`,
    en: `operator "${operation.name}" takes ${expected} arguments, got ${count}`,
  });
}

function compileArrayLiteral(rule: readonly Rule[], path: string, depth: number, state: CompileState): Evaluator {
  const items = rule.map((item, index) => compileNode(item, `${path}[${index}]`, depth + 1, state));
  const count = items.length;
  const build: Evaluator = (data, runtime) => {
    const result = new Array<unknown>(count);
    for (let index = 0; index < count; index++) result[index] = items[index]!(data, runtime);
    return result;
  };
  // A fresh array of standalone items (literals, say) fails only as its items do.
  return items.every(isStandalone) ? markStandalone(build) : build;
}

const foldingRuntime: Runtime = {
  context: undefined,
  limits: Object.freeze({
    maxDepth: 0,
    maxNodes: 0,
    maxArrayLength: 10_000,
    maxIterations: 10_000,
    maxStringLength: 10_000,
    maxRegexLength: 200,
    maxMatchInputLength: 10_000,
  }),
  steps: 0,
};

/** Whether a rule reads neither data nor context: literals, and pure operations of such rules only. */
function isLiteralTree(rule: Rule): boolean {
  if (Array.isArray(rule)) return rule.every(isLiteralTree);
  if (!isLogic(rule)) return true;
  const operator = operatorOf(rule);
  return operationTable.get(operator)?.pure === true && argumentsOf(rule, operator).every(isLiteralTree);
}

/**
 * A pure operation (same arguments, same result, no context) whose arguments are all literals is
 * computed once, when compiling: `{"*": [12, 30]}` becomes 360. Results that are objects or arrays
 * are not folded (each evaluation returns a fresh one), nor are failures, which are raised at
 * evaluation time the way every other one is.
 */
function foldLiteral(evaluator: Evaluator, args: readonly Rule[]): Evaluator {
  if (constantValueOf(evaluator) !== notConstant || !args.every(isLiteralTree)) return evaluator;
  try {
    foldingRuntime.steps = 0;
    const value = evaluator(undefined, foldingRuntime);
    if (value === null || typeof value !== 'object') return constantEvaluator(value);
  } catch {
    // Left for evaluation time.
  }
  return evaluator;
}

/** Operations that only need their evaluated arguments; pure ones on literals are folded. */
function compileEager(operation: Operation, evaluators: readonly Evaluator[], path: string): Evaluator {
  const call = operation.call!;
  const count = evaluators.length;

  if (operation.pure) {
    const literals = evaluators.map(constantValueOf);
    if (!literals.includes(notConstant)) {
      try {
        foldingRuntime.steps = 0;
        const value = call(literals, foldingRuntime);
        if (value === null || typeof value !== 'object') return constantEvaluator(value);
      } catch {
        // Left for evaluation time, where the error is raised the way every other one is.
      }
    }
  }

  if (count === 1) {
    const first = evaluators[0]!;
    return (data, runtime) => {
      try {
        return call([first(data, runtime)], runtime);
      } catch (error) {
        throw asRuleError(error, path);
      }
    };
  }
  if (count === 2) {
    const first = evaluators[0]!;
    const second = evaluators[1]!;
    return (data, runtime) => {
      try {
        return call([first(data, runtime), second(data, runtime)], runtime);
      } catch (error) {
        throw asRuleError(error, path);
      }
    };
  }
  return (data, runtime) => {
    const values = new Array<unknown>(count);
    for (let index = 0; index < count; index++) values[index] = evaluators[index]!(data, runtime);
    try {
      return call(values, runtime);
    } catch (error) {
      throw asRuleError(error, path);
    }
  };
}
