import { RuleError } from '../rule-error';
import type { Runtime } from './operation';

/**
 * Charges an iterating operation for visiting `length` items: an array longer than the limit, or
 * nested iterations that together exceed the evaluation's budget, stop with a RuleError.
 */
export function chargeIterations(runtime: Runtime, length: number, path: string): void {
  if (length > runtime.limits.maxArrayLength) throw arrayTooLarge(length, runtime.limits.maxArrayLength, path);
  runtime.steps += length;
  if (runtime.steps > runtime.limits.maxIterations) {
    throw new RuleError('rule.too_many_iterations', path, {
      'zh-CN': `规则迭代次数超过上限 ${runtime.limits.maxIterations}`,
      en: `the rule iterates more than ${runtime.limits.maxIterations} times`,
    });
  }
}

export function arrayTooLarge(length: number, limit: number, path: string): RuleError {
  return new RuleError('rule.array_too_large', path, {
    'zh-CN': `数组过大：${length} 项，上限为 ${limit} 项`,
    en: `the array is too large: ${length} items, the limit is ${limit}`,
  });
}

/**
 * Whether the iterations of one compiled rule are counted. Compiling decides it once the whole
 * rule is known (see compileRule); until then, and whenever the rule's iterations could pass the
 * budget, they are.
 */
export interface IterationBudget {
  counted: boolean;
}

/** Charges the budget when it is counted; otherwise only the array's length is checked. */
export function spendIterations(budget: IterationBudget, runtime: Runtime, length: number, maxArrayLength: number, path: string): void {
  if (budget.counted) chargeIterations(runtime, length, path);
  else if (length > maxArrayLength) throw arrayTooLarge(length, maxArrayLength, path);
}
