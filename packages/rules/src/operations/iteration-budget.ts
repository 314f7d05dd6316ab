import { RuleError } from '../rule-error';
import type { Runtime } from './operation';

/**
 * Charges an iterating operation for visiting `length` items: an array longer than the limit, or
 * nested iterations that together exceed the evaluation's budget, stop with a RuleError.
 */
export function chargeIterations(runtime: Runtime, length: number, path: string): void {
  if (length > runtime.limits.maxArrayLength) {
    throw new RuleError('rule.array_too_large', path, {
      'zh-CN': `数组过大：${length} 项，上限为 ${runtime.limits.maxArrayLength} 项`,
      en: `the array is too large: ${length} items, the limit is ${runtime.limits.maxArrayLength}`,
    });
  }
  runtime.steps += length;
  if (runtime.steps > runtime.limits.maxIterations) {
    throw new RuleError('rule.too_many_iterations', path, {
      'zh-CN': `规则迭代次数超过上限 ${runtime.limits.maxIterations}`,
      en: `the rule iterates more than ${runtime.limits.maxIterations} times`,
    });
  }
}
