import type { LocalizedText } from '../problems';

/** A five-field cron expression (minute hour day-of-month month day-of-week) read once. */
export interface CronSchedule {
  expression: string;
  minutes: Set<number>;
  hours: Set<number>;
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  /** Whether day-of-month / day-of-week were restricted (`*` is not): cron ORs them when both are. */
  daysRestricted: boolean;
  weekdaysRestricted: boolean;
}

export class CronError extends Error {
  constructor(readonly messages: LocalizedText) {
    super(messages.en);
  }
}

const FIELDS = [
  { name: { zh: '分钟', en: 'minute' }, min: 0, max: 59 },
  { name: { zh: '小时', en: 'hour' }, min: 0, max: 23 },
  { name: { zh: '日', en: 'day of month' }, min: 1, max: 31 },
  { name: { zh: '月', en: 'month' }, min: 1, max: 12 },
  { name: { zh: '星期', en: 'day of week' }, min: 0, max: 7 },
] as const;

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function parseField(text: string, index: number): Set<number> {
  const { name, min, max } = FIELDS[index]!;
  const names = index === 3 ? MONTH_NAMES : index === 4 ? DAY_NAMES : [];
  const bad = (why: LocalizedText) =>
    new CronError({ 'zh-CN': `cron 的${name.zh}字段“${text}”${why['zh-CN']}`, en: `the cron ${name.en} field "${text}" ${why.en}` });
  const number = (part: string): number => {
    const named = names.indexOf(part.toLowerCase());
    if (named >= 0) return named + (index === 3 ? 1 : 0);
    if (!/^\d+$/.test(part)) throw bad({ 'zh-CN': '不是数字', en: 'is not a number' });
    const value = Number(part);
    if (value < min || value > max)
      throw bad({ 'zh-CN': `超出 ${min}–${max}`, en: `is outside ${min}–${max}` });
    return value;
  };
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const [range, stepText] = item.split('/') as [string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw bad({ 'zh-CN': '步长无效', en: 'has an invalid step' });
    let from: number;
    let to: number;
    if (range === '*') {
      from = min;
      to = index === 4 ? 6 : max;
    } else if (range.includes('-')) {
      const [low, high] = range.split('-') as [string, string];
      from = number(low);
      to = number(high);
      if (from > to) throw bad({ 'zh-CN': '区间起点大于终点', en: 'has a range that runs backwards' });
    } else {
      from = number(range);
      to = stepText === undefined ? from : index === 4 ? 6 : max;
    }
    for (let value = from; value <= to; value += step) values.add(index === 4 && value === 7 ? 0 : value);
  }
  return values;
}

/** Reads `minute hour day-of-month month day-of-week` (numbers, `*`, lists, ranges, steps, JAN–DEC, SUN–SAT). */
export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) {
    throw new CronError({
      'zh-CN': `cron 表达式“${expression}”应有 5 个字段（分 时 日 月 周）`,
      en: `the cron expression "${expression}" needs 5 fields (minute hour day month weekday)`,
    });
  }
  const [minutes, hours, days, months, weekdays] = parts.map(parseField) as [
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
  ];
  return {
    expression,
    minutes,
    hours,
    days,
    months,
    weekdays,
    daysRestricted: parts[2] !== '*',
    weekdaysRestricted: parts[4] !== '*',
  };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of an instant in a time zone. */
function localParts(instant: Date, timeZone: string) {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  return {
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: DAY_NAMES.indexOf(String(parts.weekday).toLowerCase().slice(0, 3)),
  };
}

function dayMatches(schedule: CronSchedule, local: ReturnType<typeof localParts>): boolean {
  if (!schedule.months.has(local.month)) return false;
  const byDay = schedule.days.has(local.day);
  const byWeekday = schedule.weekdays.has(local.weekday);
  if (schedule.daysRestricted && schedule.weekdaysRestricted) return byDay || byWeekday;
  return byDay && byWeekday;
}

const MINUTE = 60_000;

/** The first moment strictly after `after` at which the schedule fires, in the given time zone. */
export function nextTick(schedule: CronSchedule, after: Date, timeZone: string): Date {
  let candidate = Math.floor(after.getTime() / MINUTE) * MINUTE + MINUTE;
  // Five years of skipping whole days and hours is enough for any schedule that can fire (Feb 29 included).
  const limit = candidate + 5 * 366 * 24 * 60 * MINUTE;
  while (candidate <= limit) {
    const local = localParts(new Date(candidate), timeZone);
    if (!dayMatches(schedule, local)) {
      candidate += ((23 - local.hour) * 60 + (60 - local.minute)) * MINUTE;
      continue;
    }
    if (!schedule.hours.has(local.hour)) {
      candidate += (60 - local.minute) * MINUTE;
      continue;
    }
    if (!schedule.minutes.has(local.minute)) {
      candidate += MINUTE;
      continue;
    }
    return new Date(candidate);
  }
  throw new CronError({
    'zh-CN': `cron 表达式“${schedule.expression}”永远不会触发`,
    en: `the cron expression "${schedule.expression}" never fires`,
  });
}
