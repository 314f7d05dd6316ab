/** Calendar arithmetic in an IANA time zone with `Intl` alone, matching Postgres `AT TIME ZONE`. */
import type { DateBucket } from '../definition/types';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let existing = formatters.get(timeZone);
  if (!existing) {
    existing = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, existing);
  }
  return existing;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(instant: Date, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

const pad = (value: number, width = 2): string => String(Math.abs(value)).padStart(width, '0');

export function toInstant(value: unknown): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const instant = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/** `2026-11-23T16:00:00.000+08:00`: sorts as text in the same order as the instants (in zones without DST jumps). */
export function toLocalIso(instant: Date, timeZone: string): string {
  const local = localParts(instant, timeZone);
  const milliseconds = instant.getUTCMilliseconds();
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second, milliseconds);
  const offsetMinutes = Math.round((asUtc - instant.getTime()) / 60000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  return (
    `${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)}T${pad(local.hour)}:${pad(local.minute)}:` +
    `${pad(local.second)}.${pad(milliseconds, 3)}${sign}${pad(Math.trunc(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`
  );
}

/** The calendar day of an instant in a time zone, as days since 1970-01-01. */
export function localDay(instant: Date, timeZone: string): number {
  const local = localParts(instant, timeZone);
  return Date.UTC(local.year, local.month - 1, local.day) / 86400000;
}

export function dayFromIsoDate(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!match) return null;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / 86400000;
}

export function isoDateOfDay(day: number): string {
  return new Date(day * 86400000).toISOString().slice(0, 10);
}

/** The first day of the bucket holding `day`, as Postgres `date_trunc` computes it (ISO weeks start on Monday). */
export function bucketStart(day: number, bucket: DateBucket): number {
  const date = new Date(day * 86400000);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  switch (bucket) {
    case 'day':
      return day;
    case 'week':
      return day - ((date.getUTCDay() + 6) % 7);
    case 'month':
      return Date.UTC(year, month, 1) / 86400000;
    case 'quarter':
      return Date.UTC(year, month - (month % 3), 1) / 86400000;
    case 'year':
      return Date.UTC(year, 0, 1) / 86400000;
  }
}

/** Working days in (from, to]: Monday to Friday, less the holidays; negative when `to` is before `from`. */
export function workingDaysBetween(fromDay: number, toDay: number, holidays: ReadonlySet<number>): number {
  const sign = toDay >= fromDay ? 1 : -1;
  const [low, high] = sign === 1 ? [fromDay, toDay] : [toDay, fromDay];
  let count = 0;
  for (let day = low + 1; day <= high; day += 1) {
    const weekday = new Date(day * 86400000).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !holidays.has(day)) count += 1;
  }
  return sign * count;
}
