/** `+ - * / %` with JavaScript's handling of missing values and division by zero. */
import { at, nullToZero, type Operation, type Pointer, type TranslationContext, value } from '../rule-to-sql';
import { type SqlExpression } from '../sql-expression';
import { fail, pathOf } from '../translation-error';

function numeric(args: unknown[], context: TranslationContext, pointer: Pointer): SqlExpression[] {
  return args.map((_, index) => {
    const expression = value(args, index, context, pointer);
    if (expression.type === 'null') return { ...expression, sql: 'NULL::numeric', type: 'numeric' };
    if (expression.type !== 'numeric') {
      fail('filter.notANumber', pathOf(context.base, at(pointer, index)), {
        'zh-CN': `算术运算需要数字，这里是 ${expression.type}`,
        en: `arithmetic needs numbers, found ${expression.type}`,
      });
    }
    return expression;
  });
}

function arithmetic(sql: string, nullable: boolean): SqlExpression {
  return { sql: `(${sql})`, type: 'numeric', nullable, origin: 'expression', nullMeansNaN: true };
}

/** `+` and `*` read each argument with parseFloat, so a missing value makes the result NaN (NULL here). */
export function sumOrProduct(operator: '+' | '*'): Operation {
  return (args, context, pointer) => {
    const parts = numeric(args, context, pointer);
    if (parts.length === 0) return arithmetic(operator === '+' ? '0' : 'NULL::numeric', operator === '*');
    return arithmetic(
      parts.map((part) => part.sql).join(` ${operator} `),
      parts.some((part) => part.nullable),
    );
  };
}

/** `-`, `/` and `%` use JavaScript's operators, which read null as 0. */
export const minus: Operation = (args, context, pointer) => {
  const parts = numeric(args, context, pointer).map(nullToZero);
  if (parts.length === 1) return arithmetic(`-${parts[0]!.sql}`, parts[0]!.nullable);
  return arithmetic(`${parts[0]!.sql} - ${parts[1]!.sql}`, parts[0]!.nullable || parts[1]!.nullable);
};

export const divide: Operation = (args, context, pointer) => {
  const [a, b] = numeric(args, context, pointer).map(nullToZero);
  // Division by zero is ±Infinity in JavaScript (NaN for 0/0, NULL here), never an SQL error.
  return arithmetic(
    `CASE WHEN ${b!.sql} = 0 THEN CASE WHEN ${a!.sql} > 0 THEN 'Infinity'::numeric WHEN ${a!.sql} < 0 THEN '-Infinity'::numeric END ELSE ${a!.sql} / ${b!.sql} END`,
    true,
  );
};

export const modulo: Operation = (args, context, pointer) => {
  const [a, b] = numeric(args, context, pointer).map(nullToZero);
  return arithmetic(`${a!.sql} % NULLIF(${b!.sql}, 0)`, true);
};

/** `min` and `max` are Math.min / Math.max: a missing value is 0, a NaN argument makes the result NaN. */
export function extreme(kind: 'LEAST' | 'GREATEST'): Operation {
  return (args, context, pointer) => {
    const parts = numeric(args, context, pointer).map((part) => (part.nullMeansNaN ? part : nullToZero(part)));
    if (parts.length === 0) return arithmetic(kind === 'LEAST' ? "'Infinity'::numeric" : "'-Infinity'::numeric", false);
    const call = `${kind}(${parts.map((part) => part.sql).join(', ')})`;
    const nanable = parts.filter((part) => part.nullable);
    if (nanable.length === 0) return arithmetic(call, false);
    return arithmetic(
      `CASE WHEN ${nanable.map((part) => `${part.sql} IS NULL`).join(' OR ')} THEN NULL ELSE ${call} END`,
      true,
    );
  };
}
