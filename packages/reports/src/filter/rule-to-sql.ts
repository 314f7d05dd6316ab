/**
 * Translates a JSON-logic rule into a Postgres boolean expression with json-logic's semantics
 * (truthiness, loose equality, missing values read as null). Each operation is one entry of
 * `operations`; an operation without a faithful SQL form is a translation error naming it.
 */
import type { Rule } from '@tessera/rules';
import type { ParameterDefinition } from '../definition/types';
import type { FieldResolver, SqlType } from '../source/fields';
import { SqlParameters } from '../sql/sql-text';
import { booleanExpression, lazySql, type SqlExpression, truthOf } from './sql-expression';
import { fail, pathOf } from './translation-error';

export interface TranslationContext {
  resolver: FieldResolver;
  parameters: SqlParameters;
  parameterDefinitions: Record<string, ParameterDefinition>;
  /** Resolved parameter values; null for a parameter left empty. */
  parameterValues: Record<string, unknown>;
  timeZone: string;
  /** Where the rule sits in the definition, e.g. `datasets[0].filter`. */
  base: string;
  /** Literals the in-memory rule must carry normalised (timestamps compared with a timestamp column). */
  literalRewrites: { pointer: (string | number)[]; value: unknown }[];
  toLocalIso: (text: string) => string | null;
  /** The caller's current instant for `now`, as an ISO text (time never comes from the clock). */
  now?: string;
}

type Pointer = (string | number)[];
type Operation = (args: unknown[], context: TranslationContext, pointer: Pointer) => SqlExpression;

const dateOnlyPattern = /^\d{4}-\d{2}-\d{2}$/;

function operationOf(node: unknown, context: TranslationContext, pointer: Pointer): [string, unknown[]] | undefined {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
  const keys = Object.keys(node);
  if (keys.length !== 1) {
    fail('filter.invalid', pathOf(context.base, pointer), {
      'zh-CN': '规则对象必须只有一个运算符键',
      en: 'a rule object must have exactly one operation key',
    });
  }
  const operator = keys[0]!;
  const raw = (node as Record<string, unknown>)[operator];
  return [operator, Array.isArray(raw) ? raw : [raw]];
}

function argumentPointer(pointer: Pointer, operator: string, raw: unknown, index: number): Pointer {
  return Array.isArray(raw) ? [...pointer, operator, index] : [...pointer, operator];
}

/** The rule as a SQL condition (never NULL). */
export function translateCondition(rule: Rule, context: TranslationContext, pointer: Pointer = []): string {
  const operation = operationOf(rule, context, pointer);
  if (operation) {
    const [operator, args] = operation;
    const raw = (rule as Record<string, unknown>)[operator];
    const at = (index: number) => argumentPointer(pointer, operator, raw, index);
    if (operator === 'and' || operator === 'or') {
      if (args.length === 0) return operator === 'and' ? 'TRUE' : 'FALSE';
      const parts = args.map((arg, index) => translateCondition(arg, context, at(index)));
      return `(${parts.join(operator === 'and' ? ' AND ' : ' OR ')})`;
    }
    if (operator === '!') return `(NOT ${translateCondition(args[0], context, at(0))})`;
    if (operator === '!!') return translateCondition(args[0], context, at(0));
    if (operator === 'if' || operator === '?:') {
      if (args.length === 0) return 'FALSE';
      let sql = 'CASE';
      let index = 0;
      for (; index + 1 < args.length; index += 2) {
        sql += ` WHEN ${translateCondition(args[index], context, at(index))} THEN ${translateCondition(args[index + 1], context, at(index + 1))}`;
      }
      sql += ` ELSE ${index < args.length ? translateCondition(args[index], context, at(index)) : 'FALSE'} END`;
      return `(${sql})`;
    }
  }
  return truthOf(translateValue(rule, context, pointer));
}

/** The rule as a typed SQL value. */
export function translateValue(node: unknown, context: TranslationContext, pointer: Pointer = []): SqlExpression {
  if (node === null || node === undefined) return { sql: 'NULL', type: 'null', nullable: true, origin: 'literal' };
  if (typeof node === 'string') {
    return lazySql({
      type: 'text',
      nullable: false,
      origin: 'literal',
      dateOnly: dateOnlyPattern.test(node),
      asDate: () => context.parameters.add(node, 'date'),
      asInstant: () => context.parameters.add(node, 'timestamptz'),
      pointer,
      literal: node,
    }, () => context.parameters.add(node, 'text'));
  }
  if (typeof node === 'number') {
    if (!Number.isFinite(node)) {
      fail('filter.invalidNumber', pathOf(context.base, pointer), { 'zh-CN': '数字无效', en: 'the number is not finite' });
    }
    return { sql: context.parameters.add(String(node), 'numeric'), type: 'numeric', nullable: false, origin: 'literal', literal: node };
  }
  if (typeof node === 'boolean') return { sql: node ? 'TRUE' : 'FALSE', type: 'boolean', nullable: false, origin: 'literal', literal: node };
  if (Array.isArray(node)) {
    fail('filter.arrayValue', pathOf(context.base, pointer), {
      'zh-CN': '数组只能作为 in 的第二个参数',
      en: 'an array is only allowed as the second argument of "in"',
    });
  }
  const [operator, args] = operationOf(node, context, pointer)!;
  const operation = operations[operator];
  if (!operation) {
    fail('filter.unsupportedOperation', pathOf(context.base, [...pointer, operator]), {
      'zh-CN': `运算 "${operator}" 无法转换为 SQL，不能用于报表筛选`,
      en: `the operation "${operator}" has no SQL translation and cannot filter a report`,
    });
  }
  const raw = (node as Record<string, unknown>)[operator];
  return operation(args, context, [...pointer, operator, ...(Array.isArray(raw) ? [] : ['#single'])]);
}

function at(pointer: Pointer, index: number): Pointer {
  return pointer[pointer.length - 1] === '#single' ? pointer.slice(0, -1) : [...pointer, index];
}

function value(args: unknown[], index: number, context: TranslationContext, pointer: Pointer): SqlExpression {
  return translateValue(args[index], context, at(pointer, index));
}

function where(context: TranslationContext, pointer: Pointer): string {
  return pathOf(context.base, pointer[pointer.length - 1] === '#single' ? pointer.slice(0, -1) : pointer);
}

function typeMismatch(context: TranslationContext, pointer: Pointer, left: SqlExpression, right: SqlExpression): never {
  fail('filter.typeMismatch', where(context, pointer), {
    'zh-CN': `无法比较 ${left.type} 与 ${right.type}，请使用相同类型的值`,
    en: `cannot compare ${left.type} with ${right.type}; use a value of the same type`,
  });
}

// ---- var and parameters -------------------------------------------------------------------

function parameterExpression(name: string, context: TranslationContext, pointer: Pointer): SqlExpression {
  const definition = context.parameterDefinitions[name];
  if (!definition) {
    fail('filter.unknownParameter', where(context, pointer), {
      'zh-CN': `未声明的参数 "${name}"`,
      en: `the parameter "${name}" is not declared`,
    });
  }
  const given = context.parameterValues[name] ?? null;
  const key = `param:${name}`;
  switch (definition.type) {
    case 'number':
      return { sql: context.parameters.shared(key, given === null ? null : String(given), 'numeric'), type: 'numeric', nullable: given === null, origin: 'parameter' };
    case 'boolean':
      return { sql: context.parameters.shared(key, given, 'boolean'), type: 'boolean', nullable: given === null, origin: 'parameter' };
    case 'stringList':
      return { sql: context.parameters.shared(key, given, 'text[]'), type: 'textList', nullable: given === null, origin: 'parameter' };
    case 'date':
      return lazySql({
        type: 'text',
        nullable: given === null,
        origin: 'parameter',
        dateOnly: true,
        temporal: 'date',
        asDate: () => context.parameters.shared(`${key}:date`, given, 'date'),
      }, () => context.parameters.shared(key, given, 'text'));
    case 'datetime':
      return lazySql({
        type: 'text',
        nullable: given === null,
        origin: 'parameter',
        temporal: 'datetime',
        asInstant: () => context.parameters.shared(`${key}:instant`, given, 'timestamptz'),
      }, () => context.parameters.shared(key, given, 'text'));
    default:
      return { sql: context.parameters.shared(key, given, 'text'), type: 'text', nullable: given === null, origin: 'parameter' };
  }
}

const variable: Operation = (args, context, pointer) => {
  const path = args[0];
  if (typeof path !== 'string' || path === '') {
    fail('filter.invalidVar', where(context, pointer), {
      'zh-CN': 'var 必须指向一个字段路径',
      en: 'var must name a field path',
    });
  }
  if (args.length > 1 && args[1] !== null) {
    fail('filter.varDefault', where(context, pointer), {
      'zh-CN': '报表筛选中的 var 不支持默认值',
      en: 'var with a default value is not supported in report filters',
    });
  }
  if (path.startsWith('$params.')) return parameterExpression(path.slice('$params.'.length), context, pointer);
  const field = context.resolver.resolve(path);
  if (!field) {
    fail('filter.unknownField', where(context, pointer), {
      'zh-CN': `字段 "${path}" 不存在于数据源中`,
      en: `the field "${path}" does not exist in the source`,
    });
  }
  return { sql: field.sql, type: field.sqlType, nullable: true, origin: 'field', field };
};

// ---- comparison ----------------------------------------------------------------------------

type Comparison = '==' | '!=' | '===' | '!==' | '<' | '<=' | '>' | '>=';
const flipped: Record<string, Comparison> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

function nullToZero(expression: SqlExpression): SqlExpression {
  // json-logic's relational operators read a missing number as 0 (JavaScript's ToNumber(null)).
  if (expression.nullable && !expression.nullMeansNaN && expression.type === 'numeric') return { ...expression, sql: `COALESCE(${expression.sql}, 0)`, nullable: false };
  if (expression.type === 'null') return { ...expression, sql: '0', type: 'numeric', nullable: false };
  return expression;
}

function definite(sql: string, nullable: boolean): SqlExpression {
  return booleanExpression(nullable ? `COALESCE(${sql}, FALSE)` : `(${sql})`);
}

function compareTimestamp(operator: Comparison, column: SqlExpression, other: SqlExpression, context: TranslationContext, pointer: Pointer): SqlExpression {
  if (operator === '==' || operator === '!=' || operator === '===' || operator === '!==') {
    fail('filter.timestampEquality', where(context, pointer), {
      'zh-CN': '时间戳只能用 <、<=、>、>= 比较',
      en: 'timestamps compare with <, <=, > and >= only',
    });
  }
  if (other.type === 'timestamptz') return definite(`${column.sql} ${operator} ${other.sql}`, true);
  if (other.type !== 'text' || (other.origin !== 'literal' && other.origin !== 'parameter')) typeMismatch(context, pointer, column, other);
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
  return definite(`${column.sql} ${operator} ${other.asInstant ? other.asInstant() : `(${other.sql})::timestamptz`}`, true);
}

function compare(operator: Comparison, left: SqlExpression, right: SqlExpression, context: TranslationContext, pointer: Pointer): SqlExpression {
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
    if (left.type !== right.type || left.type === 'jsonb' || left.type.endsWith('List')) typeMismatch(context, pointer, left, right);
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
    side.type === 'null' ? 0 : side.origin === 'literal' && typeof side.literal === 'string' ? Number(side.literal) : undefined;
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
  return booleanExpression(`(CASE WHEN ${left.sql} IS NULL OR ${right.sql} IS NULL THEN ${whenMissing} ELSE ${ordered} END)`);
}

function comparison(operator: Comparison): Operation {
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

// ---- logic used as a value -------------------------------------------------------------------

const not: Operation = (args, context, pointer) => booleanExpression(`(NOT ${translateCondition(args[0], context, at(pointer, 0))})`);
const doubleNot: Operation = (args, context, pointer) => booleanExpression(translateCondition(args[0], context, at(pointer, 0)));

function logic(operator: 'and' | 'or'): Operation {
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

// ---- membership ------------------------------------------------------------------------------

const membership: Operation = (args, context, pointer) => {
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
    if (needle.type !== (numeric ? 'numeric' : 'text') || needle.field?.type === 'money') typeMismatch(context, pointer, needle, { sql: '', type: numeric ? 'numericList' : 'textList', nullable: false, origin: 'literal' });
    const list = context.parameters.add(numeric ? haystack.map(String) : haystack, numeric ? 'numeric[]' : 'text[]');
    return definite(`${needle.sql} = ANY(${list})`, true);
  }
  const container = value(args, 1, context, pointer);
  if (container.type === 'textList' || container.type === 'numericList') {
    if (needle.type !== (container.type === 'textList' ? 'text' : 'numeric')) typeMismatch(context, pointer, needle, container);
    return definite(`${needle.sql} = ANY(${container.sql})`, true);
  }
  if (container.type === 'text') {
    if (needle.type !== 'text') typeMismatch(context, pointer, needle, container);
    // String(null) is "null" in JavaScript, and indexOf searches for exactly that.
    return definite(`strpos(${container.sql}, COALESCE(${needle.sql}, 'null')) > 0`, true);
  }
  if (container.type === 'jsonb') {
    if (needle.type !== 'text' && needle.type !== 'numeric' && needle.type !== 'boolean') typeMismatch(context, pointer, needle, container);
    return definite(`${container.sql} @> jsonb_build_array(${needle.sql})`, true);
  }
  typeMismatch(context, pointer, needle, container);
};

// ---- arithmetic ------------------------------------------------------------------------------

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
function sumOrProduct(operator: '+' | '*'): Operation {
  return (args, context, pointer) => {
    const parts = numeric(args, context, pointer);
    if (parts.length === 0) return arithmetic(operator === '+' ? '0' : 'NULL::numeric', operator === '*');
    return arithmetic(parts.map((part) => part.sql).join(` ${operator} `), parts.some((part) => part.nullable));
  };
}

/** `-`, `/` and `%` use JavaScript's operators, which read null as 0. */
const minus: Operation = (args, context, pointer) => {
  const parts = numeric(args, context, pointer).map(nullToZero);
  if (parts.length === 1) return arithmetic(`-${parts[0]!.sql}`, parts[0]!.nullable);
  return arithmetic(`${parts[0]!.sql} - ${parts[1]!.sql}`, parts[0]!.nullable || parts[1]!.nullable);
};

const divide: Operation = (args, context, pointer) => {
  const [a, b] = numeric(args, context, pointer).map(nullToZero);
  // Division by zero is ±Infinity in JavaScript (NaN for 0/0, NULL here), never an SQL error.
  return arithmetic(
    `CASE WHEN ${b!.sql} = 0 THEN CASE WHEN ${a!.sql} > 0 THEN 'Infinity'::numeric WHEN ${a!.sql} < 0 THEN '-Infinity'::numeric END ELSE ${a!.sql} / ${b!.sql} END`,
    true,
  );
};

const modulo: Operation = (args, context, pointer) => {
  const [a, b] = numeric(args, context, pointer).map(nullToZero);
  return arithmetic(`${a!.sql} % NULLIF(${b!.sql}, 0)`, true);
};

// ---- strings ---------------------------------------------------------------------------------

function text(args: unknown[], index: number, context: TranslationContext, pointer: Pointer): SqlExpression {
  const expression = value(args, index, context, pointer);
  if (expression.type !== 'text' && expression.type !== 'null') {
    fail('filter.notText', pathOf(context.base, at(pointer, index)), {
      'zh-CN': `这里需要文本，实际是 ${expression.type}`,
      en: `text is needed here, found ${expression.type}`,
    });
  }
  return expression;
}

const concatenate: Operation = (args, context, pointer) => {
  const parts = args.map((_, index) => text(args, index, context, pointer));
  return { sql: `concat(${parts.map((part) => part.sql).join(', ')})`, type: 'text', nullable: false, origin: 'expression' };
};

// ---- bank string, money and date operations -----------------------------------------------

function textTest(build: (value: string, fragment: string) => string): Operation {
  return (args, context, pointer) => {
    const value = text(args, 0, context, pointer);
    const fragment = text(args, 1, context, pointer);
    return definite(build(value.sql, fragment.sql), true);
  };
}

const contains: Operation = (args, context, pointer) => {
  const container = value(args, 0, context, pointer);
  const item = value(args, 1, context, pointer);
  if (container.type === 'jsonb') {
    if (item.type !== 'text' && item.type !== 'numeric' && item.type !== 'boolean') typeMismatch(context, pointer, container, item);
    return definite(`${container.sql} @> jsonb_build_array(${item.sql})`, true);
  }
  if ((container.type === 'textList' || container.type === 'numericList') && item.type === (container.type === 'textList' ? 'text' : 'numeric')) {
    return definite(`${item.sql} = ANY(${container.sql})`, true);
  }
  if (container.type !== 'text' || item.type !== 'text') typeMismatch(context, pointer, container, item);
  return definite(`strpos(${container.sql}, ${item.sql}) > 0`, true);
};

const length: Operation = (args, context, pointer) => {
  const subject = value(args, 0, context, pointer);
  if (subject.type === 'text') return { sql: `COALESCE(char_length(${subject.sql}), 0)`, type: 'numeric', nullable: false, origin: 'expression' };
  if (subject.type === 'jsonb') {
    return { sql: `COALESCE(CASE WHEN jsonb_typeof(${subject.sql}) = 'array' THEN jsonb_array_length(${subject.sql}) END, 0)`, type: 'numeric', nullable: false, origin: 'expression' };
  }
  if (subject.type === 'textList' || subject.type === 'numericList') return { sql: `COALESCE(cardinality(${subject.sql}), 0)`, type: 'numeric', nullable: false, origin: 'expression' };
  return fail('filter.notText', where(context, pointer), { 'zh-CN': `length 需要文本或数组，这里是 ${subject.type}`, en: `length needs text or an array, found ${subject.type}` });
};

const decimalPattern = /^-?\d+(\.\d+)?$/;

function moneyOperand(args: unknown[], index: number, context: TranslationContext, pointer: Pointer): SqlExpression {
  const raw = args[index];
  if (typeof raw === 'string') {
    if (!decimalPattern.test(raw)) {
      fail('filter.invalidAmount', pathOf(context.base, at(pointer, index)), { 'zh-CN': `"${raw}" 不是金额`, en: `"${raw}" is not an amount` });
    }
    return { sql: context.parameters.add(raw, 'numeric'), type: 'numeric', nullable: false, origin: 'literal' };
  }
  const expression = value(args, index, context, pointer);
  if (expression.type !== 'numeric' && expression.type !== 'null') {
    fail('filter.notANumber', pathOf(context.base, at(pointer, index)), { 'zh-CN': `金额比较需要金额或数字，这里是 ${expression.type}`, en: `money comparison needs amounts, found ${expression.type}` });
  }
  return expression;
}

/** Money comparisons compare decimal values, and are false when either amount is absent. */
function moneyComparison(operator: string): Operation {
  return (args, context, pointer) => {
    const left = moneyOperand(args, 0, context, pointer);
    const right = moneyOperand(args, 1, context, pointer);
    return definite(`${left.sql} ${operator} ${right.sql}`, true);
  };
}

function temporalKind(expression: SqlExpression): 'date' | 'datetime' | undefined {
  if (expression.type === 'timestamptz') return 'datetime';
  if (expression.temporal) return expression.temporal;
  if (expression.field?.type === 'date') return 'date';
  if (expression.field?.type === 'datetime') return 'datetime';
  if (expression.origin === 'literal' && typeof expression.literal === 'string') return expression.dateOnly ? 'date' : 'datetime';
  return undefined;
}

function temporal(args: unknown[], index: number, context: TranslationContext, pointer: Pointer): { expression: SqlExpression; kind: 'date' | 'datetime' } {
  const expression = value(args, index, context, pointer);
  const kind = temporalKind(expression);
  if (!kind || (expression.type !== 'text' && expression.type !== 'timestamptz')) {
    fail('filter.notADate', pathOf(context.base, at(pointer, index)), { 'zh-CN': '这里需要日期或日期时间', en: 'a date or date-time is needed here' });
  }
  if (expression.origin === 'literal' && !context.toLocalIso(String(expression.literal))) {
    fail('filter.invalidTimestamp', pathOf(context.base, at(pointer, index)), { 'zh-CN': `"${String(expression.literal)}" 不是有效的日期`, en: `"${String(expression.literal)}" is not a valid date` });
  }
  return { expression, kind };
}

/** The calendar date as written: the local date of a timestamp column in the dataset's zone, the first ten characters of text. */
function calendarDate(expression: SqlExpression, context: TranslationContext): string {
  if (expression.type === 'timestamptz') return `(${expression.sql} AT TIME ZONE ${context.parameters.shared('timeZone', context.timeZone, 'text')})::date`;
  if (expression.dateOnly && expression.asDate) return expression.asDate();
  return `left(${expression.sql}, 10)::date`;
}

function instant(expression: SqlExpression): string {
  if (expression.type === 'timestamptz') return expression.sql;
  return expression.asInstant ? expression.asInstant() : `(${expression.sql})::timestamptz`;
}

function temporalComparison(operator: '<' | '>'): Operation {
  return (args, context, pointer) => {
    const left = temporal(args, 0, context, pointer);
    const right = temporal(args, 1, context, pointer);
    if (left.kind === 'datetime' && right.kind === 'datetime') return definite(`${instant(left.expression)} ${operator} ${instant(right.expression)}`, true);
    return definite(`${calendarDate(left.expression, context)} ${operator} ${calendarDate(right.expression, context)}`, true);
  };
}

const daysBetween: Operation = (args, context, pointer) => {
  const from = temporal(args, 0, context, pointer);
  const to = temporal(args, 1, context, pointer);
  return { sql: `(${calendarDate(to.expression, context)} - ${calendarDate(from.expression, context)})`, type: 'numeric', nullable: true, origin: 'expression' };
};

const now: Operation = (_args, context, pointer) => {
  if (!context.now) {
    fail('filter.nowMissing', where(context, pointer), { 'zh-CN': '规则用到当前时间，但没有传入 now', en: 'the rule needs the current time but no `now` was given' });
  }
  const value = context.now;
  return lazySql({
    type: 'text',
    nullable: false,
    origin: 'expression',
    temporal: value.length === 10 ? 'date' : 'datetime',
    dateOnly: value.length === 10,
    asDate: () => context.parameters.shared('now:date', value.slice(0, 10), 'date'),
    asInstant: () => context.parameters.shared('now:instant', value, 'timestamptz'),
  }, () => context.parameters.shared('now', value, 'text'));
};

export const operations: Record<string, Operation> = {
  startsWith: textTest((value, fragment) => `starts_with(${value}, ${fragment})`),
  endsWith: textTest((value, fragment) => `right(${value}, char_length(${fragment})) = ${fragment}`),
  contains,
  length,
  'money<': moneyComparison('<'),
  'money<=': moneyComparison('<='),
  'money>': moneyComparison('>'),
  'money>=': moneyComparison('>='),
  'money==': moneyComparison('='),
  isBefore: temporalComparison('<'),
  isAfter: temporalComparison('>'),
  daysBetween,
  now,
  var: variable,
  '==': comparison('=='),
  '===': comparison('==='),
  '!=': comparison('!='),
  '!==': comparison('!=='),
  '<': comparison('<'),
  '<=': comparison('<='),
  '>': comparison('>'),
  '>=': comparison('>='),
  '!': not,
  '!!': doubleNot,
  and: logic('and'),
  or: logic('or'),
  in: membership,
  '+': sumOrProduct('+'),
  '*': sumOrProduct('*'),
  '-': minus,
  '/': divide,
  '%': modulo,
  cat: concatenate,
};

export type { SqlType };
