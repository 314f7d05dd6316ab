/* What the compiler knows about compiled arguments, kept apart from the compiler so that
 * operations can ask without importing it (the compiler imports the operation table). */
import { notConstant, type Evaluator } from '../operations/operation';

/**
 * Evaluators that read nothing but their data (never the runtime) and turn every failure into a
 * RuleError at their own path: a compiled rule whose root is one needs no wrapper around it.
 * Constants are standalone: they read nothing and cannot fail.
 */
const standalone = new WeakSet<Evaluator>();

/** Constant evaluators remember their value so operations can specialise on literal arguments. */
const constants = new WeakMap<Evaluator, { value: unknown }>();

export function constantEvaluator(value: unknown): Evaluator {
  const evaluator: Evaluator = () => value;
  constants.set(evaluator, { value });
  standalone.add(evaluator);
  return evaluator;
}

/** Variable reads with a literal path, so operations can fuse the read into their own closure. */
const variables = new WeakMap<Evaluator, ConstantVariable>();

export interface ConstantVariable {
  segments: readonly string[];
  notFound: unknown;
}

export function registerVariable(evaluator: Evaluator, variable: ConstantVariable): Evaluator {
  variables.set(evaluator, variable);
  return evaluator;
}

export function variableOf(evaluator: Evaluator): ConstantVariable | undefined {
  return variables.get(evaluator);
}

export function constantValueOf(evaluator: Evaluator): unknown {
  const entry = constants.get(evaluator);
  return entry ? entry.value : notConstant;
}


/**
 * Evaluators that read nothing but their data (never the runtime) and turn every failure into a
 * RuleError at their own path: a compiled rule whose root is one needs no wrapper around it.
 */

export function markStandalone(evaluator: Evaluator): Evaluator {
  standalone.add(evaluator);
  return evaluator;
}

export function isStandalone(evaluator: Evaluator): boolean {
  return standalone.has(evaluator);
}
