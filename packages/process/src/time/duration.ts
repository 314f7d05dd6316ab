import type { WorkingCalendar } from '../definition/types';
import { addWorkingDays } from './working-calendar';

/** An ISO 8601 duration, or Tessera's `P<n>WD` (n working days). */
export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
  workingDays: number;
}

const isoDuration =
  /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const workingDaysDuration = /^P(\d+)WD$/;

export function parseDuration(text: string): Duration | undefined {
  const trimmed = text.trim().toUpperCase();
  const working = workingDaysDuration.exec(trimmed);
  const empty = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0, workingDays: 0 };
  if (working) return { ...empty, workingDays: Number(working[1]) };
  const match = isoDuration.exec(trimmed);
  if (!match || trimmed === 'P' || trimmed.endsWith('T')) return undefined;
  const [, years, months, weeks, days, hours, minutes, seconds] = match.map((part) => Number(part ?? 0));
  return { years, months, weeks, days, hours, minutes, seconds, workingDays: 0 } as Duration;
}

export function addDuration(from: Date, duration: Duration, calendar?: WorkingCalendar): Date {
  const result = new Date(from.getTime());
  if (duration.years || duration.months) {
    result.setUTCMonth(result.getUTCMonth() + duration.years * 12 + duration.months);
  }
  const milliseconds =
    ((duration.weeks * 7 + duration.days) * 86400 + duration.hours * 3600 + duration.minutes * 60 + duration.seconds) * 1000;
  result.setTime(result.getTime() + milliseconds);
  return duration.workingDays ? addWorkingDays(result, duration.workingDays, calendar) : result;
}

/** Parses an ISO 8601 date-time (or date) text; undefined when it is not one. */
export function parseDateTime(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}/.test(text.trim())) return undefined;
  const date = new Date(text.trim());
  return Number.isNaN(date.getTime()) ? undefined : date;
}
