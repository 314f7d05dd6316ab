/** Text operations: `cat`, `startsWith`, `endsWith`, `length`. */
import { at, definite, type Operation, type Pointer, type TranslationContext, value, where } from '../rule-to-sql';
import { type SqlExpression } from '../sql-expression';
import { fail, pathOf } from '../translation-error';

export function text(args: unknown[], index: number, context: TranslationContext, pointer: Pointer): SqlExpression {
  const expression = value(args, index, context, pointer);
  if (expression.type !== 'text' && expression.type !== 'null') {
    fail('filter.notText', pathOf(context.base, at(pointer, index)), {
      'zh-CN': `这里需要文本，实际是 ${expression.type}`,
      en: `text is needed here, found ${expression.type}`,
    });
  }
  return expression;
}

export const concatenate: Operation = (args, context, pointer) => {
  const parts = args.map((_, index) => text(args, index, context, pointer));
  return {
    sql: `concat(${parts.map((part) => part.sql).join(', ')})`,
    type: 'text',
    nullable: false,
    origin: 'expression',
  };
};

export function textTest(build: (value: string, fragment: string) => string): Operation {
  return (args, context, pointer) => {
    const value = text(args, 0, context, pointer);
    const fragment = text(args, 1, context, pointer);
    return definite(build(value.sql, fragment.sql), true);
  };
}

export const length: Operation = (args, context, pointer) => {
  const subject = value(args, 0, context, pointer);
  if (subject.type === 'text')
    return { sql: `COALESCE(char_length(${subject.sql}), 0)`, type: 'numeric', nullable: false, origin: 'expression' };
  if (subject.type === 'jsonb') {
    return {
      sql: `COALESCE(CASE WHEN jsonb_typeof(${subject.sql}) = 'array' THEN jsonb_array_length(${subject.sql}) END, 0)`,
      type: 'numeric',
      nullable: false,
      origin: 'expression',
    };
  }
  if (subject.type === 'textList' || subject.type === 'numericList')
    return { sql: `COALESCE(cardinality(${subject.sql}), 0)`, type: 'numeric', nullable: false, origin: 'expression' };
  return fail('filter.notText', where(context, pointer), {
    'zh-CN': `length 需要文本或数组，这里是 ${subject.type}`,
    en: `length needs text or an array, found ${subject.type}`,
  });
};
