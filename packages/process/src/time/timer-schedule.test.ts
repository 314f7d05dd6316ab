import { addDuration, parseDuration } from './duration';
import { scheduleTimerText, TimerSpecError } from './timer-schedule';
import { addWorkingDays, isWorkingDay } from './working-calendar';

const now = new Date('2026-11-23T08:00:00Z'); // a Monday

describe('ISO 8601 durations', () => {
  it('parses dates and times parts and adds them', () => {
    expect(addDuration(now, parseDuration('P1DT4H30M')!).toISOString()).toBe('2026-11-24T12:30:00.000Z');
    expect(addDuration(now, parseDuration('P1M')!).toISOString()).toBe('2026-12-23T08:00:00.000Z');
    expect(addDuration(now, parseDuration('P2W')!).toISOString()).toBe('2026-12-07T08:00:00.000Z');
  });

  it('rejects text that is not a duration', () => {
    expect(parseDuration('2 days')).toBeUndefined();
    expect(parseDuration('P')).toBeUndefined();
    expect(parseDuration('PT')).toBeUndefined();
  });
});

describe('working days', () => {
  const calendar = { holidays: ['2026-10-01', '2026-10-02'], workdays: ['2026-10-10'] };

  it('skip weekends in UTC+8 by default', () => {
    expect(addWorkingDays(new Date('2026-11-27T02:00:00Z'), 1).toISOString()).toBe('2026-11-30T02:00:00.000Z');
    // 2026-11-27T20:00Z is already Saturday in Beijing: one working day later is Monday.
    expect(isWorkingDay(new Date('2026-11-27T20:00:00Z'))).toBe(false);
  });

  it('skip holidays and count make-up working days 调休', () => {
    expect(addWorkingDays(new Date('2026-09-30T02:00:00Z'), 1, calendar).toISOString()).toBe('2026-10-05T02:00:00.000Z');
    expect(addWorkingDays(new Date('2026-10-09T02:00:00Z'), 1, calendar).toISOString()).toBe('2026-10-10T02:00:00.000Z');
  });

  it('P<n>WD durations use the calendar', () => {
    expect(addDuration(new Date('2026-09-30T02:00:00Z'), parseDuration('P2WD')!, calendar).toISOString()).toBe('2026-10-06T02:00:00.000Z');
  });
});

describe('timer schedules', () => {
  it('a duration counts from now, a date is absolute', () => {
    expect(scheduleTimerText('duration', 'PT15M', now)).toEqual({ dueAt: '2026-11-23T08:15:00.000Z' });
    expect(scheduleTimerText('date', '2026-12-01T09:00:00+08:00', now)).toEqual({ dueAt: '2026-12-01T01:00:00.000Z' });
  });

  it('a cycle gives the first due time and how many remain', () => {
    expect(scheduleTimerText('cycle', 'R3/PT1H', now)).toEqual({ dueAt: '2026-11-23T09:00:00.000Z', cycle: { remaining: 2, interval: 'PT1H' } });
    expect(scheduleTimerText('cycle', 'R/2026-12-01T00:00:00Z/P1D', now)).toEqual({
      dueAt: '2026-12-01T00:00:00.000Z',
      cycle: { remaining: null, interval: 'P1D' },
    });
  });

  it('names what is wrong with a malformed timer', () => {
    expect(() => scheduleTimerText('cycle', 'every hour', now)).toThrow(TimerSpecError);
    expect(() => scheduleTimerText('date', 'tomorrow', now)).toThrow(/not an ISO 8601 date-time/);
  });
});
