/** Decimal money comparisons: false when either amount is absent. */
import { at, definite, type Operation, type Pointer, type TranslationContext, value } from '../rule-to-sql';
import { type SqlExpression } from '../sql-expression';
import { fail, pathOf } from '../translation-error';

const decimalPattern = /^-?\d+(\.\d+)?$/;

function moneyOperand(args: unknown[], index: number, context: TranslationContext, pointer: Pointer): SqlExpression {
  const raw = args[index];
  if (typeof raw === 'string') {
    if (!decimalPattern.test(raw)) {
      fail('filter.invalidAmount', pathOf(context.base, at(pointer, index)), {
        'zh-CN': `"${raw}" 不是金额`,
        en: `"${raw}" is not an amount`,
      });
    }
    return { sql: context.parameters.add(raw, 'numeric'), type: 'numeric', nullable: false, origin: 'literal' };
  }
  const expression = value(args, index, context, pointer);
  if (expression.type !== 'numeric' && expression.type !== 'null') {
    fail('filter.notANumber', pathOf(context.base, at(pointer, index)), {
      'zh-CN': `金额比较需要金额或数字，这里是 ${expression.type}`,
      en: `money comparison needs amounts, found ${expression.type}`,
    });
  }
  return expression;
}

/** Money comparisons compare decimal values, and are false when either amount is absent. */
export function moneyComparison(operator: string): Operation {
  return (args, context, pointer) => {
    const left = moneyOperand(args, 0, context, pointer);
    const right = moneyOperand(args, 1, context, pointer);
    return definite(`${left.sql} ${operator} ${right.sql}`, true);
  };
}
