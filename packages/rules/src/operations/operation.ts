import type { RuleContext } from '../context';
import type { RuleLimits } from '../limits';
import type { LocalizedText } from '../problems';
import type { Rule } from '../rule';
import type { VariableType } from '../check/variable-schema';
import type { IterationBudget } from './iteration-budget';

/** Per-evaluation state: the caller's context, the limits, and the iteration budget spent so far. */
export interface Runtime {
  readonly context: RuleContext | undefined;
  readonly limits: Readonly<RuleLimits>;
  steps: number;
}

/** A compiled rule node: a closure over its compiled arguments. */
export type Evaluator = (data: unknown, runtime: Runtime) => unknown;

/** What an operation's compile hook may ask of the compiler. */
export interface CompileScope {
  readonly operator: string;
  /** Where the operation sits in the rule, e.g. `and[1].if`. */
  readonly path: string;
  readonly limits: Readonly<RuleLimits>;
  argumentPath(index: number): string;
  /** Compiles argument `index` (a missing argument compiles to `undefined`). */
  compileArgument(index: number): Evaluator;
  /**
   * The operation's generic closure over already compiled arguments, from its `call` (folded to a
   * constant when pure and every argument is literal): the fallback of a `compile` hook that
   * specialises only some shapes.
   */
  compileCall(evaluators: readonly Evaluator[]): Evaluator;
  /** The literal value of an argument when it is a constant, else `notConstant`. */
  constantValue(evaluator: Evaluator): unknown;
  fail(code: string, message: LocalizedText, path?: string): never;
  /** Whether this rule's iterations are counted, decided when the whole rule is compiled. */
  readonly budget: IterationBudget;
  /**
   * Marks an iterating closure that reads only its data when its iterations are not counted: it
   * is standalone (see markStandalone) if the rule ends up not counting and `children` are.
   */
  standaloneWhenUncounted(evaluator: Evaluator, children: readonly Evaluator[]): Evaluator;
}

export const notConstant: unique symbol = Symbol('notConstant');

export interface OperationExample {
  rule: Rule;
  data?: unknown;
  context?: RuleContext;
  result: unknown;
}

/** How `check` sees an operation: accepted argument types and the type it yields. */
export interface OperationSignature {
  /** Accepted types per argument position; the last entry applies to every further argument. */
  accepts?: readonly (readonly VariableType[])[];
  returns: VariableType | ((argumentTypes: readonly VariableType[]) => VariableType);
  /** Arguments evaluated against array items (map, filter, …): index of the array and of the rule. */
  scoped?: { array: number; rule: number };
}

export type OperationCategory = 'logic' | 'comparison' | 'arithmetic' | 'data' | 'array' | 'string' | 'date' | 'money' | 'misc';

/**
 * One entry of the operation table. An operation either takes its evaluated arguments (`call`)
 * or builds its own closure from the unevaluated ones (`compile`) — for short-circuiting,
 * iteration over arrays, and hot paths worth specialising.
 */
export interface Operation {
  readonly name: string;
  readonly category: OperationCategory;
  readonly summary: string;
  readonly examples: readonly OperationExample[];
  /** Argument count bounds, enforced when compiling (standard operations stay as lenient as json-logic-js). */
  readonly arity?: readonly [min: number, max: number];
  /** Same arguments, same result, no context: may be computed once at compile time. */
  readonly pure?: boolean;
  /** Reads the caller's context or spends the iteration budget: each evaluation then gets its own runtime. */
  readonly needsRuntime?: boolean;
  /**
   * Spends the iteration budget (and so also sets needsRuntime); its per-item rule, if any, is the
   * `scoped.rule` argument of its signature. The budget is only counted when the rule's iterations
   * could pass it (nested, or too many of them).
   */
  readonly iterates?: boolean;
  readonly call?: (values: unknown[], runtime: Runtime) => unknown;
  readonly compile?: (args: readonly Rule[], scope: CompileScope) => Evaluator;
  readonly signature?: OperationSignature;
}
