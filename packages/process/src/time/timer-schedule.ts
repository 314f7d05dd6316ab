import type { TimerSpec, WorkingCalendar } from '../definition/types';
import { addDuration, parseDateTime, parseDuration } from './duration';

export interface TimerSchedule {
  dueAt: string;
  /** Cycles: how many more firings after this one (null = for ever) and the interval between them. */
  cycle?: { remaining: number | null; interval: string };
}

export class TimerSpecError extends Error {}

/** Parses `R3/PT1H`, `R/P1D`, `R2/2026-12-01T09:00:00Z/PT1H` relative to `now`. */
export function scheduleCycle(text: string, now: Date, calendar?: WorkingCalendar): TimerSchedule {
  const parts = text.trim().split('/');
  const repeat = /^R(\d*)$/.exec(parts[0] ?? '');
  if (!repeat || parts.length < 2 || parts.length > 3) throw new TimerSpecError(`"${text}" is not an ISO 8601 cycle`);
  const intervalText = parts[parts.length - 1]!;
  const interval = parseDuration(intervalText);
  if (!interval) throw new TimerSpecError(`"${intervalText}" is not an ISO 8601 duration`);
  const repetitions = repeat[1] === '' ? null : Number(repeat[1]);
  let first: Date;
  if (parts.length === 3) {
    const startAt = parseDateTime(parts[1]!);
    if (!startAt) throw new TimerSpecError(`"${parts[1]}" is not an ISO 8601 date-time`);
    first = startAt;
  } else {
    first = addDuration(now, interval, calendar);
  }
  return {
    dueAt: first.toISOString(),
    cycle: { remaining: repetitions === null ? null : Math.max(repetitions - 1, 0), interval: intervalText },
  };
}

export function scheduleTimerText(
  type: TimerSpec['type'],
  text: string,
  now: Date,
  calendar?: WorkingCalendar,
): TimerSchedule {
  if (type === 'cycle') return scheduleCycle(text, now, calendar);
  if (type === 'date') {
    const date = parseDateTime(text);
    if (!date) throw new TimerSpecError(`"${text}" is not an ISO 8601 date-time`);
    return { dueAt: date.toISOString() };
  }
  const duration = parseDuration(text);
  if (!duration) throw new TimerSpecError(`"${text}" is not an ISO 8601 duration`);
  return { dueAt: addDuration(now, duration, calendar).toISOString() };
}

/** A due date given as a date-time or as a duration from `now`. */
export function resolveDueDate(text: string, now: Date, calendar?: WorkingCalendar): string {
  const date = parseDateTime(text);
  if (date) return date.toISOString();
  const duration = parseDuration(text);
  if (!duration) throw new TimerSpecError(`"${text}" is neither an ISO 8601 date-time nor a duration`);
  return addDuration(now, duration, calendar).toISOString();
}
