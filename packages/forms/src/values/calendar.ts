/**
 * Calendar arithmetic on ISO date strings. A Chinese bank's business day is the China Standard
 * Time (UTC+8, no daylight saving) calendar date, so instants are read on that calendar.
 */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!);
}

/** `YYYY-MM-DD` that names a real day. */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  return match !== null && isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** The China Standard Time calendar date of `now` (a date, an ISO date or an ISO instant). */
export function businessDate(now: string | Date): string {
  if (typeof now === 'string' && ISO_DATE.test(now)) return now;
  const instant = typeof now === 'string' ? new Date(now) : now;
  if (Number.isNaN(instant.getTime())) throw new RangeError(`not a date or instant: ${String(now)}`);
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whole years completed between `birthDate` and the business date of `now`. */
export function ageOn(birthDate: string, now: string | Date): number {
  const today = businessDate(now);
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
