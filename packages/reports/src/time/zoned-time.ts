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

const offsetCaches = new Map<string, Map<number, number>>();
const offsetBlock = 15 * 60000;

/**
 * The zone's UTC offset in minutes at an instant. Offsets only change on quarter-hour
 * boundaries, so one `Intl` call per zone and quarter hour serves every instant in it.
 */
export function offsetMinutes(instant: Date, timeZone: string): number {
  let cache = offsetCaches.get(timeZone);
  if (!cache) {
    cache = new Map();
    offsetCaches.set(timeZone, cache);
  }
  const block = Math.floor(instant.getTime() / offsetBlock);
  let offset = cache.get(block);
  if (offset === undefined) {
    const start = new Date(block * offsetBlock);
    const local = localParts(start, timeZone);
    offset = Math.round(
      (Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second) - start.getTime()) /
        60000,
    );
    if (cache.size > 100000) cache.clear();
    cache.set(block, offset);
  }
  return offset;
}

/** `2026-11-23T16:00:00.000+08:00`: sorts as text in the same order as the instants (in zones without DST jumps). */
export function toLocalIso(instant: Date, timeZone: string): string {
  const offset = offsetMinutes(instant, timeZone);
  const local = new Date(instant.getTime() + offset * 60000).toISOString().slice(0, 23);
  const sign = offset < 0 ? '-' : '+';
  return `${local}${sign}${pad(Math.trunc(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

/** The calendar day of an instant in a time zone, as days since 1970-01-01. */
export function localDay(instant: Date, timeZone: string): number {
  return Math.floor((instant.getTime() + offsetMinutes(instant, timeZone) * 60000) / 86400000);
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

/** Date-times without an offset are UTC, as the rules engine reads them. */
export function withZone(text: string): string {
  return /(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text.replace(' ', 'T')}Z`;
}
