import type { WorkingCalendar } from '../definition/types';

const defaultWeekend = [0, 6];
const chinaStandardTime = 480;

function localDay(instant: Date, offsetMinutes: number): { key: string; weekday: number } {
  const local = new Date(instant.getTime() + offsetMinutes * 60000);
  return { key: local.toISOString().slice(0, 10), weekday: local.getUTCDay() };
}

/** Whether the calendar day containing `instant` (in the calendar's time zone) is a working day. */
export function isWorkingDay(instant: Date, calendar: WorkingCalendar = {}): boolean {
  const { key, weekday } = localDay(instant, calendar.utcOffsetMinutes ?? chinaStandardTime);
  if (calendar.workdays?.includes(key)) return true;
  if (calendar.holidays?.includes(key)) return false;
  return !(calendar.weekend ?? defaultWeekend).includes(weekday);
}

/**
 * Moves forward `count` working days, keeping the time of day: Friday 10:00 + 1 working day is
 * Monday 10:00, and holidays and make-up working days (调休) of the calendar are respected.
 */
export function addWorkingDays(from: Date, count: number, calendar: WorkingCalendar = {}): Date {
  let cursor = new Date(from.getTime());
  let remaining = count;
  // A year of consecutive holidays is a broken calendar, not a reason to loop for ever.
  for (let guard = 0; remaining > 0 && guard < 366 + count * 7; guard += 1) {
    cursor = new Date(cursor.getTime() + 86400000);
    if (isWorkingDay(cursor, calendar)) remaining -= 1;
  }
  return cursor;
}
