/** Date operations of the rules engine: `now`, `today`, `isBefore`, `isAfter`, `daysBetween`. */
import { at, definite, type Operation, type Pointer, type TranslationContext, value, where } from '../rule-to-sql';
import { lazySql, type SqlExpression } from '../sql-expression';
import { fail, pathOf } from '../translation-error';
import { withZone } from '../../time/zoned-time';

function temporalKind(expression: SqlExpression): 'date' | 'datetime' | undefined {
  if (expression.type === 'timestamptz') return 'datetime';
  if (expression.temporal) return expression.temporal;
  if (expression.field?.type === 'date') return 'date';
  if (expression.field?.type === 'datetime') return 'datetime';
  if (expression.origin === 'literal' && typeof expression.literal === 'string')
    return expression.dateOnly ? 'date' : 'datetime';
  return undefined;
}

function temporal(
  args: unknown[],
  index: number,
  context: TranslationContext,
  pointer: Pointer,
): { expression: SqlExpression; kind: 'date' | 'datetime' } {
  const expression = value(args, index, context, pointer);
  const kind = temporalKind(expression);
  if (!kind || (expression.type !== 'text' && expression.type !== 'timestamptz')) {
    fail('filter.notADate', pathOf(context.base, at(pointer, index)), {
      'zh-CN': '这里需要日期或日期时间',
      en: 'a date or date-time is needed here',
    });
  }
  if (expression.origin === 'literal' && !context.toLocalIso(String(expression.literal))) {
    fail('filter.invalidTimestamp', pathOf(context.base, at(pointer, index)), {
      'zh-CN': `"${String(expression.literal)}" 不是有效的日期`,
      en: `"${String(expression.literal)}" is not a valid date`,
    });
  }
  return { expression, kind };
}

/** The calendar date as written: the local date of a timestamp column in the dataset's zone, the first ten characters of text. */
function calendarDate(expression: SqlExpression, context: TranslationContext): string {
  if (expression.type === 'timestamptz')
    return `(${expression.sql} AT TIME ZONE ${context.parameters.shared('timeZone', context.timeZone, 'text')})::date`;
  if (expression.dateOnly && expression.asDate) return expression.asDate();
  return `left(${expression.sql}, 10)::date`;
}

function instant(expression: SqlExpression): string {
  if (expression.type === 'timestamptz') return expression.sql;
  return expression.asInstant ? expression.asInstant() : `(${expression.sql})::timestamptz`;
}

export function temporalComparison(operator: '<' | '>'): Operation {
  return (args, context, pointer) => {
    const left = temporal(args, 0, context, pointer);
    const right = temporal(args, 1, context, pointer);
    if (left.kind === 'datetime' && right.kind === 'datetime')
      return definite(`${instant(left.expression)} ${operator} ${instant(right.expression)}`, true);
    return definite(
      `${calendarDate(left.expression, context)} ${operator} ${calendarDate(right.expression, context)}`,
      true,
    );
  };
}

export const daysBetween: Operation = (args, context, pointer) => {
  const from = temporal(args, 0, context, pointer);
  const to = temporal(args, 1, context, pointer);
  return {
    sql: `(${calendarDate(to.expression, context)} - ${calendarDate(from.expression, context)})`,
    type: 'numeric',
    nullable: true,
    origin: 'expression',
  };
};

function currentTime(context: TranslationContext, pointer: Pointer): string {
  if (!context.now) {
    fail('filter.nowMissing', where(context, pointer), {
      'zh-CN': '规则用到当前时间，但没有传入 now',
      en: 'the rule needs the current time but no `now` was given',
    });
  }
  return context.now;
}

/** `now`: the caller's instant, as the rules engine returns it (UTC ISO text, or the date when only a date was given). */
export const now: Operation = (_args, context, pointer) => {
  const given = currentTime(context, pointer);
  const dateOnly = given.length === 10;
  const value = dateOnly ? given : new Date(withZone(given)).toISOString();
  return lazySql(
    {
      type: 'text',
      nullable: false,
      origin: 'expression',
      temporal: dateOnly ? 'date' : 'datetime',
      dateOnly,
      asDate: () => context.parameters.shared('now:date', value.slice(0, 10), 'date'),
      asInstant: () => context.parameters.shared('now:instant', value, 'timestamptz'),
    },
    () => context.parameters.shared('now', value, 'text'),
  );
};

/** `today`: the calendar date of `now` as written by the caller (so `+08:00` gives the Beijing date). */
export const today: Operation = (_args, context, pointer) => {
  const value = currentTime(context, pointer).slice(0, 10);
  return lazySql(
    {
      type: 'text',
      nullable: false,
      origin: 'expression',
      temporal: 'date',
      dateOnly: true,
      asDate: () => context.parameters.shared('today:date', value, 'date'),
    },
    () => context.parameters.shared('today', value, 'text'),
  );
};
