/** `in` and `contains`: list membership, substrings and JSON array items. */
import { at, definite, type Operation, typeMismatch, value } from '../rule-to-sql';
import { booleanExpression } from '../sql-expression';
import { fail, pathOf } from '../translation-error';

export const membership: Operation = (args, context, pointer) => {
  const needle = value(args, 0, context, pointer);
  const haystack = args[1];
  if (Array.isArray(haystack)) {
    if (haystack.length === 0) return booleanExpression('FALSE');
    const kinds = new Set(haystack.map((item) => typeof item));
    if (kinds.size !== 1 || !(kinds.has('string') || kinds.has('number'))) {
      fail('filter.inList', pathOf(context.base, at(pointer, 1)), {
        'zh-CN': 'in 的列表必须全部是文本或全部是数字',
        en: 'the list of "in" must hold only strings or only numbers',
      });
    }
    const numeric = kinds.has('number');
    if (needle.type !== (numeric ? 'numeric' : 'text') || needle.field?.type === 'money')
      typeMismatch(context, pointer, needle, {
        sql: '',
        type: numeric ? 'numericList' : 'textList',
        nullable: false,
        origin: 'literal',
      });
    const list = context.parameters.add(numeric ? haystack.map(String) : haystack, numeric ? 'numeric[]' : 'text[]');
    return definite(`${needle.sql} = ANY(${list})`, true);
  }
  const container = value(args, 1, context, pointer);
  if (container.type === 'textList' || container.type === 'numericList') {
    if (needle.type !== (container.type === 'textList' ? 'text' : 'numeric'))
      typeMismatch(context, pointer, needle, container);
    return definite(`${needle.sql} = ANY(${container.sql})`, true);
  }
  if (container.type === 'text') {
    if (needle.type !== 'text') typeMismatch(context, pointer, needle, container);
    // String(null) is "null" in JavaScript, and indexOf searches for exactly that.
    return definite(`strpos(${container.sql}, COALESCE(${needle.sql}, 'null')) > 0`, true);
  }
  if (container.type === 'jsonb') {
    if (needle.type !== 'text' && needle.type !== 'numeric' && needle.type !== 'boolean')
      typeMismatch(context, pointer, needle, container);
    return definite(`${container.sql} @> jsonb_build_array(${needle.sql})`, true);
  }
  typeMismatch(context, pointer, needle, container);
};

export const contains: Operation = (args, context, pointer) => {
  const container = value(args, 0, context, pointer);
  const item = value(args, 1, context, pointer);
  if (container.type === 'jsonb') {
    if (item.type !== 'text' && item.type !== 'numeric' && item.type !== 'boolean')
      typeMismatch(context, pointer, container, item);
    return definite(`${container.sql} @> jsonb_build_array(${item.sql})`, true);
  }
  if (
    (container.type === 'textList' || container.type === 'numericList') &&
    item.type === (container.type === 'textList' ? 'text' : 'numeric')
  ) {
    return definite(`${item.sql} = ANY(${container.sql})`, true);
  }
  if (container.type !== 'text' || item.type !== 'text') typeMismatch(context, pointer, container, item);
  return definite(`strpos(${container.sql}, ${item.sql}) > 0`, true);
};
