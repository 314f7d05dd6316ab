import { RuleError } from '../rule-error';

/**
 * Dates as the bank writes them: `2026-11-23` (a calendar date) or `2026-11-23T08:00:00+08:00`
 * (an instant). A datetime's calendar date is the one written in it, so the caller chooses the
 * zone by the offset it writes; a datetime without offset is read as UTC.
 */
export type Temporal =
  | { kind: 'date'; year: number; month: number; day: number }
  | { kind: 'datetime'; year: number; month: number; day: number; instant: number };

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const dateTimePattern = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const dayMilliseconds = 86_400_000;

export function invalidDate(value: unknown): RuleError {
  const shown = typeof value === 'string' ? `"${value.slice(0, 40)}"` : typeof value;
  return new RuleError('date.invalid', '', {
    'zh-CN': `不是有效的日期：${shown}（应为 2026-11-23 或 2026-11-23T08:00:00Z 的形式）`,
    en: `not a valid date: ${shown} (expected 2026-11-23 or 2026-11-23T08:00:00Z)`,
  });
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validCalendarDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Reads a date or datetime; null for an absent value (null, undefined, ""); RuleError otherwise. */
export function parseTemporal(value: unknown): Temporal | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) {
    const instant = value.getTime();
    if (Number.isNaN(instant)) throw invalidDate('Invalid Date');
    return { kind: 'datetime', year: value.getUTCFullYear(), month: value.getUTCMonth() + 1, day: value.getUTCDate(), instant };
  }
  if (typeof value !== 'string') throw invalidDate(value);
  const known = parsedDates.get(value);
  if (known) return known;
  const parsed = parseDateText(value);
  // Parsed dates are frozen, so the same text (a rule's `now`, a literal) is read once.
  if (parsedDates.size >= 1024) parsedDates.clear();
  parsedDates.set(value, parsed);
  return parsed;
}

const parsedDates = new Map<string, Temporal>();

function parseDateText(value: string): Temporal {
  const dateMatch = datePattern.exec(value);
  if (dateMatch) {
    const [year, month, day] = [Number(dateMatch[1]), Number(dateMatch[2]), Number(dateMatch[3])];
    if (!validCalendarDate(year, month, day)) throw invalidDate(value);
    return Object.freeze({ kind: 'date', year, month, day });
  }
  const timeMatch = dateTimePattern.exec(value);
  if (!timeMatch) throw invalidDate(value);
  const [year, month, day] = [Number(timeMatch[1]), Number(timeMatch[2]), Number(timeMatch[3])];
  const zone = timeMatch[7];
  const instant = Date.parse(zone ? value.replace(' ', 'T') : `${value.replace(' ', 'T')}Z`);
  if (!validCalendarDate(year, month, day) || Number.isNaN(instant)) throw invalidDate(value);
  return Object.freeze({ kind: 'datetime', year, month, day, instant });
}

/** Days since 1970-01-01 of the calendar date. */
export function dayNumber(value: { year: number; month: number; day: number }): number {
  return Math.floor(Date.UTC(value.year, value.month - 1, value.day) / dayMilliseconds);
}

export function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function fromDayNumber(days: number): string {
  const date = new Date(days * dayMilliseconds);
  return formatDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

export function formatInstant(instant: number): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) throw invalidDate('out of range');
  return date.toISOString();
}

/** Adds months, keeping the day unless the target month is shorter (Jan 31 + 1 month = Feb 28/29). */
export function addMonthsTo(value: Temporal, months: number): string {
  const total = value.year * 12 + (value.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1 + (total % 12 < 0 ? 12 : 0);
  const day = Math.min(value.day, daysInMonth(year, month));
  if (value.kind === 'date') return formatDate(year, month, day);
  const timeOfDay = ((value.instant % dayMilliseconds) + dayMilliseconds) % dayMilliseconds;
  const shift = value.instant - (Date.UTC(value.year, value.month - 1, value.day) + timeOfDay);
  return formatInstant(Date.UTC(year, month - 1, day) + timeOfDay + shift);
}

export function addDaysTo(value: Temporal, days: number): string {
  if (value.kind === 'date') return fromDayNumber(dayNumber(value) + days);
  return formatInstant(value.instant + days * dayMilliseconds);
}

/** Full years from `birth` to `asOf` (a birthday on 29 February counts on 28 February in other years). */
export function fullYears(birth: Temporal, asOf: Temporal): number {
  let years = asOf.year - birth.year;
  const birthDay = Math.min(birth.day, daysInMonth(asOf.year, birth.month));
  if (asOf.month < birth.month || (asOf.month === birth.month && asOf.day < birthDay)) years -= 1;
  return years;
}

/** Orders two values: by instant when both are datetimes, otherwise by calendar date. */
export function compareTemporal(left: Temporal, right: Temporal): number {
  if (left.kind === 'datetime' && right.kind === 'datetime') return Math.sign(left.instant - right.instant);
  return Math.sign(dayNumber(left) - dayNumber(right));
}
