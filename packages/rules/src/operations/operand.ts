import { constantValueOf, isStandalone, markStandalone, variableOf } from '../compiler/evaluator-registry';
import { notConstant, type Evaluator, type Runtime } from './operation';

/*
 * An argument as the closure of its operation uses it. Most arguments are literals or variables
 * with a literal path, and calling their closures costs more than what they do: the operation
 * holds the literal itself, or reads the variable inline, and calls a closure only for anything else.
 */

export const enum OperandKind {
  Literal,
  Variable,
  Rule,
}

export interface Operand {
  readonly kind: OperandKind;
  /** The value of a literal. */
  readonly value: unknown;
  /** A variable's first path step, its second (or null for one step), and its default. */
  readonly outer: string;
  readonly inner: string | null;
  readonly notFound: unknown;
  /** The compiled argument (called for OperandKind.Rule). */
  readonly evaluator: Evaluator;
}

export function operandOf(evaluator: Evaluator): Operand {
  const value = constantValueOf(evaluator);
  if (value !== notConstant) return { kind: OperandKind.Literal, value, outer: '', inner: null, notFound: null, evaluator };
  const variable = variableOf(evaluator);
  if (variable && variable.segments.length <= 2) {
    return { kind: OperandKind.Variable, value: undefined, outer: variable.segments[0]!, inner: variable.segments[1] ?? null, notFound: variable.notFound, evaluator };
  }
  return { kind: OperandKind.Rule, value: undefined, outer: '', inner: null, notFound: null, evaluator };
}

/** The argument's value: the literal, the variable read as compiled `var` reads it, or the rule's result. */
export function operandValue(operand: Operand, data: unknown, runtime: Runtime): unknown {
  if (operand.kind === OperandKind.Rule) return operand.evaluator(data, runtime);
  return dataOperandValue(operand, data);
}

/** The value of a literal or variable operand (see readsOnlyData), which needs no runtime. */
export function dataOperandValue(operand: Operand, data: unknown): unknown {
  if (operand.kind === OperandKind.Literal) return operand.value;
  if (data === null || data === undefined) return operand.notFound;
  const holder = (data as Record<string, unknown>)[operand.outer];
  if (operand.inner === null) return holder === undefined || typeof holder === 'function' ? operand.notFound : holder;
  if (holder === null || holder === undefined || typeof holder === 'function') return operand.notFound;
  const value = (holder as Record<string, unknown>)[operand.inner];
  return value === undefined || typeof value === 'function' ? operand.notFound : value;
}

/** Whether evaluating the argument runs no rule of its own (so it reads only the data). */
export function readsOnlyData(operand: Operand): boolean {
  return operand.kind !== OperandKind.Rule;
}

/** Whether the operand reads only its data and raises only RuleErrors: a literal, a variable read inline, or a standalone rule. */
export function isStandaloneOperand(operand: Operand): boolean {
  return operand.kind !== OperandKind.Rule || isStandalone(operand.evaluator);
}

/** Marks a closure over operands standalone when it catches for itself and every operand is standalone. */
export function standaloneOverOperands(evaluator: Evaluator, operands: readonly Operand[]): Evaluator {
  return operands.every(isStandaloneOperand) ? markStandalone(evaluator) : evaluator;
}
