import { ageOn, businessDate, isCalendarDate, isIsoDate } from './calendar';

describe('calendar dates', () => {
  it('knows real days, leap years included', () => {
    expect(isCalendarDate(2024, 2, 29)).toBe(true);
    expect(isCalendarDate(2023, 2, 29)).toBe(false);
    expect(isCalendarDate(1900, 2, 29)).toBe(false);
    expect(isCalendarDate(2000, 2, 29)).toBe(true);
    expect(isIsoDate('2026-04-31')).toBe(false);
    expect(isIsoDate('2026-4-30')).toBe(false);
  });

  it('reads instants on the China Standard Time calendar', () => {
    expect(businessDate('2026-11-23T15:59:59Z')).toBe('2026-11-23');
    expect(businessDate('2026-11-23T16:00:00Z')).toBe('2026-11-24');
    expect(businessDate(new Date('2026-11-23T00:00:00+08:00'))).toBe('2026-11-23');
    expect(() => businessDate('tomorrow')).toThrow(RangeError);
  });

  it('counts completed years, birthday included', () => {
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26);
  });
});
