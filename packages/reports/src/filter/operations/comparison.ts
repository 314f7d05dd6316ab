/** Equality and order with json-logic's loose semantics, including timestamp columns against dates. */
import {
  definite,
  nullToZero,
  type Operation,
  type Pointer,
  type TranslationContext,
  typeMismatch,
  value,
  where,
} from '../rule-to-sql';
import { booleanExpression, type SqlExpression } from '../sql-expression';
import { fail, pathOf } from '../translation-error';

type Comparison = '==' | '!=' | '===' | '!==' | '<' | '<=' | '>' | '>=';
const flipped: Record<string, Comparison> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

function compareTimestamp(
  operator: Comparison,
  column: SqlExpression,
  other: SqlExpression,
  context: TranslationContext,
  pointer: Pointer,
): SqlExpression {
  if (operator === '==' || operator === '!=' || operator === '===' || operator === '!==') {
    fail('filter.timestampEquality', where(context, pointer), {
      'zh-CN': '时间戳只能用 <、<=、>、>= 比较',
      en: 'timestamps compare with <, <=, > and >= only',
    });
  }
  if (other.type === 'timestamptz') return definite(`${column.sql} ${operator} ${other.sql}`, true);
  if (other.type !== 'text' || (other.origin !== 'literal' && other.origin !== 'parameter'))
    typeMismatch(context, pointer, column, other);
  if (other.dateOnly && other.origin === 'literal' && !context.toLocalIso(`${String(other.literal)}T00:00:00Z`)) {
    fail('filter.invalidDate', pathOf(context.base, other.pointer ?? pointer), {
      'zh-CN': `"${String(other.literal)}" 不是有效的日期`,
      en: `"${String(other.literal)}" is not a valid date`,
    });
  }
  if (other.dateOnly) {
    // A date sorts before every time of that day, so `<= day` means "before the day starts".
    const date = other.asDate ? other.asDate() : `(${other.sql})::date`;
    const start = `(${date}::timestamp AT TIME ZONE ${context.parameters.shared('timeZone', context.timeZone, 'text')})`;
    const adjusted = operator === '<=' ? '<' : operator === '>' ? '>=' : operator;
    return definite(`${column.sql} ${adjusted} ${start}`, true);
  }
  if (other.origin === 'literal') {
    const normalised = context.toLocalIso(String(other.literal));
    if (normalised === null) {
      fail('filter.invalidTimestamp', pathOf(context.base, other.pointer ?? pointer), {
        'zh-CN': `"${String(other.literal)}" 不是有效的日期时间`,
        en: `"${String(other.literal)}" is not a valid date-time`,
      });
    }
    context.literalRewrites.push({ pointer: other.pointer!, value: normalised });
  }
  return definite(
    `${column.sql} ${operator} ${other.asInstant ? other.asInstant() : `(${other.sql})::timestamptz`}`,
    true,
  );
}

function compare(
  operator: Comparison,
  left: SqlExpression,
  right: SqlExpression,
  context: TranslationContext,
  pointer: Pointer,
): SqlExpression {
  if (right.type === 'timestamptz' && left.type !== 'timestamptz') {
    const mirrored = flipped[operator] ?? operator;
    return compare(mirrored, right, left, context, pointer);
  }
  if (left.type === 'timestamptz') return compareTimestamp(operator, left, right, context, pointer);
  if (left.field?.type === 'money' && right.field?.type === 'money') {
    // Two decimal strings compare as text in json-logic ("100.00" < "99.00"), never as amounts.
    fail('filter.moneyComparison', where(context, pointer), {
      'zh-CN': '两个金额字段请用 money<、money== 等金额运算比较',
      en: 'compare two money fields with money<, money== and the other money operations',
    });
  }
  const equality = operator === '==' || operator === '!=' || operator === '===' || operator === '!==';
  if (equality) {
    if (left.type === 'null' || right.type === 'null') {
      const other = left.type === 'null' ? right : left;
      const positive = operator === '==' || operator === '===';
      return booleanExpression(`(${other.sql} IS ${positive ? '' : 'NOT '}NULL)`);
    }
    if (left.type !== right.type || left.type === 'jsonb' || left.type.endsWith('List'))
      typeMismatch(context, pointer, left, right);
    if ((operator === '===' || operator === '!==') && (left.field?.type === 'money' || right.field?.type === 'money')) {
      fail('filter.strictMoney', where(context, pointer), {
        'zh-CN': '金额是十进制字符串，请用 == 或 money== 比较',
        en: 'money values are decimal strings; compare them with == or money==',
      });
    }
    const positive = operator === '==' || operator === '===';
    return booleanExpression(`(${left.sql} IS ${positive ? 'NOT ' : ''}DISTINCT FROM ${right.sql})`);
  }
  if (left.type === 'null' || right.type === 'null') {
    const other = left.type === 'null' ? right : left;
    if (other.type !== 'numeric') typeMismatch(context, pointer, left, right);
  } else if (left.type !== right.type) {
    typeMismatch(context, pointer, left, right);
  }
  const type = left.type === 'null' ? right.type : left.type;
  if (type === 'numeric') {
    const a = nullToZero(left);
    const b = nullToZero(right);
    return definite(`${a.sql} ${operator} ${b.sql}`, a.nullable || b.nullable);
  }
  if (type === 'text') return textRelational(operator, left, right);
  typeMismatch(context, pointer, left, right);
}

function holds(operator: Comparison, a: number, b: number): boolean {
  switch (operator) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    default:
      return a >= b;
  }
}

/**
 * Text order in code points; when a side is missing, JavaScript compares numbers instead
 * (null is 0, "" is 0, "abc" is NaN), which a literal lets us settle here.
 */
function textRelational(operator: Comparison, left: SqlExpression, right: SqlExpression): SqlExpression {
  const ordered = `${left.sql} ${operator} ${right.sql} COLLATE "C"`;
  if (!left.nullable && !right.nullable) return booleanExpression(`(${ordered})`);
  const asNumber = (side: SqlExpression): number | undefined =>
    side.type === 'null'
      ? 0
      : side.origin === 'literal' && typeof side.literal === 'string'
        ? Number(side.literal)
        : undefined;
  const leftNumber = asNumber(left);
  const rightNumber = asNumber(right);
  let whenMissing: string;
  if (leftNumber !== undefined || rightNumber !== undefined) {
    const a = leftNumber ?? 0;
    const b = rightNumber ?? 0;
    whenMissing = !Number.isNaN(a) && !Number.isNaN(b) && holds(operator, a, b) ? 'TRUE' : 'FALSE';
  } else {
    // Two missing values compare as 0 and 0; one missing beside a text is taken as not comparable.
    whenMissing = operator === '<=' || operator === '>=' ? `(${left.sql} IS NULL AND ${right.sql} IS NULL)` : 'FALSE';
  }
  return booleanExpression(
    `(CASE WHEN ${left.sql} IS NULL OR ${right.sql} IS NULL THEN ${whenMissing} ELSE ${ordered} END)`,
  );
}

export function comparison(operator: Comparison): Operation {
  return (args, context, pointer) => {
    const relational = !['==', '!=', '===', '!=='].includes(operator);
    if (relational && args.length === 3 && (operator === '<' || operator === '<=')) {
      const [a, b, c] = [0, 1, 2].map((index) => value(args, index, context, pointer));
      const first = compare(operator, a!, b!, context, pointer);
      const second = compare(operator, b!, c!, context, pointer);
      return booleanExpression(`(${first.sql} AND ${second.sql})`);
    }
    if (args.length !== 2) {
      fail('filter.arity', where(context, pointer), {
        'zh-CN': `运算 "${operator}" 需要两个参数`,
        en: `the operation "${operator}" takes two arguments`,
      });
    }
    return compare(operator, value(args, 0, context, pointer), value(args, 1, context, pointer), context, pointer);
  };
}
