import { RuleError } from '../rule-error';
import {
  addDaysTo,
  addMonthsTo,
  compareTemporal,
  dayNumber,
  daysInMonth,
  formatDate,
  formatInstant,
  fullYears,
  invalidDate,
  parseTemporal,
  type Temporal,
} from '../values/calendar';
import type { Operation, Runtime } from './operation';

/* Date operations. Time never comes from the clock: `now`, `today` and `age` without a second date
 * read `context.now`. An absent date (null, "") gives null, or false in comparisons. */

function nowOf(runtime: Runtime): Temporal {
  const now = parseTemporal(runtime.context?.now);
  if (!now) {
    throw new RuleError('context.now_missing', '', {
      'zh-CN': '规则用到当前时间，但调用方没有传入 now',
      en: 'the rule needs the current time but the caller passed no `now`',
    });
  }
  return now;
}

function wholeNumber(value: unknown, what: string): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || Math.abs(number) > 1_000_000) {
    throw new RuleError('date.invalid_amount', '', {
      'zh-CN': `${what === 'days' ? '天数' : '月数'}必须是整数，实际为 ${JSON.stringify(value) ?? String(value)}`,
      en: `the number of ${what} must be a whole number, not ${JSON.stringify(value) ?? String(value)}`,
    });
  }
  return number;
}

const dateLike = ['date', 'datetime', 'string', 'any'] as const;

export const dateOperations: readonly Operation[] = [
  {
    name: 'now',
    needsRuntime: true,
    category: 'date',
    summary: 'The current instant passed by the caller in `context.now`, as an ISO datetime (a date-only `now` stays a date).',
    examples: [{ rule: { now: [] }, context: { now: '2026-11-23T08:00:00Z' }, result: '2026-11-23T08:00:00.000Z' }],
    arity: [0, 0],
    call(_values, runtime) {
      const now = nowOf(runtime);
      return now.kind === 'date' ? formatDate(now.year, now.month, now.day) : formatInstant(now.instant);
    },
    signature: { returns: 'datetime' },
  },
  {
    name: 'today',
    needsRuntime: true,
    category: 'date',
    summary: "The calendar date of `context.now`, as written in it (pass `now` with the bank's offset, e.g. +08:00).",
    examples: [{ rule: { today: [] }, context: { now: '2026-11-23T23:30:00+08:00' }, result: '2026-11-23' }],
    arity: [0, 0],
    call(_values, runtime) {
      const now = nowOf(runtime);
      return formatDate(now.year, now.month, now.day);
    },
    signature: { returns: 'date' },
  },
  {
    name: 'date',
    category: 'date',
    summary: 'The calendar date of a date or datetime; or a date built from year, month and day.',
    examples: [
      { rule: { date: '2026-11-23T08:00:00Z' }, result: '2026-11-23' },
      { rule: { date: [2026, 2, 29] }, result: null },
      { rule: { date: [2028, 2, 29] }, result: '2028-02-29' },
    ],
    arity: [1, 3],
    pure: true,
    call(values) {
      if (values.length === 3) {
        const [year, month, day] = values.map((value) => Number(value));
        if (![year, month, day].every(Number.isInteger) || year! < 1 || year! > 9999 || month! < 1 || month! > 12) return null;
        return day! >= 1 && day! <= daysInMonth(year!, month!) ? formatDate(year!, month!, day!) : null;
      }
      if (values.length !== 1) throw invalidDate(values);
      const value = parseTemporal(values[0]);
      return value ? formatDate(value.year, value.month, value.day) : null;
    },
    signature: { accepts: [dateLike, ['integer', 'number', 'any'], ['integer', 'number', 'any']], returns: 'date' },
  },
  {
    name: 'addDays',
    category: 'date',
    summary: 'A date (or datetime) moved by a whole number of days, negative to go back.',
    examples: [{ rule: { addDays: ['2026-12-30', 3] }, result: '2027-01-02' }],
    arity: [2, 2],
    pure: true,
    call(values) {
      const value = parseTemporal(values[0]);
      return value ? addDaysTo(value, wholeNumber(values[1], 'days')) : null;
    },
    signature: { accepts: [dateLike, ['integer', 'number', 'any']], returns: (types) => (types[0] === 'datetime' ? 'datetime' : 'date') },
  },
  {
    name: 'addMonths',
    category: 'date',
    summary: 'A date moved by whole months; the day is kept unless the month is shorter (31 Jan + 1 month = 28/29 Feb).',
    examples: [{ rule: { addMonths: ['2026-01-31', 1] }, result: '2026-02-28' }],
    arity: [2, 2],
    pure: true,
    call(values) {
      const value = parseTemporal(values[0]);
      return value ? addMonthsTo(value, wholeNumber(values[1], 'months')) : null;
    },
    signature: { accepts: [dateLike, ['integer', 'number', 'any']], returns: (types) => (types[0] === 'datetime' ? 'datetime' : 'date') },
  },
  {
    name: 'addYears',
    category: 'date',
    summary: 'A date moved by whole years (29 Feb + 1 year = 28 Feb).',
    examples: [{ rule: { addYears: ['2028-02-29', 1] }, result: '2029-02-28' }],
    arity: [2, 2],
    pure: true,
    call(values) {
      const value = parseTemporal(values[0]);
      return value ? addMonthsTo(value, 12 * wholeNumber(values[1], 'months')) : null;
    },
    signature: { accepts: [dateLike, ['integer', 'number', 'any']], returns: (types) => (types[0] === 'datetime' ? 'datetime' : 'date') },
  },
  {
    name: 'daysBetween',
    category: 'date',
    summary: 'Calendar days from the first date to the second (negative when the second is earlier).',
    examples: [{ rule: { daysBetween: ['2026-11-01', { var: 'dueDate' }] }, data: { dueDate: '2026-11-23' }, result: 22 }],
    arity: [2, 2],
    pure: true,
    call(values) {
      const from = parseTemporal(values[0]);
      const to = parseTemporal(values[1]);
      return from && to ? dayNumber(to) - dayNumber(from) : null;
    },
    signature: { accepts: [dateLike], returns: 'integer' },
  },
  {
    name: 'age',
    needsRuntime: true,
    category: 'date',
    summary: 'Full years from a birth date to a second date, or to the date of `context.now`.',
    examples: [{ rule: { age: { var: 'birthDate' } }, data: { birthDate: '1990-11-24' }, context: { now: '2026-11-23' }, result: 35 }],
    arity: [1, 2],
    call(values, runtime) {
      const birth = parseTemporal(values[0]);
      if (!birth) return null;
      const asOf = values.length > 1 ? parseTemporal(values[1]) : nowOf(runtime);
      return asOf ? fullYears(birth, asOf) : null;
    },
    signature: { accepts: [dateLike], returns: 'integer' },
  },
  {
    name: 'isBefore',
    category: 'date',
    summary: 'Whether the first date is earlier than the second (instants when both are datetimes, else calendar dates).',
    examples: [{ rule: { isBefore: [{ var: 'expiry' }, '2026-12-01'] }, data: { expiry: '2026-11-30' }, result: true }],
    arity: [2, 2],
    pure: true,
    call(values) {
      const left = parseTemporal(values[0]);
      const right = parseTemporal(values[1]);
      return !!left && !!right && compareTemporal(left, right) < 0;
    },
    signature: { accepts: [dateLike], returns: 'boolean' },
  },
  {
    name: 'isAfter',
    category: 'date',
    summary: 'Whether the first date is later than the second.',
    examples: [{ rule: { isAfter: ['2026-11-23T09:00:00+08:00', '2026-11-23T00:30:00Z'] }, result: true }],
    arity: [2, 2],
    pure: true,
    call(values) {
      const left = parseTemporal(values[0]);
      const right = parseTemporal(values[1]);
      return !!left && !!right && compareTemporal(left, right) > 0;
    },
    signature: { accepts: [dateLike], returns: 'boolean' },
  },
  {
    name: 'startOfMonth',
    category: 'date',
    summary: 'The first day of the month of a date.',
    examples: [{ rule: { startOfMonth: '2026-11-23' }, result: '2026-11-01' }],
    arity: [1, 1],
    pure: true,
    call(values) {
      const value = parseTemporal(values[0]);
      return value ? formatDate(value.year, value.month, 1) : null;
    },
    signature: { accepts: [dateLike], returns: 'date' },
  },
  {
    name: 'endOfMonth',
    category: 'date',
    summary: 'The last day of the month of a date.',
    examples: [{ rule: { endOfMonth: '2028-02-10' }, result: '2028-02-29' }],
    arity: [1, 1],
    pure: true,
    call(values) {
      const value = parseTemporal(values[0]);
      return value ? formatDate(value.year, value.month, daysInMonth(value.year, value.month)) : null;
    },
    signature: { accepts: [dateLike], returns: 'date' },
  },
  {
    name: 'dayOfWeek',
    category: 'date',
    summary: 'The ISO weekday of a date: 1 for Monday to 7 for Sunday.',
    examples: [{ rule: { dayOfWeek: '2026-11-23' }, result: 1 }],
    arity: [1, 1],
    pure: true,
    call(values) {
      const value = parseTemporal(values[0]);
      // Day 0 (1970-01-01) was a Thursday.
      return value ? ((((dayNumber(value) + 3) % 7) + 7) % 7) + 1 : null;
    },
    signature: { accepts: [dateLike], returns: 'integer' },
  },
];
