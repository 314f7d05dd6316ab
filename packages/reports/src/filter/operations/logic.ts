/** `!`, `!!`, `and` and `or` where a value (not a condition) is expected. */
import { at, type Operation, translateCondition, value, where } from '../rule-to-sql';
import { booleanExpression, truthOf } from '../sql-expression';
import { fail } from '../translation-error';

export const not: Operation = (args, context, pointer) =>
  booleanExpression(`(NOT ${translateCondition(args[0], context, at(pointer, 0))})`);
export const doubleNot: Operation = (args, context, pointer) =>
  booleanExpression(translateCondition(args[0], context, at(pointer, 0)));

export function logic(operator: 'and' | 'or'): Operation {
  return (args, context, pointer) => {
    const parts = args.map((_, index) => value(args, index, context, pointer));
    if (parts.length === 0 || parts.some((part) => part.type !== 'boolean')) {
      fail('filter.logicValue', where(context, pointer), {
        'zh-CN': `"${operator}" 的结果只能作为条件使用（其参数均为布尔值时除外）`,
        en: `the value of "${operator}" can only be used as a condition unless all its arguments are booleans`,
      });
    }
    return booleanExpression(`(${parts.map(truthOf).join(operator === 'and' ? ' AND ' : ' OR ')})`);
  };
}
